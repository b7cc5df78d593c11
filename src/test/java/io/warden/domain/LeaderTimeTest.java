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

        Result r = d.at(t + 6_000).apply(new ExpireSessions(1, Long.MAX_VALUE));

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

        Result r = d.advance(9_999).apply(new ExpireSessions(1, Long.MAX_VALUE));

        assertEquals(new Result.SessionsExpired(List.of()), r);
        assertTrue(d.changes().isEmpty());
        assertTrue(d.reads.session("s1").isPresent());
    }

    @Test
    void keepAliveBeforeDeadlineKeepsSessionPastItsFirstDeadline() {
        d.session("s1", 10_000);
        d.advance(9_000).apply(new KeepAlive("s1"));

        d.advance(9_000).apply(new ExpireSessions(1, Long.MAX_VALUE));

        assertTrue(d.reads.session("s1").isPresent());
        d.advance(1_000).apply(new ExpireSessions(1, Long.MAX_VALUE));
        assertTrue(d.reads.session("s1").isEmpty(), "due exactly one TTL after the keepalive");
    }

    @Test
    void expiredSessionFreesLockForNextWaiter() {
        d.session("holder", 5_000);
        d.session("waiter", 60_000);
        long first = d.grant("L", "holder");
        d.queue("L", "waiter");

        d.advance(5_000).apply(new ExpireSessions(1, Long.MAX_VALUE));

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

        d.advance(5_000).apply(new ExpireSessions(1, Long.MAX_VALUE));

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

        d.advance(5_000).apply(new ExpireSessions(1, Long.MAX_VALUE));

        assertEquals(List.of(), d.waiters("L"));
        assertEquals(Set.of("L"), d.changes().locks());
        assertEquals("holder", d.reads.lock("L").holderSessionId());
    }

    @Test
    void expiredSessionLeavesItsGroupsAtThatLogIndex() {
        d.session("s1", 5_000);
        d.member("svc", "m1", "s1");

        d.advance(5_000).apply(new ExpireSessions(1, Long.MAX_VALUE));

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
        Result r = d.at(t + 8_000).apply(new ExtendSessions(1));

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
        d.at(t + 9_000 + 30_000).apply(new ExtendSessions(1));
        d.apply(new ExpireSessions(1, Long.MAX_VALUE));
        assertTrue(d.reads.session("s1").isPresent());

        d.advance(9_999).apply(new ExpireSessions(1, Long.MAX_VALUE));
        assertTrue(d.reads.session("s1").isPresent(), "still inside a full TTL of the new leader's time");
        d.advance(1).apply(new ExpireSessions(1, Long.MAX_VALUE));
        assertTrue(d.reads.session("s1").isEmpty(), "a full TTL without keepalive still ends it");
    }

    @Test
    void extendThenExpireInOneEntryExpiresNothing() {
        long t = d.now();
        d.session("s1", 10_000);

        Applied applied = d.at(t + 60_000).batch(new ExtendSessions(1), new ExpireSessions(1, Long.MAX_VALUE));

        assertEquals(new Result.SessionsExpired(List.of()), applied.results().get(1));
        assertTrue(d.reads.session("s1").isPresent());
    }

    @Test
    void extensionMovesDeadlinesIntoTheClockOfALeaderThatRunsBehind() {
        long t = d.now();
        d.session("s1", 10_000);
        d.advance(5_000).apply(new KeepAlive("s1"));

        // New leader whose clock is 4 s behind: keeping the old deadline would give s1 4 s it was never
        // promised; one TTL in the new clock is as long in real time as the client was told.
        Result r = d.inTerm(2).at(t + 1_000).extend();

        assertEquals(new Result.SessionsExtended(1), r);
        assertEquals(t + 1_000 + 10_000, deadline("s1"));
    }

    @Test
    void extensionGivesEverySessionOneTtlFromTheNewLeadersClock() {
        long t = d.now();
        d.session("behind", 10_000);
        d.at(t + 50_000).session("fresh", 60_000);

        // The new leader's clock is 5 s behind the old one's.
        Result r = d.inTerm(2).at(t + 45_000).extend();

        assertEquals(new Result.SessionsExtended(2), r);
        assertEquals(t + 45_000 + 10_000, deadline("behind"));
        assertEquals(t + 45_000 + 60_000, deadline("fresh"));
    }

    // ---- terms: whose word on time counts ----

    @Test
    void anExpiryOfANewTermBeforeItsExtensionEndsNothing() {
        long t = d.now();
        d.session("s1", 10_000);

        // The leader of term 2 runs 30 s ahead; its own expiry arrives before its extension applied.
        d.inTerm(2).at(t + 30_000);
        assertEquals(new Result.SessionsExpired(List.of()), d.expire());
        assertTrue(d.reads.session("s1").isPresent(), "no expiry counts before its term has extended");

        d.extend();
        assertEquals(new Result.SessionsExpired(List.of()), d.expire());
        d.advance(10_000);
        assertEquals(new Result.SessionsExpired(List.of("s1")), d.expire(), "after a full TTL it ends");
    }

    @Test
    void anExpiryReSentThroughALaterLeaderEndsNothing() {
        long t = d.now();
        d.session("s1", 10_000);
        d.inTerm(2).at(t + 1_000).extend();

        // Term 1's leader proposed this when s1 was due in its clock; it is logged in term 2, after term 2
        // extended, by a leader whose clock says s1 has 10 s left.
        Result r = d.at(t + 20_000).apply(new ExpireSessions(1, t + 20_000));

        assertEquals(new Result.SessionsExpired(List.of()), r);
        assertTrue(d.reads.session("s1").isPresent());
    }

    @Test
    void anExtensionReSentThroughALaterLeaderExtendsNothing() {
        long t = d.now();
        d.session("s1", 10_000);
        d.inTerm(3).at(t + 5_000).extend();

        Result stale = d.at(t + 9_000).apply(new ExtendSessions(2));

        assertEquals(new Result.SessionsExtended(0), stale);
        assertEquals(t + 5_000 + 10_000, deadline("s1"));
    }

    @Test
    void anExpiryEndsOnlyWhatWasDueWhenItsLeaderLooked() {
        long t = d.now();
        d.session("early", 5_000);
        d.session("late", 8_000);

        // Proposed when the leader's clock read t + 6 s, logged at t + 9 s.
        Result r = d.at(t + 9_000).apply(new ExpireSessions(d.term(), t + 6_000));

        assertEquals(new Result.SessionsExpired(List.of("early")), r);
        assertTrue(d.reads.session("late").isPresent());
    }

    @Test
    void leaderChangesAloneNeverKeepADeadSessionAlive() {
        long t = d.now();
        d.session("dead", 10_000);

        // A new leader every 5 s, forever: the first change extends "dead" once, the others may not.
        long term = 1;
        long at = t;
        while (d.reads.session("dead").isPresent()) {
            at += 5_000;
            d.inTerm(++term).at(at).extend();
            d.expire();
            assertTrue(at - t <= 20_000, "alive " + (at - t) + " ms after its last renewal");
        }
        assertEquals(t + 5_000 + 10_000, at, "ended one TTL after the only extension it got");
    }

    @Test
    void aRenewalMakesASessionEligibleForTheNextExtension() {
        long t = d.now();
        d.session("s1", 10_000);
        d.inTerm(2).at(t + 1_000).extend();
        d.at(t + 2_000).apply(new KeepAlive("s1"));

        Result r = d.inTerm(3).at(t + 3_000).extend();

        assertEquals(new Result.SessionsExtended(1), r);
        assertEquals(t + 3_000 + 10_000, deadline("s1"));
    }

    @Test
    void aSessionExtendedAndNotRenewedKeepsItsDeadlineAtASecondChange() {
        long t = d.now();
        d.session("s1", 10_000);
        d.inTerm(2).at(t + 1_000).extend();

        // A second change with no renewal in between: the deadline stands (capped at one TTL).
        Result r = d.inTerm(3).at(t + 4_000).extend();

        assertEquals(new Result.SessionsExtended(0), r);
        assertEquals(t + 1_000 + 10_000, deadline("s1"));
    }

    @Test
    void aLegacyExpiryWithoutATermStillApplies() {
        long t = d.now();
        d.session("s1", 1_000);

        Result r = d.at(t + 2_000).apply(new ExpireSessions(Command.LEGACY_TERM, Long.MAX_VALUE));

        assertEquals(new Result.SessionsExpired(List.of("s1")), r);
    }

    @Test
    void createdSessionDeadlineUsesEntryTimeNotAnyClock() {
        d.at(42_000);

        d.apply(new CreateSession("s1", null, 1_000));

        assertEquals(43_000, deadline("s1"));
    }
}
