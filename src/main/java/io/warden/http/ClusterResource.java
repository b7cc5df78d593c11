package io.warden.http;

import io.smallrye.common.annotation.Blocking;
import io.warden.raft.ClusterStatus;
import io.warden.raft.ClusterOps;
import io.warden.raft.StateReads;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.regex.Pattern;

/** The Raft group: its state, and the operator's actions on it. Admin calls block, so they run on workers. */
@Path("/v1/cluster")
@Tag(name = "Cluster", description = "The Raft group: status, membership changes, leadership, snapshots")
@Produces(MediaType.APPLICATION_JSON)
@Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
@Blocking
public class ClusterResource {

    private static final Pattern PEER_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern ADDRESS = Pattern.compile("[^\\s=,]{1,253}:\\d{1,5}");

    @Inject
    ClusterOps cluster;

    @Inject
    StateReads state;

    @Inject
    Requests requests;

    @GET
    @Operation(summary = "The group as the leader sees it: leader, term, indexes, and per peer role, match index, lag and last contact")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Json.Cluster.class)))
    public Response get() {
        ClusterStatus s = cluster.leaderViewStatus();
        List<Json.Peer> peers = s.peers().stream()
                .map(p -> new Json.Peer(p.id(), p.address(), p.role(), p.matchIndex(), p.commitIndex(), p.lag(),
                        p.lastContactMs()))
                .toList();
        return Indexed.with(Response.ok(new Json.Cluster(s.groupId(), s.self(), s.leader(), s.term(), s.commitIndex(),
                s.appliedIndex(), peers)), s.appliedIndex()).build();
    }

    @POST
    @Path("/peers")
    @Operation(summary = "Add a voting member", description = "Start the new node first with warden.peers listing the whole new group; it catches up before it votes.")
    @RequestBody(content = @Content(schema = @Schema(implementation = Json.PeerRequest.class)))
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Json.Cluster.class)))
    @APIResponse(responseCode = "409", description = "urn:warden:peer-exists")
    public Response addPeer(String body) {
        JsonBody json = requests.body(body);
        String id = required(json, "id", PEER_ID, "must be 1-64 characters from A-Z a-z 0-9 . _ -");
        String address = required(json, "address", ADDRESS, "must be host:port");
        cluster.addPeer(id, address);
        return get();
    }

    @DELETE
    @Path("/peers/{id}")
    @Operation(summary = "Remove a member")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Json.Cluster.class)))
    @APIResponse(responseCode = "404", description = "urn:warden:peer-not-found")
    public Response removePeer(@PathParam("id") String id) {
        cluster.removePeer(id);
        return get();
    }

    @POST
    @Path("/leader")
    @Operation(summary = "Transfer leadership to a member")
    @RequestBody(content = @Content(schema = @Schema(implementation = Json.LeaderRequest.class)))
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Json.Cluster.class)))
    @APIResponse(responseCode = "404", description = "urn:warden:peer-not-found")
    public Response transferLeadership(String body) {
        String id = required(requests.body(body), "id", PEER_ID, "must be 1-64 characters from A-Z a-z 0-9 . _ -");
        cluster.transferLeadership(id);
        return get();
    }

    @POST
    @Path("/snapshot")
    @Operation(summary = "Take a snapshot on this node now", description = "The log behind it is purged as with automatic snapshots.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Json.Snapshot.class)))
    public Response snapshot() {
        long index = cluster.takeSnapshot();
        return Indexed.with(Response.ok(new Json.Snapshot(cluster.status().self(), index)), state.appliedIndex()).build();
    }

    private static String required(JsonBody json, String field, Pattern format, String rule) {
        String value = json.requiredString(field);
        if (!format.matcher(value).matches()) {
            throw ProblemException.invalid(field, rule);
        }
        return value;
    }
}
