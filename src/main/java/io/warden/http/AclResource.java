package io.warden.http;

import io.smallrye.common.annotation.Blocking;
import io.warden.config.WardenConfig;
import io.warden.domain.Command;
import io.warden.domain.Result;
import io.warden.domain.acl.AclRule;
import io.warden.domain.acl.AclToken;
import io.warden.raft.StateReads;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/** {@code /v1/acl/tokens}: admins create, list, read and delete tokens (AccessRules admits admins only). */
@Path("/v1/acl/tokens")
@Tag(name = "Access control", description = "Tokens with rules per kind and name prefix (warden.auth.enabled)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
public class AclResource {

    /** Rules a token may hold: enough for any real policy, few enough that a check stays cheap. */
    static final int MAX_RULES = 64;
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._:-]{0,200}");

    @Inject
    Requests requests;

    @Inject
    WardenConfig config;

    @Inject
    StateReads state;

    @POST
    // The secret's PBKDF2 hash takes tens of milliseconds: on a worker thread, not the event loop.
    @Blocking
    @Operation(summary = "Create a token", description = "The answer holds the secret, shown this once")
    @RequestBody(content = @Content(schema = @Schema(implementation = Json.TokenRequest.class)))
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = Json.Token.class)))
    public CompletionStage<Response> create(String body, @HeaderParam(IdempotencyKeys.HEADER) String key) {
        JsonBody json = requests.body(body);
        String name = json.string("name");
        if (name != null) {
            Names.require("name", name);
        }
        List<AclRule> rules = rules(json.objects("rules"));
        boolean admin = json.bool("admin", false);
        Requests.Retry retry = requests.retry(key, "POST", "/v1/acl/tokens", body);
        // Id, secret and salt are drawn here: apply must not draw random numbers, and the log must not hold the secret.
        String id = UUID.randomUUID().toString();
        String secret = id + "." + TokenSecrets.newSecret();
        String hash = TokenSecrets.hash(secret.substring(id.length() + 1), config.auth().hashIterations());
        return requests.propose(new Command.CreateToken(id, name, hash, rules, admin), retry).thenApply(c -> {
            if (c.result() instanceof Result.TokenCreated t) {
                // A retry answered from the idempotency table gets the token without its secret: it was shown once.
                boolean first = t.id().equals(id);
                return Indexed.with(Response.status(201).entity(json(t.id(), t.name(), t.rules(), t.admin(),
                        first ? secret : null)), c.index()).build();
            }
            return Outcomes.render(c.result(), c.index(), 201, SessionMask.NONE);
        });
    }

    @GET
    @Operation(summary = "List tokens (never their secrets)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Json.Tokens.class)))
    public CompletionStage<Response> list(@QueryParam("limit") String limit, @QueryParam("after") String after) {
        Paging paging = Paging.parse(limit, after);
        return state.read(true, r -> r.tokens(paging.after(), paging.limit())).thenApply(served -> {
            List<Json.Token> tokens = served.value().items().stream().map(AclResource::json).toList();
            return Indexed.with(Response.ok(new Json.Tokens(tokens, served.value().next())), served.index()).build();
        });
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read a token (never its secret)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Json.Token.class)))
    @APIResponse(responseCode = "404", description = "urn:warden:not-found")
    public CompletionStage<Response> get(@PathParam("id") String id) {
        return state.read(true, r -> r.token(id)).thenApply(served -> {
            AclToken token = served.value().orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                    "token '" + id + "' does not exist"));
            return Indexed.with(Response.ok(json(token)), served.index()).build();
        });
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a token", description = "Its next request answers 401; sessions it owns end by their TTL")
    @APIResponse(responseCode = "204")
    @APIResponse(responseCode = "404", description = "urn:warden:not-found")
    public CompletionStage<Response> delete(@PathParam("id") String id, @HeaderParam(IdempotencyKeys.HEADER) String key) {
        Requests.Retry retry = requests.retry(key, "DELETE", "/v1/acl/tokens/" + id, null);
        return requests.write(new Command.DeleteToken(id), retry, 204);
    }

    private static List<AclRule> rules(List<JsonBody> items) {
        if (items.size() > MAX_RULES) {
            throw new ProblemException(ProblemType.TOO_LARGE, "a token holds at most " + MAX_RULES + " rules")
                    .with("limit", "rules").with("max", MAX_RULES);
        }
        List<AclRule> rules = new ArrayList<>();
        for (JsonBody item : items) {
            String kindText = item.requiredString("kind");
            AclRule.Kind kind = AccessRules.kindOf(kindText);
            if (kind == null) {
                throw ProblemException.invalid("rules.kind", "must be lock, group, election or session, not '" + kindText + "'");
            }
            String prefix = item.string("prefix");
            prefix = prefix == null ? "" : prefix;
            if (!PREFIX.matcher(prefix).matches()) {
                throw ProblemException.invalid("rules.prefix", "at most 200 of A-Z a-z 0-9 . _ : -");
            }
            String accessText = item.requiredString("access");
            AclRule.Access access = switch (accessText) {
                case "read" -> AclRule.Access.READ;
                case "write" -> AclRule.Access.WRITE;
                default -> throw ProblemException.invalid("rules.access", "must be read or write, not '" + accessText + "'");
            };
            rules.add(new AclRule(kind, prefix, access));
        }
        return rules;
    }

    private static Json.Token json(AclToken t) {
        return json(t.id(), t.name(), t.rules(), t.admin(), null);
    }

    private static Json.Token json(String id, String name, List<AclRule> rules, boolean admin, String secret) {
        List<Json.AclRule> shown = rules.stream()
                .map(r -> new Json.AclRule(r.kind().wire(), r.prefix(), r.access().wire())).toList();
        return new Json.Token(id, name, shown, admin, secret);
    }
}
