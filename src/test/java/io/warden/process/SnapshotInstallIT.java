package io.warden.process;

import io.warden.process.Http.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static io.warden.process.WardenApi.acquireAsync;
import static io.warden.process.WardenApi.acquireFree;
import static io.warden.process.WardenApi.cluster;
import static io.warden.process.WardenApi.createSession;
import static io.warden.process.WardenApi.group;
import static io.warden.process.WardenApi.keepAlive;
import static io.warden.process.WardenApi.lock;
import static io.warden.process.WardenApi.putMember;
import static io.warden.process.WardenApi.release;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A follower that was down while the group snapshotted and purged its log can only catch up from the
 * leader's snapshot. It must install it, replace its state with it, keep serving, and wake a lock waiter
 * it holds open when the grant reaches it afterwards.
 */
class SnapshotInstallIT extends ClusterTest {

    /** Far more entries than a snapshot interval (50), so the log the follower needs is purged. */
    private static final int WRITES_WHILE_DOWN = 220;

    @Test
    @Timeout(180)
    void aFollowerBehindAPurgedLogCatchesUpFromTheLeadersSnapshot() throws Exception {
        cluster = WardenCluster.start("snapshot-install", 3, "warden.raft.snapshot-threshold=50",
                "warden.raft.log-segment-max-bytes=8192");
        WardenProcess leader = cluster.leader();
        WardenProcess victim = cluster.except(leader).get(0);
        String l = leader.baseUrl();

        String holder = createSession(l, "5m", "holder");
        String waiter = createSession(l, "5m", "waiter");
        long fence = acquireFree(l, "L", holder);

        assertEquals(137, victim.kill9(), "the follower was killed by SIGKILL while running");
        for (int i = 0; i < WRITES_WHILE_DOWN; i++) {
            Reply kept = keepAlive(l, i % 2 == 0 ? holder : waiter);
            assertEquals(200, kept.status(), kept::toString);
        }
        Reply member = putMember(l, "installed", "m1", waiter, "10.0.0.9:9000");
        assertEquals(200, member.status(), member::toString);
        long commitIndex = cluster(l).number("commitIndex");

        victim.start().awaitReady(WardenCluster.START);
        String v = victim.baseUrl();
        Eventually.await(WardenCluster.ELECTION, v + " applied up to " + commitIndex,
                () -> cluster(v).number("appliedIndex") >= commitIndex);
        assertTrue(victim.log().contains("loaded snapshot"), "the follower loaded a snapshot; log " + victim.logFile());
        assertEquals(holder, lock(v, "L").string("holder.session"));
        assertEquals(fence, lock(v, "L").number("fence"));
        assertEquals(List.of("m1"), group(v, "installed").json().getList("members.member"));

        // A waiter held open on the restarted follower learns of its grant from that follower's own apply.
        CompletableFuture<Reply> waiting = acquireAsync(v, "L", waiter, Duration.ofSeconds(20));
        Eventually.await(Duration.ofSeconds(10), "the waiter is queued",
                () -> lock(l, "L").number("waiters") == 1);
        Reply released = release(l, "L", holder, fence, null);
        assertEquals(200, released.status(), released::toString);
        Reply granted = waiting.get();
        assertEquals(200, granted.status(), granted::toString);
        assertTrue(granted.number("fence") > fence, granted::toString);
    }
}
