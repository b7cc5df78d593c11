package io.warden.raft;

import io.warden.codec.WardenCodec;
import io.warden.domain.Applied;
import io.warden.domain.Command;
import io.warden.domain.Proposal;
import io.warden.domain.Reads;
import io.warden.domain.Result;
import io.warden.process.Eventually;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The write path with three real Ratis servers in this JVM: in process on the leader, forwarded from a follower. */
class WritePathTest {

    @TempDir
    Path dataDir;

    private ThreeServers group;

    @BeforeEach
    void start() throws Exception {
        group = new ThreeServers(dataDir);
    }

    @AfterEach
    void stop() {
        group.close();
    }

    private static byte[] createSession(String id) {
        return WardenCodec.encodeProposals(List.of(new Proposal(null, null, new Command.CreateSession(id, null, 60_000))));
    }

    private static Result onlyResult(BatchingProposer.Reply reply) {
        List<Result> results = WardenCodec.decodeResults(reply.results());
        assertEquals(1, results.size());
        return results.get(0);
    }

    private static boolean hasSession(RaftNode node, String id) {
        return node.stateMachine().read(s -> new Reads(s).session(id).isPresent());
    }

    @Test
    void writeOnTheLeaderIsAppliedOnEveryServer() throws Exception {
        RaftNode leader = group.leader();
        String id = UUID.randomUUID().toString();
        BatchingProposer.Reply reply = leader.send(createSession(id)).get(10, TimeUnit.SECONDS);
        assertInstanceOf(Result.SessionInfo.class, onlyResult(reply));
        assertTrue(reply.index() > 0);
        for (RaftNode node : group.nodes) {
            Eventually.await(Duration.ofSeconds(10), "every server to apply index " + reply.index(),
                    () -> node.stateMachine().appliedIndex() >= reply.index());
            assertTrue(hasSession(node, id));
        }
    }

    @Test
    void writeThroughAFollowerIsForwardedToTheLeaderAndAppliedOnce() throws Exception {
        RaftNode follower = group.follower();
        String id = UUID.randomUUID().toString();
        BatchingProposer.Reply reply = follower.send(createSession(id)).get(10, TimeUnit.SECONDS);
        assertInstanceOf(Result.SessionInfo.class, onlyResult(reply));
        Eventually.await(Duration.ofSeconds(10), "the follower to apply its own write",
                () -> follower.stateMachine().appliedIndex() >= reply.index());
        assertEquals(1, createdCount(group.applied.get(group.indexOf(follower)), id));
    }

    @Test
    void readBarrierOnAFollowerSeesWhatTheLeaderCommitted() throws Exception {
        RaftNode leader = group.leader();
        RaftNode follower = group.nodes.stream().filter(n -> n != leader).findFirst().orElseThrow();
        String id = UUID.randomUUID().toString();
        leader.send(createSession(id)).get(10, TimeUnit.SECONDS);
        follower.readBarrier().get(10, TimeUnit.SECONDS);
        assertTrue(hasSession(follower, id), "a linearizable read on a follower must see an acknowledged write");
    }

    @Test
    void leaderChangeMidStreamAppliesEveryAcknowledgedWriteExactlyOnce() throws Exception {
        RaftNode leader = group.leader();
        RaftNode follower = group.nodes.stream().filter(n -> n != leader).findFirst().orElseThrow();
        RaftNode other = group.nodes.stream().filter(n -> n != leader && n != follower).findFirst().orElseThrow();
        Map<String, CompletableFuture<BatchingProposer.Reply>> writes = new HashMap<>();
        List<RaftNode> senders = List.of(leader, follower, other);
        for (int i = 0; i < 300; i++) {
            String id = UUID.randomUUID().toString();
            writes.put(id, senders.get(i % 3).send(createSession(id)));
            if (i == 100) {
                // Move leadership while writes are in flight from every node, the old leader included.
                String target = other.status().self();
                CompletableFuture.runAsync(() -> leader.admin().transferLeadership(target, 5_000));
            }
        }
        int acknowledged = 0;
        List<String> failed = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (var write : writes.entrySet()) {
            try {
                assertInstanceOf(Result.SessionInfo.class, onlyResult(write.getValue().get(15, TimeUnit.SECONDS)));
                acknowledged++;
            } catch (ExecutionException e) {
                assertInstanceOf(NoQuorumException.class, e.getCause(), "a write may only fail as 'no quorum'");
                failed.add(write.getKey());
                reasons.add(e.getCause().getMessage());
            }
        }
        long last = group.nodes.stream().mapToLong(n -> n.stateMachine().appliedIndex()).max().orElseThrow();
        for (RaftNode node : group.nodes) {
            Eventually.await(Duration.ofSeconds(10), "every server to apply up to " + last,
                    () -> node.stateMachine().appliedIndex() >= last);
        }
        List<Applied> log = group.applied.get(0);
        for (String id : writes.keySet()) {
            int times = createdCount(log, id);
            if (failed.contains(id)) {
                assertTrue(times <= 1, "session " + id + " was created " + times + " times");
            } else {
                assertEquals(1, times, "acknowledged session " + id + " was created " + times + " times");
            }
        }
        // Retries under one call id ride out the transfer: every write is answered, none with 503.
        assertEquals(300, acknowledged, failed.size() + " writes failed across a leadership transfer, first: "
                + reasons.stream().limit(3).toList());
    }

    private static int createdCount(List<Applied> log, String sessionId) {
        int count = 0;
        for (Applied applied : log) {
            for (Result r : applied.results()) {
                if (r instanceof Result.SessionInfo s && s.sessionId().equals(sessionId)) {
                    count++;
                }
            }
        }
        return count;
    }
}
