package io.warden.process;

import io.warden.process.Http.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import static io.warden.process.WardenApi.acquireFree;
import static io.warden.process.WardenApi.createSession;
import static io.warden.process.WardenApi.health;
import static io.warden.process.WardenApi.keepAlive;
import static io.warden.process.WardenApi.lock;
import static io.warden.process.WardenApi.lockStale;
import static io.warden.process.WardenApi.postSession;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node cut off from the quorum (its two peers killed with SIGKILL) turns not ready within seconds
 * while staying live, answers writes and linearizable reads with a bounded 503, still serves stale
 * reads, and turns ready again, and serves, when a peer comes back. Once with the leader as the
 * survivor (it must notice it hears from no majority), once with a follower (it hears no leader).
 */
class ReadinessIT extends ClusterTest {

    /** Two request timeouts: room for Ratis to rebuild its connection to a returning peer. */
    private static final Duration SERVES_WITHIN = Duration.ofSeconds(12);

    /** How soon a node cut off from the quorum must report not ready. */
    private static final Duration NOT_READY_WITHIN = Duration.ofSeconds(5);
    /** Warden's request timeout (5s, the default) plus 2 s of slack: a request to a cut-off node never hangs. */
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(7);

    @Test
    @Timeout(150)
    void aLeaderLeftAloneTurnsNotReadyAnswers503AndRecovers() {
        cluster = WardenCluster.start("readiness-leader", 3);
        WardenProcess leader = cluster.leader();
        WardenProcess f1 = cluster.except(leader).get(0);
        WardenProcess f2 = cluster.except(leader, f1).get(0);
        String session = createSession(leader.baseUrl(), "1h", "holder");
        long fence = acquireFree(leader.baseUrl(), "L", session);

        f1.kill9();
        assertEquals(137, f2.kill9(), "killed by SIGKILL while running");
        assertCutOff(leader, System.nanoTime(), session, fence);

        f1.start();
        leader.awaitReady(WardenCluster.START);
        f1.awaitReady(WardenCluster.START);
        assertServes(leader, session, fence);
    }

    @Test
    @Timeout(150)
    void aFollowerLeftAloneTurnsNotReadyAnswers503AndRecovers() {
        cluster = WardenCluster.start("readiness-follower", 3);
        WardenProcess leader = cluster.leader();
        WardenProcess survivor = cluster.except(leader).get(0);
        WardenProcess other = cluster.except(leader, survivor).get(0);
        String session = createSession(leader.baseUrl(), "1h", "holder");
        long fence = acquireFree(leader.baseUrl(), "L", session);
        // A follower learns that an entry committed from the leader's next message; the stale read below
        // checks that a cut-off node serves what it had applied, so it must have applied the grant first.
        Eventually.await(WardenCluster.ELECTION, survivor.nodeId() + " applied the grant",
                () -> session.equals(lockStale(survivor.baseUrl(), "L").string("holder.session")));

        // The other follower first: until the leader dies too, the survivor stays a follower of a live leader.
        other.kill9();
        assertEquals(137, leader.kill9(), "killed by SIGKILL while running");
        assertCutOff(survivor, System.nanoTime(), session, fence);

        leader.start();
        survivor.awaitReady(WardenCluster.START);
        leader.awaitReady(WardenCluster.START);
        assertServes(survivor, session, fence);
    }

    /**
     * A node that reports ready again serves, retrying 503s as Retry-After tells clients to: after a peer
     * returns, Ratis may need a few seconds to rebuild its connection to it (its gRPC channel reset blocks
     * for up to 5 s), so the very first request can still answer 503 but never a wrong answer.
     */
    private static void assertServes(WardenProcess node, String session, long fence) {
        String url = node.baseUrl();
        Reply read = Eventually.await(SERVES_WITHIN, node.nodeId() + " serves a linearizable read (log " + node.logFile() + ")",
                () -> lock(url, "L"), r -> r.status() != 503);
        assertEquals(200, read.status(), () -> "a linearizable read: " + read);
        assertEquals(fence, read.number("fence"), () -> "a linearizable read: " + read);
        Reply write = Eventually.await(SERVES_WITHIN, node.nodeId() + " serves a write (log " + node.logFile() + ")",
                () -> keepAlive(url, session), r -> r.status() != 503);
        assertEquals(200, write.status(), () -> "a write: " + write);
    }

    /** What a node that can reach no quorum must do; {@code cutAt} is when its last peer died. */
    private static void assertCutOff(WardenProcess node, long cutAt, String session, long fence) {
        String url = node.baseUrl();
        Duration left = NOT_READY_WITHIN.minusNanos(System.nanoTime() - cutAt);
        Eventually.await(left, node.nodeId() + " not ready within " + NOT_READY_WITHIN.toMillis()
                + " ms of losing the quorum (log " + node.logFile() + ")", () -> health(url, "ready").status() == 503);
        System.out.printf("ReadinessIT: %s not ready %d ms after losing the quorum: %s%n", node.nodeId(),
                (System.nanoTime() - cutAt) / 1_000_000, health(url, "ready").body());
        assertEquals(200, health(url, "live").status(), "losing the quorum does not make a node dead");

        // Sent together so the two timeouts run side by side.
        CompletableFuture<Timed> write = timed(() -> postSession(url, "10s", "cut-off", null));
        CompletableFuture<Timed> read = timed(() -> lock(url, "L"));
        assertUnavailable(node, "a write", write.join());
        assertUnavailable(node, "a linearizable read", read.join());

        Reply stale = lockStale(url, "L");
        assertEquals(200, stale.status(), () -> "a stale read on " + node.nodeId() + ": " + stale);
        assertEquals(session, stale.string("holder.session"), stale::toString);
        assertEquals(fence, stale.number("fence"), stale::toString);
        assertEquals(200, health(url, "live").status(), "still live after serving 503s");
        assertEquals(503, health(url, "ready").status(), "still not ready while alone");
    }

    private static void assertUnavailable(WardenProcess node, String what, Timed answer) {
        Reply reply = answer.reply();
        String where = what + " to " + node.nodeId() + " without quorum";
        assertTrue(answer.elapsed().compareTo(ANSWER_WITHIN) < 0,
                where + " took " + answer.elapsed().toMillis() + " ms; log " + node.logFile());
        assertEquals(503, reply.status(), () -> where + ": " + reply);
        assertEquals("urn:warden:unavailable", reply.string("type"), () -> where + ": " + reply);
        assertNotNull(reply.header("Retry-After"), () -> where + " has no Retry-After: " + reply.headers());
        assertTrue(reply.header("Content-Type").startsWith("application/problem+json"), reply.header("Content-Type"));
        System.out.printf("ReadinessIT: %s answered %d in %d ms (Retry-After %s)%n", where, reply.status(),
                answer.elapsed().toMillis(), reply.header("Retry-After"));
    }

    private record Timed(Reply reply, Duration elapsed) {}

    /** Runs a request on another thread and measures it; a node that never answers fails at the HTTP timeout. */
    private static CompletableFuture<Timed> timed(Supplier<Reply> request) {
        return CompletableFuture.supplyAsync(() -> {
            long start = System.nanoTime();
            Reply reply = request.get();
            return new Timed(reply, Duration.ofNanos(System.nanoTime() - start));
        }, task -> new Thread(task, "readiness-request").start()); // own thread: the common pool has 1 on 2 cores
    }
}
