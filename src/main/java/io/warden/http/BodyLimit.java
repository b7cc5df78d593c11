package io.warden.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.warden.config.WardenConfig;
import io.warden.raft.StateReads;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** Refuses a body over the limit from its Content-Length, before any of it is read. */
@ApplicationScoped
public class BodyLimit {

    @Inject
    StateReads state;

    @Inject
    WardenConfig config;

    void installBodyLimit(@Observes Router router) {
        router.route().order(-100).handler(this::refuseOversizedBodies);
    }

    private void refuseOversizedBodies(RoutingContext rc) {
        String length = rc.request().getHeader("Content-Length");
        if (length != null && rc.request().path().startsWith("/v1/")) {
            try {
                if (Long.parseLong(length.trim()) > config.limits().maxBodyBytes()) {
                    rc.response().setStatusCode(413)
                            .putHeader("Content-Type", Problems.MEDIA_TYPE)
                            .putHeader(Indexed.HEADER, Long.toString(Indexed.applied(state)))
                            .putHeader("Connection", "close")
                            .end(new JsonObject()
                                    .put("type", ProblemType.TOO_LARGE.uri)
                                    .put("title", ProblemType.TOO_LARGE.title)
                                    .put("status", 413)
                                    .put("detail", "the body is over " + config.limits().maxBodyBytes() + " bytes")
                                    .encode());
                    return;
                }
            } catch (NumberFormatException ignored) {
                // A malformed Content-Length is the HTTP server's to refuse.
            }
        }
        rc.next();
    }
}
