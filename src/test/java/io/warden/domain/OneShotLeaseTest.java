package io.warden.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warden.domain.Command.AcquireOneShot;
import io.warden.domain.Command.CancelWait;
import io.warden.domain.Command.ExpireSessions;
import io.warden.domain.Command.Release;

import java.util.List;

import org.junit.jupiter.api.Test;

/** A lock acquired without a session brings its own session, which lives only as long as that lock. */
class OneShotLeaseTest {

    private final StateDriver d = new StateDriver();

    @Test
    void oneShotOnFreeLockCreatesSessionAndGrants() {
        Result r = d.apply(new AcquireOneShot("job", "os1", 30_000, false));

        Result.Granted granted = assertInstanceOf(Result.Granted.class, r);
        assertEquals("os1", granted.sessionId());
        SessionView session = d.reads.session("os1").orElseThrow();
        assertEquals(30_000, session.ttlMs());
        assertEquals(d.now() + 30_000, session.deadlineMs());
        assertNull(session.name());
        assertEquals(List.of("job"), session.locks());
        assertEquals("os1", d.reads.lock("job").holderSessionId());
    }

    @Test
    void releasingOneShotLockEndsItsSession() {
        long fence = ((Result.Granted) d.apply(new AcquireOneShot("job", "os1", 30_000, false))).fence();

        Result r = d.apply(new Release("job", "os1", fence));

        assertEquals(new Result.Released("job"), r);
        assertTrue(d.reads.session("os1").isEmpty());
        assertEquals(List.of("os1"), d.changes().endedSessions());
        assertEquals(0, d.changes().expiredSessions());
        assertEquals(new LockInfo("job", null, null, null, 0), d.reads.lock("job"));
    }

    @Test
    void releasingOneShotLockPassesItToNextWaiterAndEndsSession() {
        d.apply(new AcquireOneShot("job", "os1", 30_000, false));
        d.session("b", 30_000);
        d.queue("job", "b");

        d.apply(new Release("job", "os1", null));

        assertEquals("b", d.changes().grants().get(0).sessionId());
        assertTrue(d.reads.session("os1").isEmpty());
    }

    @Test
    void releaseOfOneShotWithStaleFenceKeepsLockAndSession() {
        long fence = ((Result.Granted) d.apply(new AcquireOneShot("job", "os1", 30_000, false))).fence();

        assertInstanceOf(Result.StaleFence.class, d.apply(new Release("job", "os1", fence + 1)));

        assertTrue(d.changes().isEmpty());
        assertTrue(d.reads.session("os1").isPresent());
        assertEquals("os1", d.reads.lock("job").holderSessionId());
    }

    @Test
    void oneShotOnHeldLockWithoutQueueingEndsItsSessionInSameApply() {
        d.session("a", 30_000);
        long fence = d.grant("job", "a");

        Result r = d.apply(new AcquireOneShot("job", "os1", 30_000, false));

        assertEquals(new Result.Held("job", "a", "a-name", fence), r);
        assertTrue(d.reads.session("os1").isEmpty());
        assertEquals(List.of("os1"), d.changes().endedSessions());
        assertEquals(List.of(), d.waiters("job"));
        assertEquals(1, d.reads.sessions(null, 1000).items().size());
    }

    @Test
    void queuedOneShotWaitsWithItsSession() {
        d.session("a", 30_000);
        d.grant("job", "a");

        Result r = d.apply(new AcquireOneShot("job", "os1", 30_000, true));

        assertEquals(new Result.Queued("job", "os1"), r);
        assertTrue(d.reads.session("os1").isPresent());
        assertEquals(List.of("os1"), d.waiters("job"));
    }

    @Test
    void queuedOneShotThenCancelWaitEndsItsSession() {
        d.session("a", 30_000);
        long fence = d.grant("job", "a");
        d.apply(new AcquireOneShot("job", "os1", 30_000, true));

        Result r = d.apply(new CancelWait("job", "os1"));

        assertEquals(new Result.Held("job", "a", "a-name", fence), r);
        assertTrue(d.reads.session("os1").isEmpty());
        assertEquals(List.of("os1"), d.changes().endedSessions());
        assertEquals(List.of(), d.waiters("job"));
    }

    @Test
    void queuedOneShotGrantedBeforeCancelWaitKeepsLockAndSession() {
        d.session("a", 30_000);
        d.grant("job", "a");
        d.apply(new AcquireOneShot("job", "os1", 30_000, true));
        d.apply(new Release("job", "a", null));
        long fence = d.changes().grants().get(0).fence();

        Result r = d.apply(new CancelWait("job", "os1"));

        assertEquals(new Result.Granted("job", "os1", fence), r);
        assertTrue(d.reads.session("os1").isPresent());
        d.apply(new Release("job", "os1", fence));
        assertTrue(d.reads.session("os1").isEmpty(), "its release still ends the session");
    }

    @Test
    void oneShotSessionExpiresLikeAnyOtherAndFreesItsLock() {
        d.apply(new AcquireOneShot("job", "os1", 5_000, false));

        d.advance(5_000).apply(new ExpireSessions(1, Long.MAX_VALUE));

        assertTrue(d.reads.session("os1").isEmpty());
        assertEquals(new LockInfo("job", null, null, null, 0), d.reads.lock("job"));
    }

    @Test
    void releasingOrdinarySessionLockKeepsTheSession() {
        d.session("a", 30_000);
        d.grant("job", "a");

        d.apply(new Release("job", "a", null));

        assertTrue(d.reads.session("a").isPresent());
        assertTrue(d.changes().endedSessions().isEmpty());
    }
}
