package io.warden.raft;

import io.warden.config.WardenConfig;
import io.warden.domain.Applied;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.proto.RaftProtos.CommitInfoProto;
import org.apache.ratis.proto.RaftProtos.ServerRpcProto;
import org.apache.ratis.protocol.GroupInfoReply;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.storage.RaftStorage;
import org.jboss.logging.Logger;

import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/** One Ratis server of the Warden group, and the requests this node sends into it. */
final class RaftNode implements Closeable, LeaderDuties.Role {

    private static final Logger LOG = Logger.getLogger(RaftNode.class);

    private final RaftGroup group;
    private final RaftPeerId selfId;
    private final WardenStateMachine stateMachine;
    private final RaftServer server;
    private final PeerClient client;
    private final ExecutorService forwards = Executors.newSingleThreadExecutor(r -> daemon(r, "warden-raft-forward"));
    private final ScheduledExecutorService retries =
            Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "warden-raft-retry"));
    private final RaftRequests requests;

    RaftNode(WardenConfig config, Consumer<Applied> onApplied, Runnable onLeaderReady, LongConsumer onLoaded)
            throws IOException {
        List<Peer> peers = PeerList.parse(config.peers());
        Peer self = peers.stream().filter(p -> p.id().equals(config.nodeId())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "warden.node-id '" + config.nodeId() + "' is not listed in warden.peers"));
        List<RaftPeer> raftPeers = new ArrayList<>();
        for (Peer p : peers) {
            raftPeers.add(RaftPeer.newBuilder().setId(p.id()).setAddress(p.address()).build());
        }
        this.group = RaftGroup.valueOf(groupId(config.clusterName()), raftPeers);
        this.selfId = RaftPeerId.valueOf(self.id());
        this.stateMachine = new WardenStateMachine(onApplied, onLeaderReady, onLoaded);
        File dataDir = new File(config.dataDir().orElse("data/" + config.nodeId()));
        // A joining node starts in no configuration: it cannot campaign before the leader adds it.
        RaftGroup startGroup = config.raft().initialClusterState() == WardenConfig.InitialClusterState.EXISTING
                ? RaftGroup.valueOf(group.getGroupId()) : group;
        Parameters tls = RaftTls.parameters(config.raft().tls());
        this.server = RaftServer.newBuilder()
                .setServerId(selfId)
                .setParameters(tls)
                .setGroup(startGroup)
                .setStateMachine(stateMachine)
                .setProperties(RaftSettings.server(config, dataDir,
                        config.raft().bindHost().orElse(PeerList.host(self.address())), PeerList.port(self.address()),
                        peers.size() == 1))
                // FORMAT, Ratis' default, refuses to start on existing data; RECOVER formats only when empty.
                .setOption(RaftStorage.StartupOption.RECOVER)
                .build();
        this.client = new PeerClient(config, group, tls);
        this.requests = new RaftRequests(server, group.getGroupId(), selfId, this::division, client::rpc, forwards,
                retries, config.raft().electionTimeoutMax().toMillis(), config.requestTimeout().toMillis());
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** The group id is derived from the cluster name so every node computes the same one. */
    static RaftGroupId groupId(String clusterName) {
        return RaftGroupId.valueOf(UUID.nameUUIDFromBytes(("warden:" + clusterName).getBytes(StandardCharsets.UTF_8)));
    }

    void start() throws IOException {
        server.start();
    }

    WardenStateMachine stateMachine() {
        return stateMachine;
    }

    /** Appends one encoded batch of proposals; answers with the encoded results and the entry's index. */
    CompletableFuture<BatchingProposer.Reply> send(byte[] proposals) {
        return requests.write(proposals).thenApply(RaftNode::replyOf);
    }

    /** Completes when this node's state has caught up with the leader's commit index (ReadIndex). */
    CompletableFuture<Void> readBarrier() {
        return requests.readBarrier().thenApply(reply -> null);
    }

    private static BatchingProposer.Reply replyOf(RaftClientReply reply) {
        return new BatchingProposer.Reply(reply.getMessage().getContent().toByteArray(), reply.getLogIndex());
    }

    boolean isLeader() {
        return division().getInfo().isLeader();
    }

    /** Leader of the current term with an entry of that term committed, so its state is complete. */
    @Override
    public boolean isLeaderReady() {
        return isLeader() && division().getInfo().isLeaderReady();
    }

    @Override
    public long currentTerm() {
        return division().getInfo().getCurrentTerm();
    }

    boolean isRunning() {
        try {
            return division().getInfo().isAlive();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** This node's own view, cheap enough for health checks and metrics. */
    ClusterStatus status() {
        RaftServer.Division division = division();
        var info = division.getInfo();
        RoleInfoProto role = info.getRoleInfoProto();
        boolean leader = role.hasLeaderInfo();
        return status(leader ? role : null, leader ? info.getFollowerMatchIndices() : null, division.getCommitInfos());
    }

    /** Like {@link #status()}, but on a follower asks the leader for its view of every peer. */
    ClusterStatus leaderViewStatus() {
        RaftServer.Division division = division();
        RaftPeerId leaderId = division.getInfo().getLeaderId();
        if (division.getInfo().isLeader() || leaderId == null) {
            return status();
        }
        try {
            GroupInfoReply reply = client.get().getGroupManagementApi(leaderId).info(group.getGroupId());
            return status(reply.getRoleInfoProto(), null, reply.getCommitInfos());
        } catch (IOException | RuntimeException e) {
            return status();
        }
    }

    private ClusterStatus status(RoleInfoProto leaderRole, long[] matchIndices, Collection<CommitInfoProto> commits) {
        RaftServer.Division division = division();
        var info = division.getInfo();
        RoleInfoProto role = info.getRoleInfoProto();
        RaftPeerId leaderId = info.getLeaderId();
        var conf = division.getRaftConf();
        long commitIndex = division.getRaftLog().getLastCommittedIndex();
        long leaderContact = -1;
        if (role.hasLeaderInfo()) {
            leaderContact = 0;
        } else if (role.hasFollowerInfo() && role.getFollowerInfo().hasLeaderInfo()) {
            leaderContact = role.getFollowerInfo().getLeaderInfo().getLastRpcElapsedTimeMs();
        }
        long leaderCommit = commits.stream()
                .filter(c -> leaderId != null && c.getServer().getId().toStringUtf8().equals(leaderId.toString()))
                .mapToLong(CommitInfoProto::getCommitIndex).findFirst().orElse(commitIndex);
        List<ClusterStatus.PeerStatus> peers = PeerTable.build(conf.getCurrentPeers(RaftPeerRole.FOLLOWER),
                conf.getCurrentPeers(RaftPeerRole.LISTENER), leaderId, leaderRole, matchIndices, commits,
                Math.max(leaderCommit, info.isLeader() ? commitIndex : 0));
        return new ClusterStatus(group.getGroupId().getUuid().toString(), selfId.toString(),
                info.getCurrentRole().name(), leaderId == null ? null : leaderId.toString(), info.getCurrentTerm(),
                commitIndex, stateMachine.appliedIndex(),
                conf.getPeer(selfId, RaftPeerRole.FOLLOWER) != null, info.isLeaderReady(), leaderContact, peers);
    }

    /** On the leader: new connections to the followers it has not heard from (see {@link SilentFollowers}). */
    void reconnectSilentFollowers(SilentFollowers silent, long nowMs) {
        RoleInfoProto role = division().getInfo().getRoleInfoProto();
        if (!role.hasLeaderInfo()) {
            return;
        }
        Map<String, Long> silentForMs = new HashMap<>();
        for (ServerRpcProto follower : role.getLeaderInfo().getFollowerInfoList()) {
            silentForMs.put(follower.getId().getId().toStringUtf8(), follower.getLastRpcElapsedTimeMs());
        }
        for (String id : silent.toReconnect(silentForMs, nowMs)) {
            LOG.infof("no answer from %s for %d ms: reconnecting (a restarted peer may have a new address)",
                    id, silentForMs.get(id));
            server.getServerRpc().handleException(RaftPeerId.valueOf(id),
                    new IOException("no answer for " + silentForMs.get(id) + " ms"), true);
        }
    }

    ClusterAdmin admin() {
        return new ClusterAdmin(client.get(), division(), selfId);
    }

    private RaftServer.Division division() {
        try {
            return server.getDivision(group.getGroupId());
        } catch (IOException e) {
            throw new IllegalStateException("the Raft group is not running on this node", e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            client.close();
        } finally {
            forwards.shutdownNow();
            retries.shutdownNow();
            server.close();
        }
    }
}
