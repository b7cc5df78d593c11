package io.warden.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.warden.config.WardenConfig;
import io.warden.domain.acl.AclToken;
import io.warden.raft.StateReads;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access control at the door of every /v1 request (and of /q/metrics and /q/openapi when they are
 * protected): the bearer token is authenticated (401 otherwise), then the endpoint's right is checked
 * ({@link AccessRules}, 403 otherwise), and the caller is left on the request for the proposal's
 * principal and the session-id mask. Installed only when access control is on, so it costs nothing off.
 * /q/health stays open: probes carry no token.
 * <p>
 * A token is {@code <id>.<secret>}; its stored hash is slow on purpose, so each node verifies a secret
 * once (off the event loop) and then compares a SHA-256 of what is presented with the verified one,
 * in constant time. Deleting a token ends it at once: the id is looked up in the applied state on every request.
 */
@ApplicationScoped
public class AccessFilter {

    static final String CALLER = "warden.caller";
    private static final Logger LOG = Logger.getLogger(AccessFilter.class);

    @Inject
    WardenConfig config;

    @Inject
    StateReads state;

    @Inject
    HttpLayerProblems problems;

    @Inject
    RateLimits rateLimits;

    private volatile byte[] bootstrapDigest;
    /** Token id → digest of the presented token that last verified; at most one entry per live token. */
    private final Map<String, byte[]> verified = new ConcurrentHashMap<>();

    void install(@Observes Router router) {
        if (!config.auth().enabled()) {
            return;
        }
        bootstrapDigest = config.auth().bootstrapTokenFile().map(AccessFilter::readBootstrap).orElse(null);
        if (bootstrapDigest == null) {
            LOG.warn("warden.auth.enabled without warden.auth.bootstrap-token-file: only tokens already in the group's state are accepted");
        }
        // After the size limits (order -100), before the watch route (-50) and the JAX-RS resources.
        router.route().order(-90).handler(this::check);
    }

    private static byte[] readBootstrap(String file) {
        try {
            String token = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
            if (token.length() < 16) {
                throw new IllegalArgumentException("warden.auth.bootstrap-token-file " + file
                        + " holds fewer than 16 characters; use a long random token");
            }
            return TokenSecrets.digest(token);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read warden.auth.bootstrap-token-file " + file, e);
        }
    }

    private boolean guarded(String path) {
        if (path.equals("/v1") || path.startsWith("/v1/")) {
            return true;
        }
        return config.auth().protectOperations() && (path.startsWith("/q/metrics") || path.startsWith("/q/openapi"));
    }

    private void check(RoutingContext rc) {
        String path = rc.normalizedPath();
        if (!guarded(path)) {
            rc.next();
            return;
        }
        String presented = bearer(rc.request().getHeader("Authorization"));
        if (presented == null) {
            unauthorized(rc, "send Authorization: Bearer <token>");
            return;
        }
        byte[] digest = TokenSecrets.digest(presented);
        byte[] bootstrap = bootstrapDigest;
        if (bootstrap != null && MessageDigest.isEqual(digest, bootstrap)) {
            authorize(rc, path, Caller.bootstrap());
            return;
        }
        int dot = presented.indexOf('.');
        if (dot <= 0 || dot == presented.length() - 1) {
            unauthorized(rc, "the token is not valid");
            return;
        }
        String id = presented.substring(0, dot);
        String secret = presented.substring(dot + 1);
        Optional<AclToken> token = state.readLocal(r -> r.token(id)).value();
        if (token.isPresent()) {
            authenticate(rc, path, token.get(), secret, digest);
            return;
        }
        // Unknown here may be only not applied here yet (a token made a moment ago through another node):
        // a linearizable read decides before the caller is refused.
        rc.request().pause();
        io.vertx.core.Context context = rc.vertx().getOrCreateContext();
        state.read(true, r -> r.token(id)).whenComplete((served, error) -> context.runOnContext(v -> {
            rc.request().resume();
            if (error == null && served.value().isPresent()) {
                authenticate(rc, path, served.value().get(), secret, digest);
            } else if (error != null) {
                problems.end(rc, new ProblemException(ProblemType.UNAVAILABLE, "the token could not be checked: no quorum"));
            } else {
                verified.remove(id);
                unauthorized(rc, "the token is not valid");
            }
        }));
    }

    private void authenticate(RoutingContext rc, String path, AclToken token, String secret, byte[] digest) {
        String id = token.id();
        byte[] known = verified.get(id);
        if (known != null && MessageDigest.isEqual(known, digest)) {
            authorize(rc, path, Caller.of(token));
            return;
        }
        // First sight of this secret on this node: the slow hash runs on a worker, the request waits paused.
        rc.request().pause();
        rc.vertx().executeBlocking(() -> TokenSecrets.verify(secret, token.secretHash()), false)
                .onComplete(ar -> {
                    rc.request().resume();
                    if (ar.succeeded() && ar.result()) {
                        verified.put(id, digest);
                        authorize(rc, path, Caller.of(token));
                    } else {
                        unauthorized(rc, "the token is not valid");
                    }
                });
    }

    private void authorize(RoutingContext rc, String path, Caller caller) {
        if (!rateLimits.admitToken(rc, caller)) {
            return;
        }
        AccessRules.Need need = AccessRules.of(rc.request().method().name(), path, rc.request().getParam("prefix"));
        if (!need.allows(caller, SessionMask.owners(state))) {
            problems.end(rc, new ProblemException(ProblemType.FORBIDDEN, need.describe()));
            return;
        }
        rc.put(CALLER, caller);
        rc.next();
    }

    private void unauthorized(RoutingContext rc, String detail) {
        rc.response().putHeader("WWW-Authenticate", "Bearer realm=\"warden\"");
        problems.end(rc, new ProblemException(ProblemType.UNAUTHORIZED, detail));
    }

    /** The token of an {@code Authorization: Bearer} header, or null for a missing or other scheme. */
    static String bearer(String header) {
        if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = header.substring(7).strip();
        return token.isEmpty() || token.length() > 512 ? null : token;
    }
}
