package io.warden.http;

import io.vertx.core.Vertx;
import io.warden.config.WardenConfig;
import io.warden.domain.Command;
import io.warden.domain.LockInfo;
import io.warden.domain.Result;
import io.warden.raft.ApplyEvents;
import io.warden.raft.StateReads;
import io.warden.raft.Writes;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import io.warden.raft.Committed;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.concurrent.CompletionStage;

@Path("/v1/locks")
@Tag(name = "Locks", description = "Exclusive, FIFO-fair locks with a fence that only ever grows")
@Produces(MediaType.APPLICATION_JSON)
@Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
public class LockResource {

    @Inject
    Requests requests;

    @Inject
    Quotas quotas;

    @Inject
    WardenConfig config;

    @Inject
    StateReads state;

    @Inject
    ApplyEvents events;

    @Inject
    Writes writes;

    @Inject
    Vertx vertx;

    @POST
    @Path("/{name}/acquire")
    @Operation(summary = "Acquire a lock, waiting up to 'wait'",
            description = "Without 'session', creates a one-shot session of 'ttl' that ends with the lock.")
    @RequestBody(content = @Content(schema = @Schema(implementation = Json.AcquireRequest.class)))
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Json.Grant.class)))
    @APIResponse(responseCode = "409", description = "urn:warden:lock-held, with holder and fence")
    @APIResponse(responseCode = "404", description = "urn:warden:session-not-found")
    public CompletionStage<Response> acquire(@PathParam("name") String name, String body,
                                             @HeaderParam(IdempotencyKeys.HEADER) String key) {
        Names.require("name", name);
        JsonBody json = requests.body(body);
        String session = json.string("session");
        String waitText = json.string("wait");
        String ttlText = json.string("ttl");
        long waitMs = waitText == null ? 0 : Durations.parseMs("wait", waitText, Duration.ZERO, config.lock().maxWait());
        var limits = config.session();
        // The log withdraws the wait itself if this node's cancel at the wait's end never commits.
        long logWaitMs = waitMs + 2 * config.requestTimeout().toMillis();
        Command command;
        if (session != null) {
            if (ttlText != null) {
                throw ProblemException.invalid("ttl", "only a one-shot acquire (without session) takes a ttl");
            }
            command = new Command.Acquire(name, SessionIds.require(session), waitMs > 0, logWaitMs);
        } else {
            long ttlMs = ttlText == null ? limits.defaultTtl().toMillis()
                    : Durations.parseMs("ttl", ttlText, limits.minTtl(), limits.maxTtl());
            command = new Command.AcquireOneShot(name, UUID.randomUUID().toString(), ttlMs, waitMs > 0, logWaitMs);
        }
        if (session == null) {
            quotas.checkNewSession();
        }
        quotas.checkAcquire(name, waitMs > 0);
        long deadlineMs = System.currentTimeMillis() + waitMs;
        Requests.Retry retry = requests.retry(key, "POST", "/v1/locks/" + name + "/acquire", body);
        SessionMask mask = requests.mask();
        Supplier<CompletableFuture<Committed>> acquire = () -> requests.propose(command, retry)
                .thenCompose(c -> c.result() instanceof Result.Queued q
                        ? QueueWait.await(state, events, writes, vertx, QueueWait.lock(q.lock(), q.sessionId()), c.index(),
                                deadlineMs)
                        : CompletableFuture.completedFuture(c));
        // A request that may wait holds a place among this node's open long polls until it answers.
        return (waitMs > 0 ? quotas.holdingLongPoll(acquire) : acquire.get())
                .thenApply(c -> Outcomes.render(c.result(), c.index(), 200, mask));
    }

    @POST
    @Path("/{name}/release")
    @Operation(summary = "Release a lock", description = "With 'fence', only if it is the current grant's fence")
    @RequestBody(content = @Content(schema = @Schema(implementation = Json.ReleaseRequest.class)))
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Json.Released.class)))
    @APIResponse(responseCode = "409", description = "urn:warden:not-holder or urn:warden:stale-fence")
    @APIResponse(responseCode = "404", description = "urn:warden:session-not-found")
    public CompletionStage<Response> release(@PathParam("name") String name, String body,
                                             @HeaderParam(IdempotencyKeys.HEADER) String key) {
        Names.require("name", name);
        JsonBody json = requests.body(body);
        String session = json.requiredString("session");
        Long fence = json.integer("fence");
        Requests.Retry retry = requests.retry(key, "POST", "/v1/locks/" + name + "/release", body);
        return requests.write(new Command.Release(name, SessionIds.require(session), fence), retry, 200);
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "Read a lock; with ?fence=N, check that N is the current fence (409 stale-fence if not)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Json.Lock.class)))
    @APIResponse(responseCode = "409", description = "urn:warden:stale-fence")
    public CompletionStage<Response> get(@PathParam("name") String name, @QueryParam("fence") String fence,
                                         @QueryParam("consistency") String consistency, @Context UriInfo uri) {
        SessionMask mask = requests.mask();
        Names.require("name", name);
        // @QueryParam turns ?fence= into null; a fence check must never pass by sending an empty fence.
        if (fence == null && uri.getQueryParameters().containsKey("fence")) {
            fence = "";
        }
        Long presented = fence == null ? null : parseFence(fence);
        return state.read(Requests.linearizable(consistency), reads -> reads.lock(name)).thenApply(served -> {
            LockInfo lock = served.value();
            if (presented != null && !presented.equals(lock.fence())) {
                throw new ProblemException(ProblemType.STALE_FENCE,
                        "fence " + presented + " is not the current fence of lock '" + name + "'")
                        .with("fence", lock.fence());
            }
            return Indexed.with(Response.ok(json(lock, mask)), served.index()).build();
        });
    }

    @GET
    @Operation(summary = "List locks that are held or have waiters, optionally under a name prefix")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Json.Locks.class)))
    public CompletionStage<Response> list(@QueryParam("prefix") String prefix, @QueryParam("consistency") String consistency,
                                          @QueryParam("limit") String limit, @QueryParam("after") String after) {
        SessionMask mask = requests.mask();
        Paging paging = Paging.parse(limit, after);
        return state.read(Requests.linearizable(consistency), reads -> reads.locks(prefix, paging.after(), paging.limit()))
                .thenApply(served -> {
                    List<Json.Lock> locks = served.value().items().stream().map(l -> json(l, mask)).toList();
                    return Indexed.with(Response.ok(new Json.Locks(locks, served.value().next())), served.index()).build();
                });
    }

    private static Long parseFence(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("fence", "must be an integer");
        }
    }

    static Json.Lock json(LockInfo lock, SessionMask mask) {
        Json.Holder holder = lock.holderSessionId() == null ? null
                : new Json.Holder(mask.show(lock.holderSessionId()), lock.holderName());
        return new Json.Lock(lock.name(), holder, lock.fence(), lock.waiters());
    }
}
