package io.warden.process;

import io.warden.process.Http.Reply;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.GrpcTlsConfig;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.util.TimeDuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.warden.process.WardenApi.acquireFree;
import static io.warden.process.WardenApi.cluster;
import static io.warden.process.WardenApi.createSession;
import static io.warden.process.WardenApi.health;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mutual TLS on the Raft port ({@code warden.raft.tls.*}), with certificates from bin/make-certs:
 * a node whose certificate another CA signed never joins, and nothing it sends is applied; a Ratis
 * client speaking plain text, or presenting a foreign certificate, is refused, while one with a trusted
 * certificate is served (so the refusals are the certificates' doing); the same node restarted with a
 * trusted certificate catches up; and every node's certificate is replaced by a rolling restart while
 * writes go on.
 */
class RaftTlsIT {

    private static final Duration START = WardenCluster.START;
    private final List<WardenProcess> nodes = new ArrayList<>();

    @AfterEach
    void stopNodes() {
        nodes.forEach(WardenProcess::close);
    }

    @Test
    @Timeout(300)
    void onlyPeersWithTrustedCertificatesFormTheGroupAndCertificatesRotateByRollingRestart() throws Exception {
        Path dir = WardenProcess.scratchDir("raft-tls");
        Path trusted = Certificates.make(dir.resolve("certs"), "n1", "n2", "n3");
        Path foreign = Certificates.make(dir.resolve("foreign"), "n3");
        nodes.addAll(WardenProcess.cluster(dir, 3));
        WardenProcess n1 = nodes.get(0);
        WardenProcess n2 = nodes.get(1);
        WardenProcess n3 = nodes.get(2);

        // n3's certificate is signed by another CA; it trusts the group's CA, so only the group can refuse it.
        n1.start(tls(trusted, "n1", trusted));
        n2.start(tls(trusted, "n2", trusted));
        n3.start(tls(foreign, "n3", trusted));
        n1.awaitReady(START);
        n2.awaitReady(START);
        String session = createSession(n1.baseUrl(), "30s", "tls");
        long fence = acquireFree(n1.baseUrl(), "tls.first", session);
        long committed = cluster(n1.baseUrl()).number("commitIndex");
        Eventually.await(WardenCluster.ELECTION, "n2 applies index " + committed,
                () -> cluster(n2.baseUrl()).number("appliedIndex") >= committed);
        // n2 received the entries over TLS in this time; n3, refused, has none and knows no leader.
        Reply foreignView = cluster(n3.baseUrl());
        assertTrue(foreignView.number("appliedIndex") <= 0, "n3 applied entries: " + foreignView.body());
        assertEquals(null, foreignView.string("leader"), foreignView.body());
        assertEquals(503, health(n3.baseUrl(), "ready").status(), "a node with a foreign certificate reports ready");
        // Whether Ratis logs the refused handshake depends on timing (it was missing in one clean-clone run);
        // the refusal itself is checked below with Ratis clients, against a trusted one as the control.
        System.out.printf("RaftTlsIT: foreign n3 applied none of %d entries; fence %d granted through n1%n", committed, fence);

        // Ratis clients at n1's Raft port: plain text and a foreign certificate are refused, a trusted one is served.
        RaftGroup group = raftGroup(nodes);
        RaftPeerId n1Id = RaftPeerId.valueOf("n1");
        // Ratis reports a refused connection as an IOException or as gRPC's UNAVAILABLE, by code path.
        Exception plain = assertThrows(Exception.class, () -> groupInfo(group, n1Id, new Parameters()),
                "plain text to the Raft port");
        Exception foreignClient = assertThrows(Exception.class,
                () -> groupInfo(group, n1Id, clientTls(foreign, "n3", trusted)), "a client certificate from another CA");
        System.out.printf("RaftTlsIT: plain-text client refused (%s); foreign-certificate client refused (%s)%n", plain,
                foreignClient);
        assertEquals(group.getGroupId(), groupInfo(group, n1Id, clientTls(trusted, "n3", trusted)));

        // The same node with a certificate from the group's CA joins and catches up.
        n3.stop();
        n3.start(tls(trusted, "n3", trusted));
        n3.awaitReady(START);
        long before = cluster(n1.baseUrl()).number("commitIndex");
        Eventually.await(WardenCluster.ELECTION, "n3 catches up to " + before,
                () -> cluster(n3.baseUrl()).number("appliedIndex") >= before);

        // Rotation: new keys and certificates from the same CA, one node restarted at a time; after each
        // restart a write must commit with that node in the quorum's reach and be applied on every node.
        Path rotated = Certificates.make(dir.resolve("certs"), "n1-next", "n2-next", "n3-next");
        int writes = 0;
        for (WardenProcess node : nodes) {
            node.stop();
            node.start(tls(rotated, node.nodeId() + "-next", trusted));
            node.awaitReady(START);
            long index = writeThrough(node, "tls.rotated." + node.nodeId());
            writes++;
            for (WardenProcess other : nodes) {
                Eventually.await(WardenCluster.ELECTION, other.nodeId() + " applies " + index + " after " + node.nodeId()
                        + " rotated", () -> cluster(other.baseUrl()).number("appliedIndex") >= index);
            }
        }
        assertEquals(3, writes);
        System.out.printf("RaftTlsIT: rotated 3 certificates by rolling restart; %d writes applied on every node%n", writes);
    }

    private static long writeThrough(WardenProcess node, String lock) {
        String session = createSession(node.baseUrl(), "30s", lock);
        long fence = acquireFree(node.baseUrl(), lock, session);
        assertNotEquals(0, fence);
        return cluster(node.baseUrl()).number("commitIndex");
    }

    private static String[] tls(Path certs, String name, Path trustDir) {
        return new String[]{
                "warden.raft.tls.cert=" + certs.resolve(name + ".pem"),
                "warden.raft.tls.key=" + certs.resolve(name + ".key"),
                "warden.raft.tls.trust=" + trustDir.resolve("ca.pem")};
    }

    private static Parameters clientTls(Path certs, String name, Path trustDir) {
        Parameters parameters = new Parameters();
        GrpcConfigKeys.TLS.setConf(parameters, new GrpcTlsConfig(certs.resolve(name + ".key").toFile(),
                certs.resolve(name + ".pem").toFile(), trustDir.resolve("ca.pem").toFile(), true));
        return parameters;
    }

    /** The group id each node derives from the cluster name (RaftNode.groupId), with the nodes' Raft addresses. */
    private static RaftGroup raftGroup(List<WardenProcess> nodes) {
        RaftGroupId id = RaftGroupId.valueOf(UUID.nameUUIDFromBytes("warden:warden".getBytes(StandardCharsets.UTF_8)));
        List<RaftPeer> peers = nodes.stream()
                .map(n -> RaftPeer.newBuilder().setId(n.nodeId()).setAddress(n.raftAddress()).build()).toList();
        return RaftGroup.valueOf(id, peers);
    }

    /** Asks one peer for its group info, once, with a short timeout: the group id it answers, or an IOException. */
    private static RaftGroupId groupInfo(RaftGroup group, RaftPeerId peer, Parameters parameters) throws IOException {
        RaftProperties properties = new RaftProperties();
        RaftClientConfigKeys.Rpc.setRequestTimeout(properties, TimeDuration.valueOf(3, TimeUnit.SECONDS));
        try (RaftClient client = RaftClient.newBuilder().setClientId(ClientId.randomId()).setRaftGroup(group)
                .setProperties(properties).setParameters(parameters).setRetryPolicy(RetryPolicies.noRetry()).build()) {
            return client.getGroupManagementApi(peer).info(group.getGroupId()).getGroup().getGroupId();
        }
    }
}
