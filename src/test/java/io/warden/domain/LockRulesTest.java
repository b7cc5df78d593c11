package io.warden.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warden.domain.Command.Acquire;
import io.warden.domain.Command.CancelWait;
import io.warden.domain.Command.DeleteSession;
import io.warden.domain.Command.Release;
import io.warden.domain.lock.Grant;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LockRulesTest {

    private final StateDriver d = new StateDriver();

    @BeforeEach
    void sessions() {
        for (String id : List.of("a", "b", "c", "w1", "w2", "w3")) {
            d.session(id, 60_000);
        }
    }

    @Test
    void acquiringFreeLockIsGrantedWithFence() {
        Result r = d.apply(new Acquire("L", "a", false));

        Result.Granted granted = assertInstanceOf(Result.Granted.class, r);
        assertEquals("L", granted.lock());
        assertEquals("a", granted.sessionId());
        assertTrue(granted.fence() > 0);
        assertEquals(List.of(new Grant("L", "a", granted.fence())), d.changes().grants());
        assertEquals(new LockInfo("L", "a", "a-name", granted.fence(), 0), d.reads.lock("L"));
    }

    @Test
    void acquireByUnknownSessionIsSessionNotFound() {
        assertEquals(new Result.SessionNotFound("ghost"), d.apply(new Acquire("L", "ghost", true)));
        assertTrue(d.changes().isEmpty());
        assertTrue(d.reads.locks(null, null, 1000).items().isEmpty());
    }

    @Test
    void reacquireByHolderAnswersSameFenceWithoutNewGrant() {
        long fence = d.grant("L", "a");
        long lastFence = d.state.locks().lastFence();

        Result r = d.apply(new Acquire("L", "a", true));

        assertEquals(new Result.Granted("L", "a", fence), r);
        assertTrue(d.changes().isEmpty(), "a no-op changes nothing");
        assertEquals(lastFence, d.state.locks().lastFence(), "no fence was spent");
    }

    @Test
    void acquiringHeldLockWithoutQueueingIsHeldWithHolderAndQueuesNothing() {
        long fence = d.grant("L", "a");

        Result r = d.apply(new Acquire("L", "b", false));

        assertEquals(new Result.Held("L", "a", "a-name", fence), r);
        assertTrue(d.changes().isEmpty());
        assertEquals(List.of(), d.waiters("L"));
        assertEquals(0, d.reads.lock("L").waiters());
    }

    @Test
    void acquiringHeldLockWithQueueingIsQueued() {
        d.grant("L", "a");

        Result r = d.apply(new Acquire("L", "b", true));

        assertEquals(new Result.Queued("L", "b"), r);
        assertEquals(Set.of("L"), d.changes().locks());
        assertTrue(d.changes().grants().isEmpty());
        assertEquals(1, d.reads.lock("L").waiters());
    }

    @Test
    void waitersAreGrantedInFifoOrder() {
        d.grant("L", "a");
        // Queued in an order that is not the ids' sort order, so FIFO cannot be confused with sorting.
        d.queue("L", "w3");
        d.queue("L", "w1");
        d.queue("L", "w2");

        List<String> order = new ArrayList<>();
        List<Long> fences = new ArrayList<>();
        String holder = "a";
        for (int i = 0; i < 3; i++) {
            assertInstanceOf(Result.Released.class, d.apply(new Release("L", holder, null)));
            Grant next = d.changes().grants().get(0);
            order.add(next.sessionId());
            fences.add(next.fence());
            holder = next.sessionId();
        }

        assertEquals(List.of("w3", "w1", "w2"), order);
        assertTrue(fences.get(0) < fences.get(1) && fences.get(1) < fences.get(2));
        d.apply(new Release("L", holder, null));
        assertTrue(d.changes().grants().isEmpty());
        assertEquals(new LockInfo("L", null, null, null, 0), d.reads.lock("L"));
    }

    @Test
    void sessionAlreadyWaitingStaysQueuedOnce() {
        d.grant("L", "a");
        d.queue("L", "b");

        Result again = d.apply(new Acquire("L", "b", true));

        assertEquals(new Result.Queued("L", "b"), again);
        assertEquals(List.of("b"), d.waiters("L"));
        d.apply(new Release("L", "a", null));
        d.apply(new Release("L", "b", null));
        assertTrue(d.changes().grants().isEmpty(), "b was not queued a second time");
        assertEquals(new LockInfo("L", null, null, null, 0), d.reads.lock("L"));
    }

    @Test
    void waiterTryingOnceMoreKeepsItsPlaceInQueue() {
        d.grant("L", "a");
        d.queue("L", "b");
        d.queue("L", "c");

        assertEquals(new Result.Queued("L", "b"), d.apply(new Acquire("L", "b", false)));

        assertEquals(List.of("b", "c"), d.waiters("L"));
    }

    @Test
    void cancelWaitOfQueuedWaiterIsHeldAndLeavesQueue() {
        long fence = d.grant("L", "a");
        d.queue("L", "b");
        d.queue("L", "c");

        Result r = d.apply(new CancelWait("L", "b"));

        assertEquals(new Result.Held("L", "a", "a-name", fence), r);
        assertEquals(List.of("c"), d.waiters("L"));
        assertEquals(Set.of("L"), d.changes().locks());
        d.apply(new Release("L", "a", null));
        assertEquals("c", d.changes().grants().get(0).sessionId());
    }

    @Test
    void cancelWaitAfterGrantWonTheRaceIsGranted() {
        d.grant("L", "a");
        d.queue("L", "b");
        d.apply(new Release("L", "a", null));
        long granted = d.changes().grants().get(0).fence();

        Result r = d.apply(new CancelWait("L", "b"));

        // The client is told it holds the lock it does hold; it must never hold one it was told it lacks.
        assertEquals(new Result.Granted("L", "b", granted), r);
        assertEquals("b", d.reads.lock("L").holderSessionId());
        assertTrue(d.changes().isEmpty());
    }

    @Test
    void cancelWaitBatchedAfterTheGrantInOneEntryIsGranted() {
        d.grant("L", "a");
        d.queue("L", "b");

        Applied applied = d.batch(new Release("L", "a", null), new CancelWait("L", "b"));

        long fence = d.changes().grants().get(0).fence();
        assertEquals(new Result.Granted("L", "b", fence), applied.results().get(1));
        assertEquals("b", d.reads.lock("L").holderSessionId());
    }

    @Test
    void cancelWaitOfEndedSessionIsSessionNotFound() {
        d.grant("L", "a");
        d.queue("L", "b");
        d.apply(new DeleteSession("b"));

        assertEquals(new Result.SessionNotFound("b"), d.apply(new CancelWait("L", "b")));
    }

    @Test
    void releaseByNonHolderIsRefused() {
        long fence = d.grant("L", "a");
        d.queue("L", "b");

        assertEquals(new Result.NotHolder("L", "b"), d.apply(new Release("L", "b", null)));
        assertTrue(d.changes().isEmpty());
        assertEquals(new Result.NotHolder("L", "c"), d.apply(new Release("L", "c", fence)));
        assertEquals(new Result.NotHolder("free", "c"), d.apply(new Release("free", "c", null)));
        assertEquals(new LockInfo("L", "a", "a-name", fence, 1), d.reads.lock("L"));
    }

    @Test
    void releaseByUnknownSessionIsSessionNotFound() {
        d.grant("L", "a");

        assertEquals(new Result.SessionNotFound("ghost"), d.apply(new Release("L", "ghost", null)));
        assertEquals("a", d.reads.lock("L").holderSessionId());
    }

    @Test
    void releaseWithStaleFenceIsRefusedAndChangesNothing() {
        long old = d.grant("L", "a");
        d.apply(new Release("L", "a", null));
        long current = d.grant("L", "a");
        d.queue("L", "b");
        long lastFence = d.state.locks().lastFence();

        Result r = d.apply(new Release("L", "a", old));

        assertEquals(new Result.StaleFence("L", old, current), r);
        assertTrue(d.changes().isEmpty());
        assertEquals(new LockInfo("L", "a", "a-name", current, 1), d.reads.lock("L"));
        assertEquals(lastFence, d.state.locks().lastFence());
        assertEquals(new Result.StaleFence("L", current + 1, current), d.apply(new Release("L", "a", current + 1)));
    }

    @Test
    void releaseWithCurrentFenceReleases() {
        long fence = d.grant("L", "a");

        assertEquals(new Result.Released("L"), d.apply(new Release("L", "a", fence)));
        assertEquals(new LockInfo("L", null, null, null, 0), d.reads.lock("L"));
        assertEquals(Set.of("L"), d.changes().locks());
    }

    @Test
    void releaseWithoutFenceReleases() {
        d.grant("L", "a");

        assertEquals(new Result.Released("L"), d.apply(new Release("L", "a", null)));
        assertTrue(d.reads.locks(null, null, 1000).items().isEmpty());
    }

    @Test
    void releaseHandsLockToNextWaiterWithLargerFence() {
        long first = d.grant("L", "a");
        d.queue("L", "b");

        d.apply(new Release("L", "a", first));

        Grant next = d.changes().grants().get(0);
        assertEquals("b", next.sessionId());
        assertTrue(next.fence() > first);
        assertEquals(new LockInfo("L", "b", "b-name", next.fence(), 0), d.reads.lock("L"));
    }

    @Test
    void reacquiringAfterReleaseGetsNewLargerFence() {
        long first = d.grant("L", "a");
        d.apply(new Release("L", "a", first));

        assertTrue(d.grant("L", "a") > first);
    }

    @Test
    void fencesStrictlyIncreaseAcrossAllLocksAndNeverRepeat() {
        List<Long> fences = new ArrayList<>();
        fences.add(d.grant("L1", "a"));
        fences.add(d.grant("L2", "b"));
        d.queue("L1", "c");
        d.apply(new Release("L1", "a", null));
        fences.add(d.changes().grants().get(0).fence());
        fences.add(d.grant("L3", "a"));
        d.apply(new Release("L2", "b", null));
        fences.add(d.grant("L2", "w1"));
        d.queue("L2", "w2");
        d.apply(new DeleteSession("w1"));
        fences.add(d.changes().grants().get(0).fence());

        for (int i = 1; i < fences.size(); i++) {
            assertTrue(fences.get(i) > fences.get(i - 1), "fences in grant order: " + fences);
        }
        assertEquals(fences.size(), new HashSet<>(fences).size());
    }

    @Test
    void severalGrantsInOneEntryGetDistinctIncreasingFences() {
        long before = d.grant("L0", "c");
        d.queue("L0", "w1");

        Applied applied = d.batch(
                new Acquire("L1", "a", false),
                new Acquire("L2", "b", false),
                new Release("L0", "c", null),
                new Acquire("L1", "w2", false),
                new Acquire("L3", "w3", false));

        List<Grant> grants = d.changes().grants();
        assertEquals(List.of("a", "b", "w1", "w3"), grants.stream().map(Grant::sessionId).toList());
        long previous = before;
        for (Grant g : grants) {
            assertTrue(g.fence() > previous, "fences in grant order: " + grants);
            previous = g.fence();
        }
        assertEquals(new Result.Held("L1", "a", "a-name", grants.get(0).fence()), applied.results().get(3));
        assertEquals(Set.of("L0", "L1", "L2", "L3"), d.changes().locks());
    }

    @Test
    void lockListingShowsHeldAndWaitedLocksUnderPrefix() {
        d.grant("jobs.b", "a");
        d.grant("jobs.a", "b");
        d.queue("jobs.a", "c");
        d.grant("other", "c");

        List<LockInfo> jobs = d.reads.locks("jobs.", null, 1000).items();

        assertEquals(List.of("jobs.a", "jobs.b"), jobs.stream().map(LockInfo::name).toList());
        assertEquals(1, jobs.get(0).waiters());
        assertEquals(3, d.reads.locks(null, null, 1000).items().size());
    }

    @Test
    void freeLockReadsAsFreeWithNoFence() {
        assertEquals(new LockInfo("never", null, null, null, 0), d.reads.lock("never"));
    }
}
