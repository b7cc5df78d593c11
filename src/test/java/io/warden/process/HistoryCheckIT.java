package io.warden.process;

import io.warden.process.RetryingClient.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import static io.warden.process.WardenApi.acquire;
import static io.warden.process.WardenApi.deleteSession;
import static io.warden.process.WardenApi.keepAlive;
import static io.warden.process.WardenApi.postSession;
import static io.warden.process.WardenApi.release;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Clients contend for two locks through random live nodes while the leader is killed with SIGKILL
 * three times. From the recorded history (every grant with its fence and the client's real-time
 * window in which it held the lock) the test checks what fencing promises: every fence is unique,
 * no lock was held by two sessions at once, and a grant that began after another ended has the larger fence.
 */
class HistoryCheckIT extends ClusterTest {

    private static final int CLIENTS = 4;
    private static final List<String> LOCKS = List.of("h1", "h2");
    private static final int LEADER_KILLS = 3;
    /** Grants to see between two kills, so each failover happens under contention. */
    private static final int GRANTS_PER_PHASE = 15;
    private static final int MAX_CYCLES = 20_000;
    private static final int MAX_ATTEMPTS = 100;
    private static final Duration OP_BUDGET = Duration.ofSeconds(30);
    /** Sessions outlive a failover by far; keepalives renew them well inside the TTL. */
    private static final String SESSION_TTL = "30s";
    private static final long KEEPALIVE_EVERY_NANOS = TimeUnit.SECONDS.toNanos(3);

    /** One grant as the client saw it: from the 200's arrival to the sending of its release. */
    record Grant(String lock, String session, long fence, long acquireSent, long acquireReceived, long releaseSent,
                 int acquireAttempts) {}

    private final LoadThreads load = new LoadThreads();
    private final Queue<Grant> grants = new ConcurrentLinkedQueue<>();
    private final Queue<String> problems = new ConcurrentLinkedQueue<>();
    private final AtomicInteger lockHeldAnswers = new AtomicInteger();

    @Override
    protected void beforeStop() throws InterruptedException {
        load.stop();
    }

    @Test
    @Timeout(240)
    void fencesStayUniqueOrderedAndExclusiveAcrossLeaderKills() throws Exception {
        cluster = WardenCluster.start("history-check", 3);
        RetryingClient client = new RetryingClient(cluster::nodes, MAX_ATTEMPTS, OP_BUDGET);
        load.start(CLIENTS, "history-client", id -> loop(id, client));
        awaitGrants(GRANTS_PER_PHASE);

        for (int kill = 1; kill <= LEADER_KILLS; kill++) {
            WardenProcess leader = cluster.leader();
            long killedAt = System.nanoTime();
            assertEquals(137, leader.kill9(), "the leader was killed by SIGKILL while running");
            String next = WardenCluster.awaitAgreedLeader(cluster.except(leader), leader.nodeId(), WardenCluster.ELECTION);
            System.out.printf("HistoryCheckIT: kill %d of leader %s; %s leads %d ms later%n", kill, leader.nodeId(), next,
                    (System.nanoTime() - killedAt) / 1_000_000);
            // Back to three before the next kill: a second node down would leave no quorum.
            leader.start().awaitReady(WardenCluster.START);
            awaitGrants(grants.size() + GRANTS_PER_PHASE);
        }

        load.stopAndAssertEnded();
        List<Grant> history = List.copyOf(grants);
        long retriedGrants = history.stream().filter(g -> g.acquireAttempts() > 1).count();
        int handOffs = handOffs(history);
        System.out.printf("HistoryCheckIT: %s grants=%d grantsAfterRetriedAcquire=%d handOffsBetweenSessions=%d"
                        + " lockHeld=%d leaderKills=%d problems=%d%n", client.counts(), history.size(), retriedGrants,
                handOffs, lockHeldAnswers.get(), LEADER_KILLS, problems.size());
        System.out.println("HistoryCheckIT: sample of failed attempts (all retried): " + client.failureSamples);
        assertTrue(problems.isEmpty(), () -> problems.size() + " unexpected answers: " + problems);

        // Without locks passing between sessions the exclusivity check below would prove nothing.
        assertTrue(handOffs >= GRANTS_PER_PHASE, "locks passed between sessions only " + handOffs + " times");
        assertUniqueFences(history);
        assertExclusive(history);
        assertRealTimeOrderImpliesFenceOrder(history);
    }

    private void loop(int id, RetryingClient client) {
        String session = null;
        long keptAt = 0;
        for (int cycle = 0; cycle < MAX_CYCLES && load.running(); cycle++) {
            String where = "client " + id + " cycle " + cycle + ": ";
            if (session == null) {
                Outcome created = client.call((url, key) -> postSession(url, SESSION_TTL, "history-" + id, key));
                if (created.status() != 201) {
                    problems.add(where + "create session: " + created);
                    continue;
                }
                session = created.reply().string("id");
                keptAt = System.nanoTime();
            }
            String s = session;
            if (System.nanoTime() - keptAt > KEEPALIVE_EVERY_NANOS) {
                Outcome kept = client.call((url, key) -> keepAlive(url, s, key));
                if (kept.status() != 200) {
                    problems.add(where + "keepalive: " + kept);
                    session = abandon(client, s);
                    continue;
                }
                keptAt = kept.firstSentNanos();
            }
            String lock = LOCKS.get(ThreadLocalRandom.current().nextInt(LOCKS.size()));
            Outcome acquired = client.call((url, key) -> acquire(url, lock, s, "2s", key));
            if (acquired.status() == 409 && "urn:warden:lock-held".equals(acquired.reply().string("type"))) {
                lockHeldAnswers.incrementAndGet();
                continue;
            }
            if (acquired.status() != 200 || !s.equals(acquired.reply().string("session"))) {
                // The lock may be ours without our knowing: end the session so it cannot block the others.
                problems.add(where + "acquire " + lock + ": " + acquired);
                session = abandon(client, s);
                continue;
            }
            long fence = acquired.reply().number("fence");
            // The critical section: short, so the two locks see contention and many grants.
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(ThreadLocalRandom.current().nextInt(5, 30)));
            Outcome released = client.call((url, key) -> release(url, lock, s, fence, key));
            grants.add(new Grant(lock, s, fence, acquired.firstSentNanos(), acquired.receivedNanos(),
                    released.firstSentNanos(), acquired.attempts()));
            if (released.status() != 200) {
                problems.add(where + "release " + lock + " fence " + fence + ": " + released);
                session = abandon(client, s);
            }
        }
        if (session != null) {
            String s = session;
            client.call((url, key) -> deleteSession(url, s, key));
        }
    }

    /** Ends a session whose state the client no longer knows; the loop starts a fresh one. */
    private static String abandon(RetryingClient client, String session) {
        client.call((url, key) -> deleteSession(url, session, key));
        return null;
    }

    private void awaitGrants(int atLeast) {
        Eventually.await(WardenCluster.START, atLeast + " grants (" + problems.size() + " problems so far)",
                () -> grants.size() >= atLeast);
    }

    /** How often, in fence order, a lock went to a different session than the grant before. */
    private static int handOffs(List<Grant> history) {
        int count = 0;
        for (String lock : LOCKS) {
            List<Grant> ofLock = history.stream().filter(g -> g.lock().equals(lock))
                    .sorted(Comparator.comparingLong(Grant::fence)).toList();
            for (int i = 1; i < ofLock.size(); i++) {
                if (!ofLock.get(i).session().equals(ofLock.get(i - 1).session())) {
                    count++;
                }
            }
        }
        return count;
    }

    private static void assertUniqueFences(List<Grant> history) {
        Map<Long, List<Grant>> byFence = history.stream().collect(Collectors.groupingBy(Grant::fence));
        List<List<Grant>> shared = byFence.values().stream().filter(g -> g.size() > 1).toList();
        assertTrue(shared.isEmpty(), () -> "fences returned more than once: " + shared);
    }

    /** Per lock, in fence order, each grant's release was sent before the next grant's 200 arrived. */
    private static void assertExclusive(List<Grant> history) {
        Map<String, List<Grant>> byLock = new HashMap<>();
        history.forEach(g -> byLock.computeIfAbsent(g.lock(), k -> new ArrayList<>()).add(g));
        for (List<Grant> ofLock : byLock.values()) {
            ofLock.sort(Comparator.comparingLong(Grant::fence));
            for (int i = 1; i < ofLock.size(); i++) {
                Grant earlier = ofLock.get(i - 1);
                Grant later = ofLock.get(i);
                assertTrue(earlier.releaseSent() <= later.acquireReceived(), () -> "lock " + earlier.lock()
                        + " held by two sessions at once: " + earlier + " overlaps " + later + " by "
                        + (earlier.releaseSent() - later.acquireReceived()) / 1_000 + " us");
            }
        }
    }

    /** A grant requested after another was received carries a larger fence, across both locks. */
    private static void assertRealTimeOrderImpliesFenceOrder(List<Grant> history) {
        List<Grant> bySent = history.stream().sorted(Comparator.comparingLong(Grant::acquireSent)).toList();
        List<Grant> byReceived = history.stream().sorted(Comparator.comparingLong(Grant::acquireReceived)).toList();
        // Sweep in send order, keeping the largest fence among the grants received before each send.
        long maxFenceReceived = Long.MIN_VALUE;
        Grant witness = null;
        int r = 0;
        for (Grant b : bySent) {
            while (r < byReceived.size() && byReceived.get(r).acquireReceived() < b.acquireSent()) {
                Grant a = byReceived.get(r++);
                if (a.fence() > maxFenceReceived) {
                    maxFenceReceived = a.fence();
                    witness = a;
                }
            }
            Grant a = witness;
            long max = maxFenceReceived;
            assertTrue(b.fence() > max, () -> "grant " + b + " was requested after " + a
                    + " was received, yet its fence is not larger (" + b.fence() + " <= " + max + ")");
        }
    }
}
