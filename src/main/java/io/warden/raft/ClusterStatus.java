package io.warden.raft;

import java.util.List;

/**
 * This node's view of the Raft group. {@code leader} is null while no leader is known.
 * {@code lastLeaderContactMs} is how long ago a follower last heard from the leader (0 on the leader).
 */
public record ClusterStatus(String groupId, String self, String role, String leader, long term,
                            long commitIndex, long appliedIndex, boolean inConfiguration,
                            boolean leaderReady, long lastLeaderContactMs, List<PeerStatus> peers) {

    /** A peer as this node sees it; {@code lastContactMs} is known only on the leader (else -1). */
    public record PeerStatus(String id, String address, String role, long lastContactMs) {}
}
