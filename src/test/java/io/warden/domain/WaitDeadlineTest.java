package io.warden.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warden.domain.Command.Acquire;
import io.warden.domain.Command.AcquireOneShot;
import io.warden.domain.Command.Release;
import io.warden.domain.lock.LockTable;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A queued acquire carries how long the log keeps it: if the node holding the caller's request dies or
 * its CancelWait is lost, the leader's expiry withdraws the wait, so the lock is never granted to a
 * caller who is gone (and then held until that session happens to end).
 */
class WaitDeadlineTest {

    private final StateDriver d = new StateDriver();
    private long fence;

    @BeforeEach
    void aHeldLock() {
        d.session("holder", 3_600_000);
        d.session("waiter", 3_600_000);
        fence = d.grant("L", "holder");
    }

    @Test
    void aWaitNobodyCancelledIsWithdrawnWhenItRunsOutAndNeverGranted() {
        long t = d.now();
        assertInstanceOf(Result.Queued.class, d.apply(new Acquire("L", "waiter", true, 12_000)));

        d.at(t + 11_999).expire();
        assertEquals(List.of("waiter"), d.waiters("L"), "still inside its wait");
        d.at(t + 12_000).expire();
        assertEquals(List.of(), d.waiters("L"), "withdrawn by the log");
        assertEquals(Set.of("L"), d.changes().locks(), "nodes watching L are told");
        assertTrue(d.reads.session("waiter").isPresent(), "the session itself lives on");

        d.apply(new Release("L", "holder", fence));
        assertEquals(Optional.empty(), d.state.locks().grantOf("L", "waiter"));
        assertEquals(null, d.state.locks().view("L").holder(), "free, not granted to a caller who is gone");
    }

    @Test
    void theLeadersTimerSeesTheEarliestWait() {
        long t = d.now();
        d.apply(new Acquire("L", "waiter", true, 30_000));

        assertEquals(Optional.of(t + 30_000), d.state.locks().earliestWaitDeadline());
        assertEquals(List.of(new LockTable.WaitDue(t + 30_000, "L", "waiter")), d.state.locks().waitsDueAt(t + 30_000));
    }

    @Test
    void aOneShotWaiterWithdrawnByTheLogEndsItsSession() {
        long t = d.now();
        d.apply(new AcquireOneShot("L", "job", 60_000, true, 5_000));
        assertEquals(List.of("job"), d.waiters("L"));

        d.at(t + 5_000).expire();

        assertEquals(List.of(), d.waiters("L"));
        assertTrue(d.reads.session("job").isEmpty(), "a one-shot session lives only for its lock");
    }

    @Test
    void aWaitWithoutAReplicatedEndStaysUntilCancelled() {
        long t = d.now();
        d.apply(new Acquire("L", "waiter", true)); // as read from a log written before waits carried one

        d.at(t + 3_000_000).expire();

        assertEquals(List.of("waiter"), d.waiters("L"));
        assertEquals(Optional.empty(), d.state.locks().earliestWaitDeadline());
    }

    @Test
    void withdrawingFromTheMiddleKeepsTheQueueInOrder() {
        long t = d.now();
        d.session("w1", 3_600_000);
        d.session("w3", 3_600_000);
        d.apply(new Acquire("L", "w1", true, 60_000));
        d.apply(new Acquire("L", "waiter", true, 10_000));
        d.apply(new Acquire("L", "w3", true, 60_000));

        d.at(t + 10_000).expire();
        assertEquals(List.of("w1", "w3"), d.waiters("L"));

        d.apply(new Release("L", "holder", fence));
        assertEquals("w1", d.state.locks().view("L").holder(), "the head of the queue is next");
    }

    @Test
    void aHugeWaitSaturatesInsteadOfOverflowing() {
        d.apply(new Acquire("L", "waiter", true, Long.MAX_VALUE - 1));

        assertEquals(List.of("waiter"), d.waiters("L"));
        assertEquals(List.of(LockTable.NO_DEADLINE), d.state.locks().waitDeadlines("L"));
        assertEquals(Optional.empty(), d.state.locks().earliestWaitDeadline(), "no wait the timer must end");
    }

    @Test
    void aWaitEndsOnlyByAnExpiryOfALeaderThatHasExtended() {
        long t = d.now();
        d.apply(new Acquire("L", "waiter", true, 10_000));

        // A new leader whose clock runs far ahead: until it has extended, its expiries end nothing.
        d.inTerm(2).at(t + 60_000).expire();
        assertEquals(List.of("waiter"), d.waiters("L"));
    }
}
