package io.warden.http;

import io.warden.raft.StateReads;
import jakarta.ws.rs.core.Response;

/** The {@code X-Warden-Index} header: the Raft applied index at which a response was served. */
public final class Indexed {

    public static final String HEADER = "X-Warden-Index";

    private Indexed() {
    }

    static Response.ResponseBuilder with(Response.ResponseBuilder builder, long index) {
        return builder.header(HEADER, index);
    }

    /** Ratis reports -1 before the first entry is applied; clients feed this header back as ?index=, which must be >= 0. */
    static long applied(StateReads state) {
        return Math.max(0, state.appliedIndex());
    }
}
