package io.warden.raft;

import org.apache.ratis.proto.RaftProtos.CommitInfoProto;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.proto.RaftProtos.ServerRpcProto;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds the per-peer rows of {@link ClusterStatus} from what the leader reports about its followers. */
final class PeerTable {

    private PeerTable() {
    }

    /**
     * @param leaderRole   the leader's role info (its follower list), or null when not known here
     * @param matchIndices the leader's match indices, in the order of its follower list, or null
     */
    static List<ClusterStatus.PeerStatus> build(Collection<RaftPeer> voters, Collection<RaftPeer> listeners,
                                                RaftPeerId leaderId, RoleInfoProto leaderRole, long[] matchIndices,
                                                Collection<CommitInfoProto> commits, long leaderCommitIndex) {
        Map<String, Long> contact = new HashMap<>();
        Map<String, Long> match = new HashMap<>();
        if (leaderRole != null && leaderRole.hasLeaderInfo()) {
            List<ServerRpcProto> followers = leaderRole.getLeaderInfo().getFollowerInfoList();
            for (int i = 0; i < followers.size(); i++) {
                String id = followers.get(i).getId().getId().toStringUtf8();
                contact.put(id, followers.get(i).getLastRpcElapsedTimeMs());
                if (matchIndices != null && matchIndices.length == followers.size()) {
                    match.put(id, matchIndices[i]);
                }
            }
        }
        Map<String, Long> committed = new HashMap<>();
        for (CommitInfoProto c : commits) {
            committed.put(c.getServer().getId().toStringUtf8(), c.getCommitIndex());
        }
        List<ClusterStatus.PeerStatus> rows = new ArrayList<>();
        for (RaftPeer p : voters) {
            rows.add(row(p, p.getId().equals(leaderId) ? "LEADER" : "FOLLOWER", leaderId, contact, match, committed,
                    leaderCommitIndex));
        }
        for (RaftPeer p : listeners) {
            rows.add(row(p, "LISTENER", leaderId, contact, match, committed, leaderCommitIndex));
        }
        return rows;
    }

    private static ClusterStatus.PeerStatus row(RaftPeer p, String role, RaftPeerId leaderId, Map<String, Long> contact,
                                                Map<String, Long> match, Map<String, Long> committed, long leaderCommit) {
        String id = p.getId().toString();
        boolean isLeader = p.getId().equals(leaderId);
        Long matchIndex = isLeader ? Long.valueOf(leaderCommit) : match.get(id);
        Long commitIndex = committed.get(id);
        Long known = matchIndex != null ? matchIndex : commitIndex;
        Long lag = leaderId == null || known == null ? null : Math.max(0, leaderCommit - known);
        Long lastContact = isLeader ? Long.valueOf(0) : contact.get(id);
        return new ClusterStatus.PeerStatus(id, p.getAddress(), role, matchIndex, commitIndex, lag, lastContact);
    }
}
