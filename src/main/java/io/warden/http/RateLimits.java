package io.warden.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.warden.config.WardenConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Per-client rate limits on /v1 (README, Security): one client address, or one token, gets at most
 * {@code warden.limits.rate-per-address} / {@code rate-per-token} requests a second on this node, with a
 * burst of as many again; beyond, 429 {@code urn:warden:limit} with Retry-After, before the request
 * reaches anything else, so one flooding client cannot starve the others. Off (0) by default.
 *
 * <p>A refusal is answered after {@link #HOLD_MS}, not at once: a client that ignores Retry-After and
 * sends again as soon as it is answered would otherwise be refused as fast as the node can parse its
 * requests, and those refusals took the CPU the others needed (load-tests/flood.sh: the others' p99
 * was worse with the limit than without). Held, each of its connections costs one refusal a hold. A
 * held refusal is a timer on the event loop; at most {@link #MAX_HELD} are held, the rest answered at once.
 */
@ApplicationScoped
public class RateLimits {

    /** Callers tracked at once per limit; enough for every client of a large deployment. */
    static final int MAX_KEYS = 100_000;

    /** How long a refusal is held: the Retry-After it carries. */
    static final long HOLD_MS = 1_000;

    /** Refusals held at once on this node; beyond, refusals are answered at once. */
    static final int MAX_HELD = 4_096;

    private final AtomicInteger held = new AtomicInteger();

    @Inject
    WardenConfig config;

    @Inject
    HttpLayerProblems problems;

    private RateBuckets byAddress;
    private RateBuckets byToken;

    void install(@Observes Router router) {
        int perAddress = config.limits().ratePerAddress();
        if (perAddress > 0) {
            byAddress = new RateBuckets(perAddress, MAX_KEYS);
            // After the size limits (-100), before authentication (-90): a flood of wrong tokens is counted too.
            router.route().order(-95).handler(this::limitAddress);
        }
        int perToken = config.limits().ratePerToken();
        if (perToken > 0) {
            byToken = new RateBuckets(perToken, MAX_KEYS);
        }
    }

    private void limitAddress(RoutingContext rc) {
        if (!rc.normalizedPath().startsWith("/v1")) {
            rc.next();
            return;
        }
        String address = rc.request().remoteAddress() == null ? "unknown" : rc.request().remoteAddress().hostAddress();
        if (!byAddress.take(address, System.nanoTime())) {
            refuse(rc, "address", byAddress.rate());
            return;
        }
        rc.next();
    }

    /** Called by the access filter once the caller is known; true when the request may go on. */
    boolean admitToken(RoutingContext rc, Caller caller) {
        if (byToken == null || caller.principal() == null) {
            return true;
        }
        if (byToken.take(caller.principal(), System.nanoTime())) {
            return true;
        }
        refuse(rc, "token", byToken.rate());
        return false;
    }

    private void refuse(RoutingContext rc, String per, int rate) {
        ProblemException refusal = new ProblemException(ProblemType.LIMIT, "more than " + rate
                + " requests a second from this " + per + " (warden.limits.rate-per-" + per + ")")
                .with("limit", "rate-per-" + per).with("max", rate);
        if (held.incrementAndGet() > MAX_HELD) {
            held.decrementAndGet();
            problems.end(rc, refusal);
            return;
        }
        rc.vertx().setTimer(HOLD_MS, id -> {
            held.decrementAndGet();
            if (!rc.response().closed() && !rc.response().ended()) {
                problems.end(rc, refusal);
            }
        });
    }
}
