package io.warden.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warden.domain.Command.Acquire;
import io.warden.domain.Command.CreateSession;
import io.warden.domain.Command.DeleteSession;
import io.warden.domain.Command.KeepAlive;
import io.warden.domain.Command.Release;
import io.warden.domain.lock.Grant;
import io.warden.domain.member.Member;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SessionRulesTest {

    private final StateDriver d = new StateDriver();

    @Test
    void createdSessionLivesItsTtlFromEntryTime() {
        Result r = d.apply(new CreateSession("s1", "worker-7", 15_000));

        assertEquals(new Result.SessionInfo("s1", "worker-7", 15_000, 15_000), r);
        SessionView view = d.reads.session("s1").orElseThrow();
        assertEquals(d.now() + 15_000, view.deadlineMs());
        assertEquals("worker-7", view.name());
        assertTrue(view.locks().isEmpty());
        assertTrue(view.memberships().isEmpty());
    }

    @Test
    void sessionWithoutNameIsAllowed() {
        d.apply(new CreateSession("s1", null, 15_000));

        assertNull(d.reads.session("s1").orElseThrow().name());
    }

    @Test
    void keepAliveRestartsTtlFromItsEntryTime() {
        d.session("s1", 10_000);
        d.advance(7_000);

        Result r = d.apply(new KeepAlive("s1"));

        assertEquals(new Result.SessionInfo("s1", "s1-name", 10_000, 10_000), r);
        assertEquals(d.now() + 10_000, d.reads.session("s1").orElseThrow().deadlineMs());
    }

    @Test
    void keepAliveOfUnknownSessionIsSessionNotFound() {
        assertEquals(new Result.SessionNotFound("ghost"), d.apply(new KeepAlive("ghost")));
        assertTrue(d.reads.sessions(null, 1000).items().isEmpty());
    }

    @Test
    void replayedCreateWithSameIdDoesNotResetTheLease() {
        d.session("s1", 10_000);
        long deadline = d.reads.session("s1").orElseThrow().deadlineMs();
        d.advance(4_000);

        Result r = d.apply(new CreateSession("s1", "other", 60_000));

        // A repeated id is a replayed proposal: the session and its deadline stay as they were.
        assertEquals(new Result.SessionInfo("s1", "s1-name", 10_000, 6_000), r);
        assertEquals(deadline, d.reads.session("s1").orElseThrow().deadlineMs());
        assertEquals(1, d.reads.sessions(null, 1000).items().size());
    }

    @Test
    void deletedSessionIsGone() {
        d.session("s1", 10_000);

        Result r = d.apply(new DeleteSession("s1"));

        assertEquals(new Result.SessionDeleted("s1"), r);
        assertTrue(d.reads.session("s1").isEmpty());
        assertEquals(List.of("s1"), d.changes().endedSessions());
        assertEquals(0, d.changes().expiredSessions(), "a delete is not an expiry");
        assertEquals(new Result.SessionNotFound("s1"), d.apply(new KeepAlive("s1")));
    }

    @Test
    void deletingUnknownOrAlreadyDeletedSessionIsSessionNotFound() {
        assertEquals(new Result.SessionNotFound("ghost"), d.apply(new DeleteSession("ghost")));
        d.session("s1", 10_000);
        d.apply(new DeleteSession("s1"));

        assertEquals(new Result.SessionNotFound("s1"), d.apply(new DeleteSession("s1")));
        assertTrue(d.changes().isEmpty());
    }

    @Test
    void sessionReadShowsItsLocksAndMemberships() {
        d.session("s1", 10_000);
        d.grant("b-lock", "s1");
        d.grant("a-lock", "s1");
        d.member("svc", "m1", "s1");

        SessionView view = d.reads.session("s1").orElseThrow();

        assertEquals(List.of("a-lock", "b-lock"), view.locks());
        assertEquals(List.of(new Member("svc", "m1", "s1", null, null)), view.memberships());
    }

    @Test
    void waitingIsNotHoldingInTheSessionRead() {
        d.session("a", 10_000);
        d.session("b", 10_000);
        d.grant("L", "a");
        d.queue("L", "b");

        assertTrue(d.reads.session("b").orElseThrow().locks().isEmpty());
    }

    @Test
    void deletingHolderGrantsNextWaiterWithNewLargerFence() {
        d.session("a", 10_000);
        d.session("b", 10_000);
        long fenceA = d.grant("L", "a");
        d.queue("L", "b");

        d.apply(new DeleteSession("a"));

        List<Grant> grants = d.changes().grants();
        assertEquals(1, grants.size());
        Grant next = grants.get(0);
        assertEquals("L", next.lock());
        assertEquals("b", next.sessionId());
        assertTrue(next.fence() > fenceA, "the next holder's fence is larger");
        assertEquals(new LockInfo("L", "b", "b-name", next.fence(), 0), d.reads.lock("L"));
        assertTrue(d.changes().locks().contains("L"));
    }

    @Test
    void deletingHolderWithoutWaitersFreesTheLock() {
        d.session("a", 10_000);
        d.grant("L", "a");

        d.apply(new DeleteSession("a"));

        assertEquals(new LockInfo("L", null, null, null, 0), d.reads.lock("L"));
        assertTrue(d.reads.locks(null, null, 1000).items().isEmpty(), "a free lock is not listed");
        assertEquals(Set.of("L"), d.changes().locks());
        assertTrue(d.changes().grants().isEmpty());
    }

    @Test
    void deletingWaiterRemovesItFromEveryQueue() {
        d.session("a", 10_000);
        d.session("b", 10_000);
        d.session("c", 10_000);
        d.grant("L1", "a");
        d.grant("L2", "a");
        d.queue("L1", "b");
        d.queue("L1", "c");
        d.queue("L2", "b");

        d.apply(new DeleteSession("b"));

        assertEquals(List.of("c"), d.waiters("L1"));
        assertEquals(List.of(), d.waiters("L2"));
        assertEquals(Set.of("L1", "L2"), d.changes().locks(), "watchers of both locks are woken");
        assertTrue(d.changes().grants().isEmpty());
        d.apply(new Release("L1", "a", null));
        assertEquals("c", d.changes().grants().get(0).sessionId());
    }

    @Test
    void deletingSessionRemovesItsMembersAtThatLogIndex() {
        d.session("a", 10_000);
        d.session("b", 10_000);
        d.member("g1", "m1", "a");
        d.member("g2", "m2", "a");
        d.member("g1", "m3", "b");
        long otherIndex = d.member("g3", "m4", "b");

        d.apply(new DeleteSession("a"));
        long deletedAt = d.index();

        assertEquals(deletedAt, d.group("g1").index());
        assertEquals(deletedAt, d.group("g2").index());
        assertEquals(List.of(new Member("g1", "m3", "b", null, null)), d.group("g1").members());
        assertTrue(d.group("g2").members().isEmpty());
        assertEquals(otherIndex, d.group("g3").index(), "an untouched group keeps its index");
        assertEquals(Set.of("g1", "g2"), d.changes().groups());
    }

    @Test
    void endedSessionCannotAcquire() {
        d.session("a", 10_000);
        d.apply(new DeleteSession("a"));

        assertEquals(new Result.SessionNotFound("a"), d.apply(new Acquire("L", "a", true)));
        assertTrue(d.reads.locks(null, null, 1000).items().isEmpty());
        assertInstanceOf(Result.SessionNotFound.class, d.apply(new Release("L", "a", null)));
    }
}
