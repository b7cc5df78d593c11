package io.warden.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a malformed {@code Idempotency-Key} on every write before a resource sees it. It reads the raw
 * header because {@code @HeaderParam} turns an empty one into null, which would silently mean "no key".
 */
public class IdempotencyKeyFilter {

    @ServerRequestFilter
    public Response check(ContainerRequestContext request) {
        String key = request.getHeaderString(IdempotencyKeys.HEADER);
        if (key == null || "GET".equals(request.getMethod())) {
            return null;
        }
        try {
            IdempotencyKeys.validate(key);
            return null;
        } catch (ProblemException e) {
            return Problems.response(e);
        }
    }
}
