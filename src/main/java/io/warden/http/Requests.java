package io.warden.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.warden.config.WardenConfig;
import io.warden.domain.Command;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import io.warden.raft.Committed;
import io.warden.raft.StateReads;
import io.warden.raft.Writes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** What every resource needs: body parsing with the configured limit, and proposing a write. */
@ApplicationScoped
public class Requests {

    @Inject
    ObjectMapper mapper;

    @Inject
    WardenConfig config;

    @Inject
    Writes writes;

    @Inject
    CurrentVertxRequest current;

    @Inject
    StateReads state;

    JsonBody body(String text) {
        return JsonBody.parse(mapper, text, config.limits().maxBodyBytes());
    }

    /**
     * The idempotency key and fingerprint of a write ({@link IdempotencyKeyFilter} has checked the key),
     * and the caller's principal. The principal is part of the fingerprint, so another token reusing a
     * key is told the key is taken instead of being shown the first caller's result.
     */
    record Retry(String key, String fingerprint, String principal) {
    }

    /** Call in the resource method itself: the caller is read from the request. */
    Retry retry(String header, String method, String path, String body) {
        String principal = caller().principal();
        String fingerprint = IdempotencyKeys.fingerprint(header, method, path, principal == null ? body : principal + "\n" + body);
        return new Retry(header, fingerprint, principal);
    }

    CompletableFuture<Committed> propose(Command command, Retry retry) {
        return writes.submit(command, retry.key(), retry.fingerprint(), retry.principal());
    }

    /**
     * Who sent the request being served; {@link Caller#OPEN} with access control off. Fails rather than
     * guess when access control is on and no caller was authenticated, so no write goes out unjudged.
     */
    Caller caller() {
        if (!config.auth().enabled()) {
            return Caller.OPEN;
        }
        RoutingContext rc = current.getCurrent();
        Caller caller = rc == null ? null : rc.get(AccessFilter.CALLER);
        if (caller == null) {
            throw new IllegalStateException("no authenticated caller for this request");
        }
        return caller;
    }

    /** The session-id mask of the request being served (call in the resource method itself). */
    SessionMask mask() {
        Caller caller = caller();
        if (caller.admin()) {
            return SessionMask.NONE;
        }
        return new SessionMask(caller, SessionMask.owners(state));
    }

    CompletionStage<Response> write(Command command, Retry retry, int successStatus) {
        SessionMask mask = mask();
        return propose(command, retry).thenApply(c -> Outcomes.render(c.result(), c.index(), successStatus, mask));
    }

    static boolean linearizable(String consistency) {
        if (consistency == null || consistency.equals("linearizable") || consistency.equals("default")) {
            return true;
        }
        if (consistency.equals("stale")) {
            return false;
        }
        throw ProblemException.invalid("consistency", "must be 'stale' or 'linearizable'");
    }
}
