package io.warden.http;

import io.warden.config.WardenConfig;
import io.warden.domain.Command;
import io.warden.domain.SessionView;
import io.warden.raft.StateReads;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

@Path("/v1/sessions")
@Tag(name = "Sessions", description = "Leases with a TTL; locks and memberships end with their session")
@Produces(MediaType.APPLICATION_JSON)
@Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
public class SessionResource {

    @Inject
    Requests requests;

    @Inject
    Quotas quotas;

    @Inject
    WardenConfig config;

    @Inject
    StateReads state;

    @POST
    @Operation(summary = "Create a session", description = "ttl 1s-1h (default 15s), optional name")
    @RequestBody(content = @Content(schema = @Schema(implementation = Json.SessionRequest.class)))
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = Json.Session.class)))
    public CompletionStage<Response> create(String body, @HeaderParam(IdempotencyKeys.HEADER) String key) {
        JsonBody json = requests.body(body);
        String name = json.string("name");
        if (name != null) {
            Names.require("name", name);
        }
        var limits = config.session();
        String ttl = json.string("ttl");
        long ttlMs = ttl == null ? limits.defaultTtl().toMillis() : Durations.parseMs("ttl", ttl, limits.minTtl(), limits.maxTtl());
        quotas.checkNewSession();
        Requests.Retry retry = requests.retry(key, "POST", "/v1/sessions", body);
        // The id is made here, before proposing: apply must not draw random numbers.
        String id = UUID.randomUUID().toString();
        return requests.write(new Command.CreateSession(id, name, ttlMs), retry, 201);
    }

    @PUT
    @Path("/{id}/keepalive")
    @Operation(summary = "Keep a session alive", description = "Restarts its TTL")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Json.Session.class)))
    @APIResponse(responseCode = "404", description = "urn:warden:session-not-found")
    public CompletionStage<Response> keepAlive(@PathParam("id") String id, String body,
                                               @HeaderParam(IdempotencyKeys.HEADER) String key) {
        Requests.Retry retry = requests.retry(key, "PUT", "/v1/sessions/" + id + "/keepalive", body);
        return requests.write(new Command.KeepAlive(SessionIds.require(id)), retry, 200);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read a session with its locks and memberships")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Json.SessionDetail.class)))
    @APIResponse(responseCode = "404", description = "urn:warden:session-not-found")
    public CompletionStage<Response> get(@PathParam("id") String id, @QueryParam("consistency") String consistency) {
        SessionIds.require(id);
        return state.read(Requests.linearizable(consistency), reads -> reads.session(id)).thenApply(served -> {
            SessionView view = served.value().orElseThrow(() -> new ProblemException(ProblemType.SESSION_NOT_FOUND,
                    "session '" + id + "' does not exist"));
            return Indexed.with(Response.ok(detail(view, state.nowMs())), served.index()).build();
        });
    }

    @GET
    @Operation(summary = "List live sessions")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Json.Sessions.class)))
    public CompletionStage<Response> list(@QueryParam("consistency") String consistency,
                                          @QueryParam("limit") String limit, @QueryParam("after") String after) {
        Paging paging = Paging.parse(limit, after);
        return state.read(Requests.linearizable(consistency), reads -> reads.sessions(paging.after(), paging.limit()))
                .thenApply(served -> {
                    long now = state.nowMs();
                    List<Json.SessionDetail> sessions = served.value().items().stream().map(v -> detail(v, now)).toList();
                    return Indexed.with(Response.ok(new Json.Sessions(sessions, served.value().next())), served.index())
                            .build();
                });
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "End a session", description = "Releases its locks (next waiters are granted) and removes its members")
    @APIResponse(responseCode = "204")
    @APIResponse(responseCode = "404", description = "urn:warden:session-not-found")
    public CompletionStage<Response> delete(@PathParam("id") String id, @HeaderParam(IdempotencyKeys.HEADER) String key) {
        Requests.Retry retry = requests.retry(key, "DELETE", "/v1/sessions/" + id, null);
        return requests.write(new Command.DeleteSession(SessionIds.require(id)), retry, 204);
    }

    static Json.SessionDetail detail(SessionView v, long nowMs) {
        List<Json.Membership> memberships = v.memberships().stream()
                .map(m -> new Json.Membership(m.group(), m.member())).toList();
        return new Json.SessionDetail(v.id(), v.name(), Durations.format(v.ttlMs()), Math.max(0, v.deadlineMs() - nowMs),
                v.locks(), memberships);
    }
}
