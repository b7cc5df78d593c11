package io.warden.raft;

import org.apache.ratis.client.RaftClient;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.protocol.GroupInfoReply;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.SetConfigurationRequest;
import org.apache.ratis.protocol.exceptions.ReconfigurationInProgressException;
import org.apache.ratis.protocol.exceptions.ReconfigurationTimeoutException;
import org.apache.ratis.protocol.exceptions.SetConfigurationException;
import org.apache.ratis.protocol.exceptions.TransferLeadershipException;
import org.apache.ratis.server.RaftServer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Operator actions on the group: add or remove a voting member, move leadership, take a snapshot.
 * Each is a blocking Ratis admin call bounded by a timeout; callers run it off the event loop.
 */
final class ClusterAdmin {

    /** Tries of one leadership transfer, all within its timeout. */
    private static final int TRANSFER_ATTEMPTS = 3;

    private final RaftClient client;
    private final AtomicBoolean changing = new AtomicBoolean();
    private final RaftServer.Division division;
    private final RaftPeerId selfId;

    ClusterAdmin(RaftClient client, RaftServer.Division division, RaftPeerId selfId) {
        this.client = client;
        this.division = division;
        this.selfId = selfId;
    }

    /** Adds a voter. Ratis first lets it catch up as a non-voting staging member, then commits the new conf. */
    void addPeer(String id, String address, long timeoutMs) {
        List<RaftPeer> current = currentPeers();
        if (current.stream().anyMatch(p -> p.getId().toString().equals(id))) {
            throw new ClusterChangeRefused(ClusterChangeRefused.Reason.PEER_EXISTS, "peer '" + id + "' is already a member");
        }
        RaftPeer added = RaftPeer.newBuilder().setId(id).setAddress(address).build();
        SetConfigurationRequest.Arguments add = SetConfigurationRequest.Arguments.newBuilder()
                .setServersInNewConf(List.of(added))
                .setMode(SetConfigurationRequest.Mode.ADD)
                .build();
        try {
            reconfigure(add);
        } catch (NoQuorumException e) {
            throw refusedIfUnchanged(e, division.getInfo().getLeaderId(), id);
        } catch (RuntimeException e) {
            RaftPeerId leader = division.getInfo().getLeaderId();
            if (leader == null || !leaderStillReplicatesTo(leader, id)) {
                throw e;
            }
            // Ratis 3.3: a leader elected while a member's removal was in flight can keep a log appender
            // for it, and then refuses to add it again ("Found duplicated element"). A new leader builds
            // its appenders from the configuration: move leadership once, then add again (FaultCampaignIT).
            RaftPeer other = current.stream().filter(p -> !p.getId().equals(leader)).findFirst().orElseThrow(() -> e);
            transferLeadership(other.getId().toString(), timeoutMs);
            reconfigure(add);
        }
    }

    /**
     * An add whose retries ran out while a leader is known and the configuration still lacks the peer:
     * the new peer did not catch up in time and the group stays as it was, which is a refusal (409), not
     * a group that is down (503). Ratis' own refusal says so only when its staging timeout comes first;
     * on a slow host the client's retries can run out before it.
     */
    private RuntimeException refusedIfUnchanged(NoQuorumException e, RaftPeerId leader, String id) {
        if (leader == null) {
            return e;
        }
        RaftPeerId peer = RaftPeerId.valueOf(id);
        boolean inConf = division.getRaftConf().getAllPeers().stream().anyMatch(p -> p.getId().equals(peer))
                || division.getRaftConf().getPreviousPeers().stream().anyMatch(p -> p.getId().equals(peer));
        if (inConf) {
            return e;
        }
        return new ClusterChangeRefused(ClusterChangeRefused.Reason.FAILED, "peer '" + id + "' did not catch up"
                + " within the request timeout; the configuration is unchanged (GET /v1/cluster shows it)");
    }

    /** Whether the leader still sends its log to {@code id}, which is not in the configuration. */
    private boolean leaderStillReplicatesTo(RaftPeerId leader, String id) {
        try {
            GroupInfoReply info = client.getGroupManagementApi(leader).info(division.getGroup().getGroupId());
            RoleInfoProto role = info.getRoleInfoProto();
            return role.hasLeaderInfo() && role.getLeaderInfo().getFollowerInfoList().stream()
                    .anyMatch(f -> f.getId().getId().toStringUtf8().equals(id));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Removes a voter. The leader is not removed while it leads: leadership moves to another member
     * first. In Ratis 3.3 a leader that removes itself shuts down once the change commits, and the
     * leader elected after it keeps a log appender for the removed peer, so the peer could not be
     * added back ("Found duplicated element") until leadership moved again (found by FaultCampaignIT).
     */
    void removePeer(String id, long timeoutMs) {
        List<RaftPeer> current = currentPeers();
        List<RaftPeer> remaining = new ArrayList<>(current);
        if (!remaining.removeIf(p -> p.getId().toString().equals(id))) {
            throw new ClusterChangeRefused(ClusterChangeRefused.Reason.PEER_NOT_FOUND, "peer '" + id + "' is not a member");
        }
        if (remaining.isEmpty()) {
            throw new ClusterChangeRefused(ClusterChangeRefused.Reason.LAST_PEER, "the last member cannot be removed");
        }
        RaftPeerId leader = division.getInfo().getLeaderId();
        if (leader != null && leader.toString().equals(id)) {
            transferLeadership(remaining.get(0).getId().toString(), timeoutMs);
        }
        reconfigure(SetConfigurationRequest.Arguments.newBuilder()
                .setServersInNewConf(remaining)
                .setServersInCurrentConf(current)
                .setMode(SetConfigurationRequest.Mode.COMPARE_AND_SET)
                .build());
    }

    void transferLeadership(String id, long timeoutMs) {
        if (currentPeers().stream().noneMatch(p -> p.getId().toString().equals(id))) {
            throw new ClusterChangeRefused(ClusterChangeRefused.Reason.PEER_NOT_FOUND, "peer '" + id + "' is not a member");
        }
        RaftPeerId target = RaftPeerId.valueOf(id);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        for (int attempt = 1; ; attempt++) {
            long leftMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            try {
                check(client.admin().transferLeadership(target, Math.max(1, leftMs)));
                return;
            } catch (TransferLeadershipException e) {
                // The old leader stepped down but another member won the election (the target's vote
                // request lost a race with a timeout elsewhere): ask the new leader to hand over in turn.
                if (attempt == TRANSFER_ATTEMPTS || deadline - System.nanoTime() <= 0) {
                    throw new NoQuorumException("the group did not complete the change: " + e.getMessage());
                }
            } catch (IOException e) {
                throw new NoQuorumException("the group did not complete the change: " + e.getMessage());
            }
        }
    }

    /** Takes a snapshot on this node now; answers the index it covers. */
    long snapshot(long timeoutMs) {
        RaftClientReply reply = call(() -> client.getSnapshotManagementApi(selfId).create(true, timeoutMs));
        check(reply);
        return reply.getLogIndex();
    }

    List<RaftPeer> currentPeers() {
        return new ArrayList<>(division.getRaftConf().getCurrentPeers(RaftPeerRole.FOLLOWER));
    }

    private void reconfigure(SetConfigurationRequest.Arguments arguments) {
        // One membership change at a time through this node: a second one would only wait behind the
        // first in Ratis (which answers "in progress" and is retried) and then time out as if the group
        // were down.
        if (!changing.compareAndSet(false, true)) {
            throw new ClusterChangeRefused(ClusterChangeRefused.Reason.FAILED,
                    "another membership change is in progress through this node; try again when it ends");
        }
        try {
            check(call(() -> client.admin().setConfiguration(arguments)));
        } finally {
            changing.set(false);
        }
    }

    private static void check(RaftClientReply reply) {
        if (!reply.isSuccess()) {
            Exception e = reply.getException();
            throw new ClusterChangeRefused(ClusterChangeRefused.Reason.FAILED, e == null ? "the group refused the change" : e.getMessage());
        }
    }

    private interface AdminCall {
        RaftClientReply run() throws IOException;
    }

    private static RaftClientReply call(AdminCall call) {
        try {
            return call.run();
        } catch (IOException e) {
            // Refused by the group, which stays as it was (e.g. a new peer that never caught up), possibly
            // under the client's retries: a 409 of its own, not a group that is down.
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof ReconfigurationTimeoutException || t instanceof ReconfigurationInProgressException
                        || t instanceof SetConfigurationException) {
                    throw new ClusterChangeRefused(ClusterChangeRefused.Reason.FAILED, t.getMessage());
                }
            }
            throw new NoQuorumException("the group did not complete the change: " + e.getMessage());
        }
    }
}
