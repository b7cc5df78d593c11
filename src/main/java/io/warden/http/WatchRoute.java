package io.warden.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.warden.domain.watch.EventId;
import io.warden.domain.watch.WatchEvent;
import io.warden.domain.watch.WatchFilter;
import io.warden.raft.StateReads;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code GET /v1/watch}: a Server-Sent Events stream of what the log applies. It is a Vert.x route, not a
 * JAX-RS resource, because a stream needs the connection itself: its write queue (to stop writing to a
 * slow reader) and its close (to forget the cursor). Every refusal is problem+json like the rest of the API.
 */
@ApplicationScoped
public class WatchRoute {

    static final String PATH = "/v1/watch";

    @Inject
    WatchHub hub;

    @Inject
    HttpLayerProblems problems;

    @Inject
    StateReads state;

    void install(@Observes Router router) {
        // After the size limits (order -100), before the JAX-RS resources.
        router.route(PATH).order(-50).handler(this::handle);
    }

    private void handle(RoutingContext rc) {
        try {
            if (rc.request().method() != HttpMethod.GET) {
                rc.response().putHeader("Allow", "GET");
                throw new ProblemException(ProblemType.METHOD_NOT_ALLOWED, "a watch is opened with GET");
            }
            requireEventStream(rc.request().getHeader("Accept"));
            WatchFilter filter = new WatchFilter(prefix(single(rc, "prefix")), kinds(rc.queryParam("types")),
                    session(single(rc, "session")));
            EventId after = startPoint(rc.request().getHeader("Last-Event-ID"), single(rc, "from"));
            Caller caller = rc.get(AccessFilter.CALLER);
            SessionMask mask = SessionMask.NONE;
            if (caller != null) {
                Function<String, String> ownerOf = SessionMask.owners(state);
                String refusal = WatchAccess.refusal(caller, filter, ownerOf);
                if (refusal != null) {
                    throw new ProblemException(ProblemType.FORBIDDEN, refusal);
                }
                mask = WatchAccess.mask(caller, filter, ownerOf);
            }
            hub.open(rc.response(), filter, after, mask);
        } catch (ProblemException e) {
            problems.end(rc, e);
        } catch (IllegalArgumentException e) {
            // The query could not be decoded (a bad percent escape).
            problems.end(rc, new ProblemException(ProblemType.INVALID_REQUEST, "the query could not be read"));
        }
    }

    private EventId startPoint(String lastEventId, String from) {
        // A reconnecting EventSource sends Last-Event-ID and repeats the URL it was opened with: the header wins.
        if (lastEventId != null && !lastEventId.isBlank()) {
            return EventId.parse(lastEventId).orElseThrow(() -> ProblemException.invalid("Last-Event-ID",
                    "must be <index> or <index>.<position>, as a watch's event ids are"));
        }
        if (from != null) {
            return EventId.afterEntry(Queries.nonNegative("from", from));
        }
        return hub.history().newest();
    }

    private static void requireEventStream(String accept) {
        if (accept == null || accept.isBlank()) {
            return;
        }
        for (String range : accept.split(",")) {
            String type = range.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
            if (type.equals("text/event-stream") || type.equals("text/*") || type.equals("*/*")) {
                return;
            }
        }
        throw new ProblemException(ProblemType.NOT_ACCEPTABLE, "a watch answers text/event-stream only");
    }

    private static Set<WatchEvent.Kind> kinds(List<String> values) {
        Set<WatchEvent.Kind> kinds = EnumSet.noneOf(WatchEvent.Kind.class);
        for (String value : values) {
            for (String part : value.split(",", -1)) {
                kinds.add(kind(part.trim()));
            }
        }
        return kinds;
    }

    private static WatchEvent.Kind kind(String name) {
        for (WatchEvent.Kind kind : WatchEvent.Kind.values()) {
            if (kind.name().toLowerCase(Locale.ROOT).equals(name)) {
                return kind;
            }
        }
        throw ProblemException.invalid("types", "must be a comma-separated list of lock, session, member, election");
    }

    private static String session(String id) {
        if (id != null && !SessionIds.isWellFormed(id)) {
            throw ProblemException.invalid("session", "must be a session id (a UUID)");
        }
        return id;
    }

    private static String single(RoutingContext rc, String name) {
        List<String> values = rc.queryParam(name);
        if (values.size() > 1) {
            throw ProblemException.invalid(name, "may be given once");
        }
        return values.isEmpty() ? null : values.get(0);
    }

    /** An empty prefix is no filter; any other is a name's beginning, so it has a name's characters. */
    private static String prefix(String value) {
        return value == null || value.isEmpty() ? null : Names.require("prefix", value);
    }
}
