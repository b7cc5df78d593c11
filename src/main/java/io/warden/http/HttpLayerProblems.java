package io.warden.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.warden.raft.StateReads;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Errors that the HTTP layer answers before any resource runs (an undecodable path or query, a missing
 * Host, a failure in a filter) as problem+json like every other error, never an empty body or the
 * framework's own error page. Requests the HTTP codec cannot parse at all (not HTTP) still get its plain
 * status line: no handler of this application sees them.
 */
@ApplicationScoped
public class HttpLayerProblems {

    private static final Logger LOG = Logger.getLogger(HttpLayerProblems.class);

    @Inject
    StateReads state;

    void install(@Observes Router router) {
        // Before Quarkus' own failure handler, which renders its error page.
        router.route().order(-200).failureHandler(this::onFailure);
        for (int status : new int[] {400, 404, 405, 413, 414, 415, 431, 500, 501}) {
            router.errorHandler(status, rc -> onFailure(rc));
        }
    }

    private void onFailure(RoutingContext rc) {
        if (rc.response().ended() || rc.response().headWritten()) {
            return;
        }
        int status = rc.statusCode() > 0 ? rc.statusCode() : 500;
        ProblemType type = typeOf(status);
        if (type == ProblemType.INTERNAL && rc.failure() != null) {
            LOG.error("unhandled failure at the HTTP layer for " + rc.request().method() + " " + rc.request().path(),
                    rc.failure());
        }
        end(rc, type, detailOf(type, status), status >= 500 || status == 400);
    }

    /** Ends the exchange with {@code problem}, its extra members (field errors) included. */
    void end(RoutingContext rc, ProblemException problem) {
        JsonObject extra = new JsonObject();
        problem.extra().forEach((name, value) -> extra.put(name, value instanceof List<?> list
                ? new JsonArray(list.stream().map(HttpLayerProblems::member).toList()) : value));
        if (problem.type() == ProblemType.LIMIT || problem.type() == ProblemType.UNAVAILABLE) {
            rc.response().putHeader("Retry-After", Problems.RETRY_AFTER_SECONDS);
        }
        end(rc, problem.type(), problem.getMessage(), false, extra);
    }

    private static Object member(Object value) {
        return value instanceof ProblemException.FieldError e
                ? new JsonObject().put("field", e.field()).put("message", e.message()) : value;
    }

    /** Ends the exchange with a problem of {@code type}; {@code close} when the connection cannot be trusted. */
    void end(RoutingContext rc, ProblemType type, String detail, boolean close) {
        end(rc, type, detail, close, new JsonObject());
    }

    private void end(RoutingContext rc, ProblemType type, String detail, boolean close, JsonObject extra) {
        var response = rc.response().setStatusCode(type.status)
                .putHeader("Content-Type", Problems.MEDIA_TYPE)
                .putHeader(Indexed.HEADER, Long.toString(Indexed.applied(state)));
        if (close) {
            response.putHeader("Connection", "close");
        }
        response.end(new JsonObject()
                .put("type", type.uri)
                .put("title", type.title)
                .put("status", type.status)
                .put("detail", detail)
                .mergeIn(extra)
                .encode());
    }

    private static ProblemType typeOf(int status) {
        return switch (status) {
            case 400 -> ProblemType.INVALID_REQUEST;
            case 404 -> ProblemType.NOT_FOUND;
            case 405 -> ProblemType.METHOD_NOT_ALLOWED;
            case 413 -> ProblemType.TOO_LARGE;
            case 414 -> ProblemType.URI_TOO_LONG;
            case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
            case 431 -> ProblemType.HEADERS_TOO_LARGE;
            case 501 -> ProblemType.NOT_IMPLEMENTED;
            default -> ProblemType.INTERNAL;
        };
    }

    private static String detailOf(ProblemType type, int status) {
        return switch (status) {
            case 400 -> "the request could not be read (its path, query or headers)";
            case 404 -> "no such endpoint";
            case 405 -> "the endpoint does not take that method";
            case 501 -> "the method is not one this server knows";
            default -> type == ProblemType.INTERNAL ? "the server failed to answer; nothing was changed by this error"
                    : type.title;
        };
    }
}
