package io.warden.http;

import io.vertx.core.Vertx;
import io.warden.config.WardenConfig;
import io.warden.domain.Command;
import io.warden.domain.member.GroupView;
import io.warden.domain.member.Member;
import io.warden.domain.ring.Rendezvous;
import io.warden.raft.Served;
import io.warden.raft.ApplyEvents;
import io.warden.raft.StateReads;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
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
import java.util.List;
import java.util.concurrent.CompletionStage;

@Path("/v1/groups")
@Tag(name = "Membership", description = "Groups of service instances; a member leaves when its session ends")
@Produces(MediaType.APPLICATION_JSON)
@Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
public class GroupResource {

    @Inject
    Requests requests;

    @Inject
    WardenConfig config;

    @Inject
    StateReads state;

    @Inject
    ApplyEvents events;

    @Inject
    Vertx vertx;

    @Inject
    Quotas quotas;

    @Inject
    RingCache rings;

    /** A ring key is any string of this many UTF-8 bytes at most. */
    static final int MAX_KEY_BYTES = 1024;

    @PUT
    @Path("/{group}/members/{member}")
    @Operation(summary = "Register or update a member, bound to a session")
    @RequestBody(content = @Content(schema = @Schema(implementation = Json.MemberRequest.class)))
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Json.MemberPut.class)))
    @APIResponse(responseCode = "409", description = "urn:warden:member-taken")
    @APIResponse(responseCode = "404", description = "urn:warden:session-not-found")
    public CompletionStage<Response> put(@PathParam("group") String group, @PathParam("member") String member,
                                         String body, @HeaderParam(IdempotencyKeys.HEADER) String key) {
        Names.require("group", group);
        Names.require("member", member);
        JsonBody json = requests.body(body);
        String session = json.requiredString("session");
        String address = json.string("address");
        if (address != null && (address.isEmpty() || address.length() > 512)) {
            throw ProblemException.invalid("address", "must be 1-512 characters");
        }
        String metadata = json.objectText("metadata");
        int maxMetadata = config.limits().maxMetadataBytes();
        if (metadata != null && metadata.getBytes(StandardCharsets.UTF_8).length > maxMetadata) {
            throw ProblemException.invalid("metadata", "must be at most " + maxMetadata + " bytes as JSON");
        }
        Long weight = json.integer("weight");
        if (weight != null && (weight < 1 || weight > Member.MAX_WEIGHT)) {
            throw ProblemException.invalid("weight", "must be an integer from 1 to " + Member.MAX_WEIGHT);
        }
        quotas.checkNewMember(group, member);
        Requests.Retry retry = requests.retry(key, "PUT", "/v1/groups/" + group + "/members/" + member, body);
        return requests.write(new Command.PutMember(group, member, SessionIds.require(session), address, metadata,
                weight == null ? Member.DEFAULT_WEIGHT : weight.intValue()), retry, 200);
    }

    @DELETE
    @Path("/{group}/members/{member}")
    @Operation(summary = "Remove a member")
    @APIResponse(responseCode = "204")
    @APIResponse(responseCode = "404", description = "urn:warden:member-not-found")
    public CompletionStage<Response> delete(@PathParam("group") String group, @PathParam("member") String member,
                                            @HeaderParam(IdempotencyKeys.HEADER) String key) {
        Names.require("group", group);
        Names.require("member", member);
        Requests.Retry retry = requests.retry(key, "DELETE", "/v1/groups/" + group + "/members/" + member, null);
        return requests.write(new Command.DeleteMember(group, member), retry, 204);
    }

    @GET
    @Path("/{group}/members")
    @Operation(summary = "List a group's members",
            description = "With ?index=N, a blocking query: answers when the group's index passes N or 'wait' (default 30s, max 5m) runs out")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Json.Group.class)))
    public CompletionStage<Response> members(@PathParam("group") String group, @QueryParam("index") String index,
                                             @QueryParam("wait") String wait,
                                             @QueryParam("consistency") String consistency) {
        SessionMask mask = requests.mask();
        Names.require("group", group);
        return observe(group, index, wait, consistency)
                .thenApply(view -> Indexed.with(Response.ok(json(view, mask)), view.index()).build());
    }

    @GET
    @Path("/{group}/ring")
    @Operation(summary = "The group as a consistent-hash ring: a key's owners, or every member's share",
            description = "With ?key=K, the K's owner and replicas (?replicas=N, default 1) in preference order;"
                    + " without, each member's weight and exact share. Weighted rendezvous hashing, as the README"
                    + " gives it, so clients can compute the same. ?index=N&wait= make it a blocking query.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(oneOf = {Json.RingLookup.class, Json.Ring.class})))
    public CompletionStage<Response> ring(@PathParam("group") String group, @QueryParam("key") String key,
                                          @QueryParam("replicas") String replicas, @QueryParam("index") String index,
                                          @QueryParam("wait") String wait, @QueryParam("consistency") String consistency,
                                          @Context UriInfo uri) {
        Names.require("group", group);
        // @QueryParam turns ?key= into null; an empty key is an error, not a request for the shares.
        if (key == null && uri.getQueryParameters().containsKey("key")) {
            key = "";
        }
        if (key != null && (key.isEmpty() || key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES)) {
            throw ProblemException.invalid("key", "must be 1-" + MAX_KEY_BYTES + " bytes");
        }
        int count = replicas == null ? 1 : parseReplicas(replicas);
        String lookup = key;
        return observe(group, index, wait, consistency).thenApply(view -> {
            Rendezvous ring = rings.of(view);
            Object body = lookup == null
                    ? new Json.Ring(group, view.index(), Rendezvous.ALGORITHM, ring.members().stream()
                            .map(m -> new Json.RingShare(m.member(), m.weight(), ring.share(m))).toList())
                    : new Json.RingLookup(group, view.index(), lookup, ring.owners(lookup, count).stream()
                            .map(m -> new Json.RingOwner(m.member(), m.address())).toList());
            return Indexed.with(Response.ok(body), view.index()).build();
        });
    }

    /** A group read, or with {@code ?index=N} a blocking query that answers once its index passes N. */
    private CompletionStage<GroupView> observe(String group, String index, String wait, String consistency) {
        Long after = index == null ? null : Queries.nonNegative("index", index);
        return IndexWatch.query(state, quotas, events.groupSignals(), vertx, group, Requests.linearizable(consistency),
                reads -> reads.group(group), GroupView::index, after, Queries.waitMs(wait, config.group()))
                .thenApply(Served::value);
    }

    private int parseReplicas(String text) {
        int max = config.limits().maxMembersPerGroup();
        try {
            int value = Integer.parseInt(text);
            if (value >= 1 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below, as for an out-of-range number
        }
        throw ProblemException.invalid("replicas", "must be an integer from 1 to " + max);
    }

    @GET
    @Operation(summary = "List groups with their member count and modify index")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Json.Groups.class)))
    public CompletionStage<Response> list(@QueryParam("consistency") String consistency,
                                          @QueryParam("limit") String limit, @QueryParam("after") String after) {
        Paging paging = Paging.parse(limit, after);
        return state.read(Requests.linearizable(consistency), reads -> reads.groups(paging.after(), paging.limit()))
                .thenApply(served -> {
                    List<Json.GroupSummary> groups = served.value().items().stream()
                            .map(g -> new Json.GroupSummary(g.group(), g.members().size(), g.index())).toList();
                    return Indexed.with(Response.ok(new Json.Groups(groups, served.value().next())), served.index()).build();
                });
    }

    static Json.Group json(GroupView view, SessionMask mask) {
        List<Json.Member> members = view.members().stream().map(m -> json(m, mask)).toList();
        return new Json.Group(view.group(), view.index(), members);
    }

    static Json.Member json(Member m, SessionMask mask) {
        return new Json.Member(m.group(), m.member(), mask.show(m.sessionId()), m.address(), m.metadataJson(), m.weight());
    }
}
