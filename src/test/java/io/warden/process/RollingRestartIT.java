package io.warden.process;

import io.warden.process.RetryingClient.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static io.warden.process.WardenApi.acquire;
import static io.warden.process.WardenApi.deleteSession;
import static io.warden.process.WardenApi.keepAlive;
import static io.warden.process.WardenApi.leaderSeenBy;
import static io.warden.process.WardenApi.postSession;
import static io.warden.process.WardenApi.release;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * All three nodes restarted one at a time with SIGTERM while clients loop over sessions and locks,
 * retrying each operation with its Idempotency-Key on 503 or a connection error. Every operation must
 * finally succeed, no retry may be applied twice, and a leader that is stopped hands leadership over
 * (a new leader within 2 s, faster than an election).
 */
class RollingRestartIT extends ClusterTest {

    private static final int CLIENTS = 2;
    /** Upper bound of cycles per client, so the load ends even if the main thread never stops it. */
    private static final int MAX_CYCLES = 5_000;
    /** Attempts and time one logical operation may take: enough to ride out a node restart and an election. */
    private static final int MAX_ATTEMPTS = 100;
    private static final Duration OP_BUDGET = Duration.ofSeconds(30);
    /** A hand-over is one round trip and a vote; an election would first wait out a timeout (600-1200 ms) and more. */
    private static final Duration HAND_OVER = Duration.ofSeconds(2);

    private final LoadThreads load = new LoadThreads();

    @Override
    protected void beforeStop() throws InterruptedException {
        load.stop();
    }

    @Test
    @Timeout(240)
    void aRollingRestartUnderLoadFailsNoRetriedOperation() throws Exception {
        cluster = WardenCluster.start("rolling-restart", 3);
        RetryingClient client = new RetryingClient(cluster::nodes, MAX_ATTEMPTS, OP_BUDGET);
        Queue<String> finalFailures = new ConcurrentLinkedQueue<>();
        Queue<String> appliedTwice = new ConcurrentLinkedQueue<>();
        Set<Long> fences = ConcurrentHashMap.newKeySet();
        load.start(CLIENTS, "rolling-client", id -> loop(id, client, fences, finalFailures, appliedTwice));
        awaitOperations(client, 20);

        // Followers first and last, the leader in the middle, so the hand-over is exercised at least once.
        WardenProcess leader = cluster.leader();
        List<WardenProcess> order = List.of(cluster.except(leader).get(0), leader, cluster.except(leader).get(1));
        int leaderStops = 0;
        for (WardenProcess node : order) {
            List<WardenProcess> others = cluster.except(node);
            boolean wasLeader = node.nodeId().equals(WardenCluster.awaitAgreedLeader(cluster.nodes(), null, WardenCluster.ELECTION));
            long termAt = System.nanoTime();
            node.terminate();
            if (wasLeader) {
                leaderStops++;
                String next = awaitNewLeader(others, node.nodeId(), HAND_OVER);
                System.out.printf("RollingRestartIT: SIGTERM to leader %s; %s leads %d ms later%n", node.nodeId(), next,
                        (System.nanoTime() - termAt) / 1_000_000);
            }
            int exit = node.awaitExit(Duration.ofSeconds(30));
            System.out.printf("RollingRestartIT: %s (%s) stopped by SIGTERM with exit %d after %d ms%n", node.nodeId(),
                    wasLeader ? "leader" : "follower", exit, (System.nanoTime() - termAt) / 1_000_000);
            assertNotEquals(137, exit, node.nodeId() + " had to be killed; log " + node.logFile());
            node.start().awaitReady(WardenCluster.START);
            awaitOperations(client, client.operations.intValue() + 10);
        }
        assertTrue(leaderStops >= 1, "the rolling restart stopped a leader at least once");

        load.stopAndAssertEnded();
        System.out.printf("RollingRestartIT: %s finalFailures=%d appliedTwice=%d leaderStops=%d%n", client.counts(),
                finalFailures.size(), appliedTwice.size(), leaderStops);
        System.out.println("RollingRestartIT: sample of failed attempts (all retried): " + client.failureSamples);
        assertTrue(finalFailures.isEmpty(), () -> finalFailures.size() + " operations finally failed: " + finalFailures);
        assertTrue(appliedTwice.isEmpty(), () -> "retries applied twice: " + appliedTwice);
        assertEquals(0, client.gaveUp.sum(), "no operation ran out of retries");
    }

    /** One client: create a session, take its own lock, keep the session alive, release, end the session. */
    private void loop(int id, RetryingClient client, Set<Long> fences, Queue<String> finalFailures,
                      Queue<String> appliedTwice) {
        String lock = "rolling-" + id;
        long lastFence = 0;
        for (int cycle = 0; cycle < MAX_CYCLES && load.running(); cycle++) {
            String where = "client " + id + " cycle " + cycle + ": ";
            Outcome created = client.call((url, key) -> postSession(url, "30s", "rolling-" + id, key));
            if (!expect(created, 201, where + "create session", finalFailures)) {
                continue;
            }
            String session = created.reply().string("id");
            Outcome acquired = client.call((url, key) -> acquire(url, lock, session, "0s", key));
            if (expect(acquired, 200, where + "acquire", finalFailures)) {
                long fence = acquired.reply().number("fence");
                if (!session.equals(acquired.reply().string("session")) || fence <= lastFence || !fences.add(fence)) {
                    appliedTwice.add(where + "acquire answered fence " + fence + " after " + lastFence + ": " + acquired);
                }
                lastFence = Math.max(lastFence, fence);
                Outcome kept = client.call((url, key) -> keepAlive(url, session, key));
                expect(kept, 200, where + "keepalive", finalFailures);
                Outcome released = client.call((url, key) -> release(url, lock, session, fence, key));
                if (released.status() == 409) {
                    appliedTwice.add(where + "release: " + released);
                }
                expect(released, 200, where + "release", finalFailures);
            }
            Outcome deleted = client.call((url, key) -> deleteSession(url, session, key));
            if (deleted.status() == 404) {
                appliedTwice.add(where + "delete session: " + deleted);
            }
            expect(deleted, 204, where + "delete session", finalFailures);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // light load: a short breath between cycles
        }
    }

    private static boolean expect(Outcome outcome, int status, String what, Queue<String> finalFailures) {
        if (outcome.status() == status) {
            return true;
        }
        finalFailures.add(what + " expected " + status + ", got " + outcome);
        return false;
    }

    private static void awaitOperations(RetryingClient client, int atLeast) {
        Eventually.await(WardenCluster.START, atLeast + " client operations done", () -> client.operations.sum() >= atLeast);
    }

    /** Both remaining nodes name the same new leader within {@code timeout}; returns it. */
    private static String awaitNewLeader(List<WardenProcess> others, String old, Duration timeout) {
        return Eventually.await(timeout, "a new leader other than " + old + " named by " + others, () -> {
            List<String> seen = others.stream().map(n -> leaderSeenBy(n.baseUrl())).toList();
            String first = seen.get(0);
            return first != null && !first.equals(old) && seen.stream().allMatch(first::equals) ? first : null;
        }, Objects::nonNull);
    }
}
