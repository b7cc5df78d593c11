package io.warden.http;

import io.vertx.core.Vertx;
import io.warden.config.WardenConfig;
import io.warden.domain.Command;
import io.warden.domain.Result;
import io.warden.domain.election.ElectionView;
import io.warden.raft.ApplyEvents;
import io.warden.raft.Committed;
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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

@Path("/v1/elections")
@Tag(name = "Elections", description = "Primary/backup: one leader per election, a fenced term, FIFO succession")
@Produces(MediaType.APPLICATION_JSON)
@Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
public class ElectionResource {

    /** Longest value a candidate shows (an address, a small JSON text). */
    static final int MAX_VALUE_BYTES = 4096;

    @Inject
    Requests requests;

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

    @Inject
    Quotas quotas;

    @POST
    @Path("/{name}/campaign")
    @Operation(summary = "Stand for an election, waiting up to 'wait' to lead",
            description = "200 when this session leads (again: same term); 409 not-elected when the wait ran out,"
                    + " the candidacy then withdrawn in the log")
    @RequestBody(content = @Content(schema = @Schema(implementation = Json.CampaignRequest.class)))
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Json.Election.class)))
    @APIResponse(responseCode = "409", description = "urn:warden:not-elected, with leader and term")
    @APIResponse(responseCode = "404", description = "urn:warden:session-not-found")
    public CompletionStage<Response> campaign(@PathParam("name") String name, String body,
                                              @HeaderParam(IdempotencyKeys.HEADER) String key) {
        Names.require("name", name);
        JsonBody json = requests.body(body);
        String session = SessionIds.require(json.requiredString("session"));
        String value = value(json, false);
        String waitText = json.string("wait");
        long waitMs = waitText == null ? 0 : Durations.parseMs("wait", waitText, Duration.ZERO, config.lock().maxWait());
        // As for a lock: the log withdraws the candidacy itself if this node's withdrawal never commits.
        long logWaitMs = waitMs > 0 ? waitMs + 2 * config.requestTimeout().toMillis() : 0;
        quotas.checkCampaign(name, waitMs > 0);
        long deadlineMs = System.currentTimeMillis() + waitMs;
        Requests.Retry retry = requests.retry(key, "POST", "/v1/elections/" + name + "/campaign", body);
        SessionMask mask = requests.mask();
        Command command = new Command.Campaign(name, session, value, logWaitMs);
        Supplier<CompletableFuture<Committed>> campaign = () -> requests.propose(command, retry)
                .thenCompose(c -> c.result() instanceof Result.Campaigning
                        ? QueueWait.await(state, events, writes, vertx, QueueWait.candidacy(name, session), c.index(), deadlineMs)
                        : CompletableFuture.completedFuture(c));
        return (waitMs > 0 ? quotas.holdingLongPoll(campaign) : campaign.get())
                .thenApply(c -> Outcomes.render(c.result(), c.index(), 200, mask));
    }

    @POST
    @Path("/{name}/proclaim")
    @Operation(summary = "The leader replaces its value", description = "Only with the current term")
    @RequestBody(content = @Content(schema = @Schema(implementation = Json.ProclaimRequest.class)))
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Json.Election.class)))
    @APIResponse(responseCode = "409", description = "urn:warden:not-leader or urn:warden:stale-term")
    public CompletionStage<Response> proclaim(@PathParam("name") String name, String body,
                                              @HeaderParam(IdempotencyKeys.HEADER) String key) {
        Names.require("name", name);
        JsonBody json = requests.body(body);
        String session = SessionIds.require(json.requiredString("session"));
        long term = term(json, true);
        String value = value(json, true);
        Requests.Retry retry = requests.retry(key, "POST", "/v1/elections/" + name + "/proclaim", body);
        return requests.write(new Command.Proclaim(name, session, term, value), retry, 200);
    }

    @POST
    @Path("/{name}/resign")
    @Operation(summary = "The leader steps down; the next candidate leads", description = "With 'term', only of that term")
    @RequestBody(content = @Content(schema = @Schema(implementation = Json.ResignRequest.class)))
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Json.ElectionResigned.class)))
    @APIResponse(responseCode = "409", description = "urn:warden:not-leader or urn:warden:stale-term")
    public CompletionStage<Response> resign(@PathParam("name") String name, String body,
                                            @HeaderParam(IdempotencyKeys.HEADER) String key) {
        Names.require("name", name);
        JsonBody json = requests.body(body);
        String session = SessionIds.require(json.requiredString("session"));
        Long term = term(json, false);
        Requests.Retry retry = requests.retry(key, "POST", "/v1/elections/" + name + "/resign", body);
        return requests.write(new Command.Resign(name, session, term), retry, 200);
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "Read an election; ?term=N checks that N is the current term (409 stale-term if not)",
            description = "With ?index=N, a blocking query: answers when the election's index passes N or 'wait' runs out")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Json.ElectionState.class)))
    @APIResponse(responseCode = "409", description = "urn:warden:stale-term")
    public CompletionStage<Response> get(@PathParam("name") String name, @QueryParam("term") String term,
                                         @QueryParam("index") String index, @QueryParam("wait") String wait,
                                         @QueryParam("consistency") String consistency, @Context UriInfo uri) {
        SessionMask mask = requests.mask();
        Names.require("name", name);
        // @QueryParam turns ?term= into null; a term check must never pass by sending an empty term.
        if (term == null && uri.getQueryParameters().containsKey("term")) {
            term = "";
        }
        Long presented = term == null ? null : Queries.nonNegative("term", term);
        Long after = index == null ? null : Queries.nonNegative("index", index);
        return IndexWatch.query(state, quotas, events.electionSignals(), vertx, name, Requests.linearizable(consistency),
                        reads -> reads.election(name), ElectionView::index, after, Queries.waitMs(wait, config.group()))
                .thenApply(served -> {
                    ElectionView view = served.value();
                    if (presented != null && !presented.equals(view.term())) {
                        throw new ProblemException(ProblemType.STALE_TERM, "term " + presented
                                + " is not the current term of election '" + name + "'").with("term", view.term());
                    }
                    return Indexed.with(Response.ok(json(view, mask)), view.index()).build();
                });
    }

    @GET
    @Operation(summary = "List elections with a leader or candidates")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Json.Elections.class)))
    public CompletionStage<Response> list(@QueryParam("consistency") String consistency,
                                          @QueryParam("limit") String limit, @QueryParam("after") String after) {
        SessionMask mask = requests.mask();
        Paging paging = Paging.parse(limit, after);
        return state.read(Requests.linearizable(consistency), reads -> reads.elections(paging.after(), paging.limit()))
                .thenApply(served -> {
                    List<Json.ElectionState> elections = served.value().items().stream().map(v -> json(v, mask)).toList();
                    return Indexed.with(Response.ok(new Json.Elections(elections, served.value().next())), served.index())
                            .build();
                });
    }

    static Json.ElectionState json(ElectionView view, SessionMask mask) {
        Json.Leader leader = view.leader() == null ? null : new Json.Leader(mask.show(view.leader()), view.value());
        return new Json.ElectionState(view.name(), leader, view.term(), view.candidates(), view.index());
    }

    private static String value(JsonBody json, boolean required) {
        String value = required ? json.requiredString("value") : json.string("value");
        if (value != null && value.getBytes(StandardCharsets.UTF_8).length > MAX_VALUE_BYTES) {
            throw ProblemException.invalid("value", "must be at most " + MAX_VALUE_BYTES + " bytes");
        }
        return value;
    }

    /** The body's term: a positive integer, or null when absent and not required. */
    private static Long term(JsonBody json, boolean required) {
        Long term = json.integer("term");
        if (term == null) {
            if (required) {
                throw ProblemException.invalid("term", "is required");
            }
            return null;
        }
        if (term < 1) {
            throw ProblemException.invalid("term", "must be a positive integer, the term of a win");
        }
        return term;
    }
}
