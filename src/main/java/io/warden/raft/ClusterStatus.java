package io.warden.raft;

import java.util.List;

/**
 * This node's view of the Raft group. {@code leader} is null while no leader is known.
 * {@code lastLeaderContactMs} is how long ago a follower last heard from the leader (0 on the leader).
 */
public record ClusterStatus(String groupId, String self, String role, String leader, long term,
                            long commitIndex, long appliedIndex, boolean inConfiguration,
                            boolean leaderReady, long lastLeaderContactMs, List<PeerStatus> peers) {

    /**
     * A peer as the leader sees it. {@code matchIndex} (last entry known replicated there), {@code lag}
     * (leader's last index minus that) and {@code lastContactMs} are null when the leader's view could
     * not be had; {@code commitIndex} is the peer's commit index as last reported.
     */
    public record PeerStatus(String id, String address, String role, Long matchIndex, Long commitIndex, Long lag,
                             Long lastContactMs) {}
}
