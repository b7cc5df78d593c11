package io.warden.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.warden.config.WardenConfig;
import io.warden.domain.Command;
import io.warden.raft.Committed;
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

    JsonBody body(String text) {
        return JsonBody.parse(mapper, text, config.limits().maxBodyBytes());
    }

    /** The idempotency key and fingerprint of a write; {@link IdempotencyKeyFilter} has checked the key. */
    record Retry(String key, String fingerprint) {
        static Retry of(String header, String method, String path, String body) {
            return new Retry(header, IdempotencyKeys.fingerprint(header, method, path, body));
        }
    }

    CompletableFuture<Committed> propose(Command command, Retry retry) {
        return writes.submit(command, retry.key(), retry.fingerprint());
    }

    CompletionStage<Response> write(Command command, Retry retry, int successStatus) {
        return propose(command, retry).thenApply(c -> Outcomes.render(c.result(), c.index(), successStatus));
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
