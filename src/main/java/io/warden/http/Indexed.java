package io.warden.http;

import jakarta.ws.rs.core.Response;

/** The {@code X-Warden-Index} header: the Raft applied index at which a response was served. */
public final class Indexed {

    public static final String HEADER = "X-Warden-Index";

    private Indexed() {
    }

    static Response.ResponseBuilder with(Response.ResponseBuilder builder, long index) {
        return builder.header(HEADER, index);
    }
}
