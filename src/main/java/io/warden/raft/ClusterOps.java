package io.warden.raft;

import io.warden.config.WardenConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Operating the group: its status as the leader sees it, membership changes, leadership, snapshots. All blocking. */
@ApplicationScoped
public class ClusterOps {

    @Inject
    WardenConfig config;

    @Inject
    WardenNode node;

    /** This node's own view. */
    public ClusterStatus status() {
        return node.status();
    }

    /** The group as the leader sees it (match index, lag, last contact per peer). */
    public ClusterStatus leaderViewStatus() {
        return node.running().leaderViewStatus();
    }

    /** Adds a voting member; it catches up before it votes. */
    public void addPeer(String id, String address) {
        node.running().admin().addPeer(id, address, config.requestTimeout().toMillis());
    }

    public void removePeer(String id) {
        node.running().admin().removePeer(id, config.requestTimeout().toMillis());
    }

    public void transferLeadership(String id) {
        node.running().admin().transferLeadership(id, config.requestTimeout().toMillis());
    }

    /** Takes a snapshot on this node; answers the log index it covers. */
    public long takeSnapshot() {
        return node.running().admin().snapshot(config.requestTimeout().toMillis());
    }
}
