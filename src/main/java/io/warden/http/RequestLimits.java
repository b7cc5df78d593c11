package io.warden.http;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.warden.config.WardenConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.Map;

/**
 * Refuses a request over a size limit from its head, before any body is read: the body's declared
 * length (413), the request target (414) and the headers (431), each answered problem+json. The HTTP
 * codec's own limits (application.properties) sit well above these, so a request that is merely too
 * large reaches this handler and gets a problem, not the codec's empty answer.
 */
@ApplicationScoped
public class RequestLimits {

    @Inject
    HttpLayerProblems problems;

    @Inject
    WardenConfig config;

    void install(@Observes Router router) {
        router.route().order(-100).handler(this::refuseOversized);
    }

    private void refuseOversized(RoutingContext rc) {
        WardenConfig.Limits limits = config.limits();
        String target = rc.request().uri();
        if (target.length() > limits.maxUriBytes()) {
            problems.end(rc, ProblemType.URI_TOO_LONG, "the request target is " + target.length()
                    + " bytes; at most " + limits.maxUriBytes() + " are read", true);
            return;
        }
        int headerBytes = headerBytes(rc.request().headers());
        if (headerBytes > limits.maxHeaderBytes()) {
            problems.end(rc, ProblemType.HEADERS_TOO_LARGE, "the headers are " + headerBytes + " bytes; at most "
                    + limits.maxHeaderBytes() + " are read", true);
            return;
        }
        String length = rc.request().getHeader("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > limits.maxBodyBytes()) {
                    problems.end(rc, ProblemType.TOO_LARGE, "the body is over " + limits.maxBodyBytes() + " bytes", true);
                    return;
                }
            } catch (NumberFormatException ignored) {
                // The HTTP codec refuses a malformed Content-Length before this handler runs.
            }
        }
        rc.next();
    }

    private static int headerBytes(MultiMap headers) {
        int bytes = 0;
        for (Map.Entry<String, String> h : headers) {
            bytes += h.getKey().length() + h.getValue().length() + 4; // ": " and CRLF
        }
        return bytes;
    }
}
