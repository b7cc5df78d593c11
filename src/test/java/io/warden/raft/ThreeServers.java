package io.warden.raft;

import io.warden.config.WardenConfig;
import io.warden.domain.Applied;
import io.warden.process.Eventually;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Three Warden Raft servers in this JVM on loopback ports, each recording what it applied. */
final class ThreeServers implements AutoCloseable {

    final List<RaftNode> nodes = new ArrayList<>();
    final List<List<Applied>> applied = new ArrayList<>();

    ThreeServers(Path dataDir) throws IOException {
        int[] ports = {freePort(), freePort(), freePort()};
        String peers = "n1=127.0.0.1:" + ports[0] + ",n2=127.0.0.1:" + ports[1] + ",n3=127.0.0.1:" + ports[2];
        for (int i = 0; i < 3; i++) {
            WardenConfig config = TestConfigs.of(Map.of(
                    "warden.node-id", "n" + (i + 1),
                    "warden.peers", peers,
                    "warden.data-dir", dataDir.resolve("n" + (i + 1)).toString(),
                    "warden.cluster-name", "write-path-test"));
            List<Applied> log = new CopyOnWriteArrayList<>();
            applied.add(log);
            nodes.add(new RaftNode(config, log::add, () -> { }, index -> { }));
        }
        for (RaftNode node : nodes) {
            node.start();
        }
    }

    RaftNode leader() {
        Eventually.await(Duration.ofSeconds(20), "a ready leader",
                () -> nodes.stream().anyMatch(RaftNode::isLeaderReady));
        return nodes.stream().filter(RaftNode::isLeaderReady).findFirst().orElseThrow();
    }

    RaftNode follower() {
        RaftNode leader = leader();
        return nodes.stream().filter(n -> n != leader).findFirst().orElseThrow();
    }

    int indexOf(RaftNode node) {
        return nodes.indexOf(node);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        for (RaftNode node : nodes) {
            try {
                node.close();
            } catch (IOException | RuntimeException e) {
                // Closing the others matters more than one node's clean close.
            }
        }
    }
}
