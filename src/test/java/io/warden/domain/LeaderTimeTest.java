package io.warden.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warden.domain.Command.CreateSession;
import io.warden.domain.Command.ExpireSessions;
import io.warden.domain.Command.ExtendSessions;
import io.warden.domain.Command.KeepAlive;
import io.warden.domain.lock.Grant;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Session deadlines are in leader time: ExpireSessions ends what is due, ExtendSessions protects a leader change. */
class LeaderTimeTest {

    private final StateDriver d = new StateDriver();

    private long deadline(String id) {
        return d.reads.session(id).orElseThrow().deadlineMs();
    }

    @Test
    void expireSessionsEndsExactlyThoseWithDeadlineAtOrBeforeEntryTime() {
        long t = d.now();
        d.session("early", 5_000);
        d.session("exact", 6_000);
        d.session("later", 6_001);

        Result r = d.at(t + 6_000).apply(new ExpireSessions());

        assertEquals(new Result.SessionsExpired(List.of("early", "exact")), r);
        assertTrue(d.reads.session("early").isEmpty());
        assertTrue(d.reads.session("exact").isEmpty());
        assertTrue(d.reads.session("later").isPresent(), "a deadline 1 ms later is not due");
        assertEquals(2, d.changes().expiredSessions());
        assertEquals(List.of("early", "exact"), d.changes().endedSessions());
    }

    @Test
    void expireSessionsWithNothingDueChangesNothing() {
        d.session("s1", 10_000);

        Result r = d.advance(9_999).apply(new ExpireSessions());

        assertEquals(new Result.SessionsExpired(List.of()), r);
        assertTrue(d.changes().isEmpty());
        assertTrue(d.reads.session("s1").isPresent());
    }

    @Test
    void keepAliveBeforeDeadlineKeepsSessionPastItsFirstDeadline() {
        d.session("s1", 10_000);
        d.advance(9_000).apply(new KeepAlive("s1"));

        d.advance(9_000).apply(new ExpireSessions());

        assertTrue(d.reads.session("s1").isPresent());
        d.advance(1_000).apply(new ExpireSessions());
        assertTrue(d.reads.session("s1").isEmpty(), "due exactly one TTL after the keepalive");
    }

    @Test
    void expiredSessionFreesLockForNextWaiter() {
        d.session("holder", 5_000);
        d.session("waiter", 60_000);
        long first = d.grant("L", "holder");
        d.queue("L", "waiter");

        d.advance(5_000).apply(new ExpireSessions());

        List<Grant> grants = d.changes().grants();
        assertEquals(1, grants.size());
        assertEquals("waiter", grants.get(0).sessionId());
        assertTrue(grants.get(0).fence() > first);
        assertEquals(new LockInfo("L", "waiter", "waiter-name", grants.get(0).fence(), 0), d.reads.lock("L"));
    }

    @Test
    void holderAndFirstWaiterExpiringTogetherPassLockToFirstLiveWaiter() {
        d.session("holder", 5_000);
        d.session("doomed", 5_000);
        d.session("alive", 60_000);
        long first = d.grant("L", "holder");
        d.queue("L", "doomed");
        d.queue("L", "alive");

        d.advance(5_000).apply(new ExpireSessions());

        LockInfo lock = d.reads.lock("L");
        assertEquals("alive", lock.holderSessionId());
        assertEquals(0, lock.waiters());
        assertTrue(lock.fence() > first);
        List<Grant> grants = d.changes().grants();
        assertEquals(lock.fence(), grants.get(grants.size() - 1).fence(), "the last grant is the live holder's");
    }

    @Test
    void expiredWaiterLeavesTheQueue() {
        d.session("holder", 60_000);
        d.session("waiter", 5_000);
        d.grant("L", "holder");
        d.queue("L", "waiter");

        d.advance(5_000).apply(new ExpireSessions());

        assertEquals(List.of(), d.waiters("L"));
        assertEquals(Set.of("L"), d.changes().locks());
        assertEquals("holder", d.reads.lock("L").holderSessionId());
    }

    @Test
    void expiredSessionLeavesItsGroupsAtThatLogIndex() {
        d.session("s1", 5_000);
        d.member("svc", "m1", "s1");

        d.advance(5_000).apply(new ExpireSessions());

        assertTrue(d.group("svc").members().isEmpty());
        assertEquals(d.index(), d.group("svc").index());
        assertEquals(Set.of("svc"), d.changes().groups());
    }

    @Test
    void extendSessionsGivesEverySessionItsFullTtlFromNewLeaderTime() {
        long t = d.now();
        d.session("short", 5_000);
        d.session("long", 20_000);

        // The new leader's clock runs 8 s later than the old one's.
        Result r = d.at(t + 8_000).apply(new ExtendSessions());

        assertEquals(new Result.SessionsExtended(2), r);
        assertEquals(t + 8_000 + 5_000, deadline("short"));
        assertEquals(t + 8_000 + 20_000, deadline("long"));
    }

    @Test
    void leaderChangeNeverExpiresLiveSessionEarly() {
        long t = d.now();
        d.session("s1", 10_000);
        d.advance(9_000).apply(new KeepAlive("s1"));

        // New leader whose clock is 30 s ahead: it extends first, so its first expiry check finds nothing.
        d.at(t + 9_000 + 30_000).apply(new ExtendSessions());
        d.apply(new ExpireSessions());
        assertTrue(d.reads.session("s1").isPresent());

        d.advance(9_999).apply(new ExpireSessions());
        assertTrue(d.reads.session("s1").isPresent(), "still inside a full TTL of the new leader's time");
        d.advance(1).apply(new ExpireSessions());
        assertTrue(d.reads.session("s1").isEmpty(), "a full TTL without keepalive still ends it");
    }

    @Test
    void extendThenExpireInOneEntryExpiresNothing() {
        long t = d.now();
        d.session("s1", 10_000);

        Applied applied = d.at(t + 60_000).batch(new ExtendSessions(), new ExpireSessions());

        assertEquals(new Result.SessionsExpired(List.of()), applied.results().get(1));
        assertTrue(d.reads.session("s1").isPresent());
    }

    @Test
    void extendSessionsDoesNotShortenLongerDeadlines() {
        long t = d.now();
        d.session("s1", 10_000);
        d.advance(5_000).apply(new KeepAlive("s1"));
        long before = deadline("s1");

        // New leader whose clock is 4 s behind: now + TTL is below the current deadline.
        Result r = d.at(t + 1_000).apply(new ExtendSessions());

        assertEquals(new Result.SessionsExtended(0), r);
        assertEquals(before, deadline("s1"));
    }

    @Test
    void extendSessionsMovesOnlySessionsBelowTheirTtlFloor() {
        long t = d.now();
        d.session("behind", 10_000);
        d.at(t + 50_000).session("fresh", 60_000);

        // The new leader's clock is 5 s behind the old one's: only "behind" is short of a full TTL.
        Result r = d.at(t + 45_000).apply(new ExtendSessions());

        assertEquals(new Result.SessionsExtended(1), r);
        assertEquals(t + 45_000 + 10_000, deadline("behind"));
        assertEquals(t + 50_000 + 60_000, deadline("fresh"), "a longer deadline is kept");
    }

    @Test
    void createdSessionDeadlineUsesEntryTimeNotAnyClock() {
        d.at(42_000);

        d.apply(new CreateSession("s1", null, 1_000));

        assertEquals(43_000, deadline("s1"));
    }
}
