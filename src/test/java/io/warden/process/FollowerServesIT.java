package io.warden.process;

import io.warden.process.Http.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static io.warden.process.WardenApi.acquire;
import static io.warden.process.WardenApi.acquireAsync;
import static io.warden.process.WardenApi.acquireFree;
import static io.warden.process.WardenApi.createSession;
import static io.warden.process.WardenApi.group;
import static io.warden.process.WardenApi.groupAfter;
import static io.warden.process.WardenApi.lock;
import static io.warden.process.WardenApi.postSession;
import static io.warden.process.WardenApi.putMember;
import static io.warden.process.WardenApi.release;
import static io.warden.process.WardenApi.sessions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Any node serves: a lock wait and a group blocking query held open by a follower are answered when
 * another node changes the state, and an Idempotency-Key retry sent to a different node gets the first
 * answer again and changes nothing.
 */
class FollowerServesIT extends ClusterTest {

    /** How soon a held-open request must answer after the change it waits for; far below its own wait. */
    private static final Duration WAKE_UP = Duration.ofSeconds(5);

    @Test
    @Timeout(150)
    void followersHoldWaitsOpenAndAnswerRetriesSentToAnotherNode() throws Exception {
        cluster = WardenCluster.start("follower-serves", 3);
        WardenProcess leader = cluster.leader();
        WardenProcess a = cluster.except(leader).get(0);
        WardenProcess b = cluster.except(leader, a).get(0);
        String l = leader.baseUrl();

        // --- a lock wait held by follower A, granted by a release through follower B ---
        String holder = createSession(l, "1m", "holder");
        String waiter = createSession(l, "1m", "waiter");
        long f1 = acquireFree(b.baseUrl(), "W", holder);
        CompletableFuture<Reply> waiting = acquireAsync(a.baseUrl(), "W", waiter, Duration.ofSeconds(15));
        Eventually.await(WardenCluster.ELECTION, "the waiter queued on W", () -> lock(l, "W").integer("waiters") == 1);
        assertFalse(waiting.isDone(), () -> "the wait answered while W was held: " + waiting.join());
        Reply released = release(b.baseUrl(), "W", holder, f1, null);
        assertEquals(200, released.status(), released::toString);
        Reply grant = waiting.get(WAKE_UP.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals(200, grant.status(), () -> "the wait held by " + a.nodeId() + ": " + grant + "; log " + a.logFile());
        assertEquals(waiter, grant.string("session"), grant::toString);
        long f2 = grant.number("fence");
        assertTrue(f2 > f1, "the waiter's fence " + f2 + " exceeds " + f1);
        assertLock(a.baseUrl(), "W", waiter, f2);

        // --- a blocking query held by follower A, answered by a PUT through the leader ---
        Reply before = group(a.baseUrl(), "g");
        assertEquals(200, before.status(), before::toString);
        long index = before.number("index");
        CompletableFuture<Reply> watching = groupAfter(a.baseUrl(), "g", index, Duration.ofSeconds(20));
        assertStillOpen(watching, Duration.ofSeconds(1));
        Reply put = putMember(l, "g", "m1", holder, "10.0.0.1:9000");
        assertEquals(200, put.status(), put::toString);
        Reply changed = watching.get(WAKE_UP.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals(200, changed.status(), changed::toString);
        assertEquals(put.number("index"), changed.number("index"), () -> "the blocking query's answer: " + changed);
        assertTrue(changed.number("index") > index, changed::toString);
        assertEquals(List.of("m1"), changed.json().getList("members.member"), changed::toString);

        // --- Idempotency-Key retries sent to a different node ---
        // A create: the retry answers the first session again and creates no second one.
        String createKey = UUID.randomUUID().toString();
        Reply created = postSession(a.baseUrl(), "1m", "once", createKey);
        assertEquals(201, created.status(), created::toString);
        int count = sessions(l).json().getList("sessions").size();
        Reply createdAgain = postSession(b.baseUrl(), "1m", "once", createKey);
        assertSameAnswer(created, createdAgain);
        assertEquals(count, sessions(l).json().getList("sessions").size(), "the retried create made no session");

        // A refused acquire: the retry is refused again even though the lock is free by then.
        String other = createSession(l, "1m", "other");
        String acquireKey = UUID.randomUUID().toString();
        Reply refused = acquire(a.baseUrl(), "W", other, "0s", acquireKey);
        assertEquals(409, refused.status(), refused::toString);
        assertEquals("urn:warden:lock-held", refused.string("type"), refused::toString);
        Reply freed = release(l, "W", waiter, f2, null);
        assertEquals(200, freed.status(), freed::toString);
        Reply refusedAgain = acquire(b.baseUrl(), "W", other, "0s", acquireKey);
        assertSameAnswer(refused, refusedAgain);
        Reply free = lock(l, "W");
        assertNull(free.string("holder"), () -> "the retried acquire took the lock: " + free);

        // A release: the retry does not release the lock that someone else acquired since.
        long f3 = acquireFree(l, "R", holder);
        String releaseKey = UUID.randomUUID().toString();
        Reply releasedOnce = release(a.baseUrl(), "R", holder, f3, releaseKey);
        assertEquals(200, releasedOnce.status(), releasedOnce::toString);
        long f4 = acquireFree(l, "R", other);
        Reply releasedAgain = release(b.baseUrl(), "R", holder, f3, releaseKey);
        assertSameAnswer(releasedOnce, releasedAgain);
        assertLock(l, "R", other, f4);
    }

    private static void assertSameAnswer(Reply first, Reply retry) {
        assertEquals(first.status(), retry.status(), () -> "first " + first + ", retry " + retry);
        assertEquals(first.body(), retry.body(), "the retry gets the first answer's body");
    }

    /** Fails if the request answers within {@code quiet}: nothing it waits for has happened yet. */
    private static void assertStillOpen(CompletableFuture<Reply> request, Duration quiet) throws Exception {
        try {
            Reply early = request.get(quiet.toMillis(), TimeUnit.MILLISECONDS);
            fail("the blocking query answered before the group changed: " + early);
        } catch (TimeoutException expected) {
            // still held open, as it should be
        }
    }

    private static void assertLock(String url, String name, String holderSession, long fence) {
        Reply reply = lock(url, name);
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(holderSession, reply.string("holder.session"), () -> "read through " + url + ": " + reply);
        assertEquals(fence, reply.number("fence"), () -> "read through " + url + ": " + reply);
    }
}
