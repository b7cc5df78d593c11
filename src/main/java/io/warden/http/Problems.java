package io.warden.http;

import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.Map;

/** Renders problems as {@code application/problem+json} responses. */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";
    /** Seconds a client should wait before retrying a 503; one election normally fits in it. */
    static final String RETRY_AFTER_SECONDS = "1";

    private Problems() {
    }

    public static Response response(ProblemException e) {
        return response(e.type(), e.getMessage(), e.extra());
    }

    public static Response response(ProblemType type, String detail, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.uri);
        body.put("title", type.title);
        body.put("status", type.status);
        body.put("detail", detail);
        body.putAll(extra);
        Response.ResponseBuilder builder = Response.status(type.status).type(MEDIA_TYPE).entity(body);
        if (type == ProblemType.UNAVAILABLE || type == ProblemType.LIMIT) {
            builder.header("Retry-After", RETRY_AFTER_SECONDS);
        }
        return builder.build();
    }
}
