package io.warden.http;

import io.warden.raft.ClusterStatus;
import io.warden.raft.WardenGateway;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/v1/cluster")
@Tag(name = "Cluster", description = "The Raft group as this node sees it")
@Produces(MediaType.APPLICATION_JSON)
public class ClusterResource {

    @Inject
    WardenGateway gateway;

    @GET
    @Operation(summary = "This node's view of the Raft group: leader, term, indexes and peers")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Json.Cluster.class)))
    public Response get() {
        ClusterStatus s = gateway.status();
        List<Json.Peer> peers = s.peers().stream()
                .map(p -> new Json.Peer(p.id(), p.address(), p.role(), p.lastContactMs())).toList();
        return Indexed.with(Response.ok(new Json.Cluster(s.groupId(), s.self(), s.leader(), s.term(), s.commitIndex(),
                s.appliedIndex(), peers)), s.appliedIndex()).build();
    }
}
