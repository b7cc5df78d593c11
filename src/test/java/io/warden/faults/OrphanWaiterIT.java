package io.warden.faults;

import io.warden.process.ClusterTest;
import io.warden.process.Eventually;
import io.warden.process.Http.Reply;
import io.warden.process.WardenCluster;
import io.warden.process.WardenProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;

import static io.warden.process.WardenApi.acquireAsync;
import static io.warden.process.WardenApi.acquireFree;
import static io.warden.process.WardenApi.createSession;
import static io.warden.process.WardenApi.lock;
import static io.warden.process.WardenApi.release;
import static io.warden.process.WardenApi.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The node holding a waiter's request dies before the wait ends, so nobody is left to cancel it. The log
 * withdraws the wait itself once its replicated end has passed, and the lock, when released, is free:
 * it is not granted to a caller who is gone (and then held until that caller's session ends).
 */
class OrphanWaiterIT extends ClusterTest {

    /** The waiter's wait; the log keeps it this plus two request timeouts (2 s each here). */
    private static final Duration WAIT = Duration.ofSeconds(2);

    @Test
    @Timeout(180)
    void aWaitWhoseNodeDiedIsWithdrawnByTheLogAndNeverGranted() {
        cluster = WardenCluster.start("orphan-waiter", 3, "warden.request-timeout=2s");
        WardenProcess leader = cluster.leader();
        WardenProcess holdsTheWait = cluster.except(leader).get(0);
        String l = leader.baseUrl();
        String holder = createSession(l, "5m", "holder");
        String waiter = createSession(l, "5m", "waiter");
        long fence = acquireFree(l, "L", holder);

        acquireAsync(holdsTheWait.baseUrl(), "L", waiter, WAIT);
        Eventually.await(WardenCluster.ELECTION, "the waiter queued on L", () -> lock(l, "L").integer("waiters") == 1);
        assertEquals(137, holdsTheWait.kill9(), "the waiter's node was killed while running");

        long killedAt = System.nanoTime();
        Eventually.await(WardenCluster.ELECTION, "the log withdraws the orphaned wait",
                () -> lock(l, "L").integer("waiters") == 0);
        System.out.printf("OrphanWaiterIT: orphaned wait withdrawn %d ms after its node died (wait %d ms)%n",
                (System.nanoTime() - killedAt) / 1_000_000, WAIT.toMillis());

        Reply released = release(l, "L", holder, fence, null);
        assertEquals(200, released.status(), released::toString);
        Reply after = lock(l, "L");
        assertNull(after.json().get("holder"), () -> "the lock went to a caller who is gone: " + after);
        assertEquals(200, session(l, waiter).status(), "the waiter's session itself lives on");
    }
}
