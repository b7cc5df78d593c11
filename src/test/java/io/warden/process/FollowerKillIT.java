package io.warden.process;

import io.warden.process.Http.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;

import static io.warden.process.WardenApi.acquireFree;
import static io.warden.process.WardenApi.cluster;
import static io.warden.process.WardenApi.createSession;
import static io.warden.process.WardenApi.group;
import static io.warden.process.WardenApi.keepAlive;
import static io.warden.process.WardenApi.lock;
import static io.warden.process.WardenApi.putMember;
import static io.warden.process.WardenApi.release;
import static io.warden.process.WardenApi.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three processes; a follower is killed with SIGKILL. The leader and the other follower keep serving
 * writes and linearizable reads without it; restarted from its data dir, it catches up with what it
 * missed and answers a linearizable read with the latest state.
 */
class FollowerKillIT extends ClusterTest {

    /** Writes made while the follower is down, so catching up means more than a heartbeat. */
    private static final int WRITES_WHILE_DOWN = 40;

    @Test
    @Timeout(150)
    void theGroupServesWithoutAFollowerAndTheRestartedFollowerCatchesUp() {
        cluster = WardenCluster.start("follower-kill", 3);
        WardenProcess leader = cluster.leader();
        WardenProcess victim = cluster.except(leader).get(0);
        WardenProcess other = cluster.except(leader, victim).get(0);
        String l = leader.baseUrl();
        String o = other.baseUrl();

        String s1 = createSession(l, "1m", "s1");
        long f1 = acquireFree(o, "A", s1);
        assertLock(victim.baseUrl(), "A", s1, f1);

        assertEquals(137, victim.kill9(), "the follower was killed by SIGKILL while running");

        // Writes through the leader and through the surviving follower; no retry: losing a follower costs nothing.
        String s2 = createSession(o, "1m", "s2");
        Reply released = release(l, "A", s1, f1, null);
        assertEquals(200, released.status(), released::toString);
        long f2 = acquireFree(o, "A", s2);
        assertTrue(f2 > f1, "fence " + f2 + " after " + f1);
        for (int i = 0; i < WRITES_WHILE_DOWN; i++) {
            String url = i % 2 == 0 ? l : o;
            Reply kept = keepAlive(url, i % 4 < 2 ? s1 : s2);
            assertEquals(200, kept.status(), () -> "keepalive through " + url + " without the follower: " + kept);
        }
        Reply member = putMember(l, "workers", "m1", s2, "10.0.0.1:9000");
        assertEquals(200, member.status(), member::toString);
        long groupIndex = member.number("index");
        // Linearizable reads (the default) through both survivors see every write at once.
        for (String url : List.of(l, o)) {
            assertLock(url, "A", s2, f2);
            assertEquals(groupIndex, group(url, "workers").number("index"), "group read through " + url);
        }

        long commitIndex = cluster(l).number("commitIndex");
        victim.start().awaitReady(WardenCluster.START);
        Eventually.await(WardenCluster.ELECTION, victim.nodeId() + " applied up to the leader's commit index " + commitIndex,
                () -> cluster(victim.baseUrl()).number("appliedIndex") >= commitIndex);

        String v = victim.baseUrl();
        assertLock(v, "A", s2, f2);
        Reply g = group(v, "workers");
        assertEquals(200, g.status(), g::toString);
        assertEquals(groupIndex, g.number("index"), g::toString);
        assertEquals(List.of("m1"), g.json().getList("members.member"), g::toString);
        assertEquals(200, session(v, s1).status(), "s1 through the restarted follower");

        // A write through another node after the restart is seen by a linearizable read on the restarted one.
        Reply releasedAgain = release(o, "A", s2, f2, null);
        assertEquals(200, releasedAgain.status(), releasedAgain::toString);
        long f3 = acquireFree(l, "A", s1);
        assertTrue(f3 > f2, "fence " + f3 + " after " + f2);
        assertLock(v, "A", s1, f3);
    }

    private static void assertLock(String url, String name, String holderSession, long fence) {
        Reply reply = lock(url, name);
        assertEquals(200, reply.status(), () -> "read of " + name + " through " + url + ": " + reply);
        assertEquals(holderSession, reply.string("holder.session"), () -> "read through " + url + ": " + reply);
        assertEquals(fence, reply.number("fence"), () -> "read through " + url + ": " + reply);
    }
}
