package io.warden.process;

import io.warden.process.Http.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static io.warden.process.WardenApi.acquireFree;
import static io.warden.process.WardenApi.cluster;
import static io.warden.process.WardenApi.createSession;
import static io.warden.process.WardenApi.lock;
import static io.warden.process.WardenApi.release;
import static io.warden.process.WardenApi.session;
import static io.warden.process.WardenCluster.settled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three Warden processes; the leader is killed with SIGKILL while a lock is held and a waiter's request
 * is held open by a follower. The survivors must keep the lock, its fence, the waiter and the sessions,
 * hand the lock to the waiter when it is released, and the killed node must catch up after a restart.
 */
class ThreeNodeFailoverIT {

    private static final Duration START = Duration.ofSeconds(90);
    private static final Duration ELECTION = Duration.ofSeconds(30);
    private static final Duration SHORT = Duration.ofSeconds(15);
    private static final Pattern EXTENDED_BOTH = Pattern.compile("sessions extended \\(SessionsExtended\\[count=2]\\)");

    private final List<WardenProcess> nodes = new ArrayList<>();

    @AfterEach
    void stopNodes() {
        nodes.forEach(WardenProcess::close);
        nodes.stream().findFirst().ifPresent(n ->
                System.out.println("ThreeNodeFailoverIT node logs under " + n.logDir()));
    }

    @Test
    @Timeout(180)
    void lockAndWaiterSurviveLeaderKill9AndTheRestartedNodeCatchesUp() throws Exception {
        nodes.addAll(WardenProcess.cluster(WardenProcess.scratchDir("three-node-failover"), 3));
        nodes.forEach(WardenProcess::start);
        for (WardenProcess n : nodes) {
            n.awaitReady(START);
        }

        WardenProcess leader = node(awaitAgreedLeader(nodes, null));
        // Chosen before the kill: the waiter's request must stay open on a node that survives.
        WardenProcess follower = nodes.stream().filter(n -> n != leader).findFirst().orElseThrow();
        WardenProcess other = nodes.stream().filter(n -> n != leader && n != follower).findFirst().orElseThrow();
        String l = leader.baseUrl();

        String s1 = createSession(l, "30s", "s1");
        String s2 = createSession(l, "30s", "s2");
        long f = acquireFree(l, "L", s1);
        CompletableFuture<Reply> waiting = Http.postAsync(follower.baseUrl() + "/v1/locks/L/acquire",
                WardenApi.acquireBody(s2, "20s"), Duration.ofSeconds(40));
        Eventually.await(SHORT, "S2 queued on L", () -> lock(l, "L").integer("waiters") == 1);
        assertLock(follower.baseUrl(), "L", s1, f, 1);
        assertFalse(waiting.isDone(), () -> "the waiter's request answered before the lock was released: " + waiting.join());

        assertEquals(137, leader.kill9(), "the leader was killed by SIGKILL while running");
        List<WardenProcess> survivors = List.of(follower, other);
        String newLeader = awaitAgreedLeader(survivors, leader.nodeId());
        assertNotEquals(leader.nodeId(), newLeader);

        // Linearizable reads through a survivor; the first may meet a 503 while the new leader settles.
        assertLock(settled("a read of L through " + other.nodeId(), () -> lock(other.baseUrl(), "L")), s1, f, 1);
        for (String s : List.of(s1, s2)) {
            Reply reply = settled("a read of session " + s, () -> session(other.baseUrl(), s));
            assertEquals(200, reply.status(), () -> "session " + s + " after the leader change: " + reply);
            assertTrue(reply.number("expiresInMs") > 0, reply::toString);
        }
        WardenProcess elected = node(newLeader);
        Eventually.await(SHORT, "the new leader " + newLeader + " extended both sessions (log " + elected.logFile() + ")",
                () -> EXTENDED_BOTH.matcher(elected.log()).find());
        assertFalse(waiting.isDone(), () -> "the waiter's request answered while L was still held: " + waiting.join());

        // The key makes a retry after a 503 safe: a release that did commit is answered again, not redone.
        String key = UUID.randomUUID().toString();
        Reply released = settled("release of L through " + other.nodeId(), () -> release(other.baseUrl(), "L", s1, f, key));
        assertEquals(200, released.status(), released::toString);

        Reply grant = waiting.get(SHORT.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals(200, grant.status(), () -> "the follower's open acquire: " + grant + "; follower log "
                + follower.logFile());
        assertEquals(s2, grant.string("session"), grant::toString);
        assertEquals("L", grant.string("name"), grant::toString);
        long g = grant.number("fence");
        assertTrue(g > f, "the waiter's fence " + g + " exceeds the first holder's " + f);
        assertLock(other.baseUrl(), "L", s2, g, 0);

        leader.start().awaitReady(START);
        long commitIndex = survivors.stream().mapToLong(n -> cluster(n.baseUrl()).number("commitIndex")).max().orElseThrow();
        Eventually.await(ELECTION, leader.nodeId() + " applied up to the survivors' commit index " + commitIndex,
                () -> cluster(leader.baseUrl()).number("appliedIndex") >= commitIndex);
        assertLock(leader.baseUrl(), "L", s2, g, 0);
    }

    /** Polls until every given node names the same live leader (not {@code excluded}); returns its id. */
    private static String awaitAgreedLeader(List<WardenProcess> among, String excluded) {
        return WardenCluster.awaitAgreedLeader(among, excluded, ELECTION);
    }

    private WardenProcess node(String id) {
        return nodes.stream().filter(n -> n.nodeId().equals(id)).findFirst().orElseThrow();
    }

    private static void assertLock(String url, String name, String holderSession, long fence, int waiters) {
        assertLock(lock(url, name), holderSession, fence, waiters);
    }

    private static void assertLock(Reply reply, String holderSession, long fence, int waiters) {
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(holderSession, reply.string("holder.session"), reply::toString);
        assertEquals(fence, reply.number("fence"), reply::toString);
        assertEquals(waiters, reply.integer("waiters"), reply::toString);
    }
}
