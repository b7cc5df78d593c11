package io.warden.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.warden.domain.watch.WatchEvent;
import io.warden.domain.watch.WatchEvent.Elected;
import io.warden.domain.watch.WatchEvent.LockGranted;
import io.warden.domain.watch.WatchEvent.LockReleased;
import io.warden.domain.watch.WatchEvent.MemberLeft;
import io.warden.domain.watch.WatchEvent.MemberPut;
import io.warden.domain.watch.WatchEvent.Proclaimed;
import io.warden.domain.watch.WatchEvent.Resigned;
import io.warden.domain.watch.WatchEvent.SessionCreated;
import io.warden.domain.watch.WatchEvent.SessionEnded;

import java.util.List;

import org.junit.jupiter.api.Test;

/** What apply tells watchers, in the order it happened: each loss before what it handed on, a session's end last. */
class WatchEventsTest {

    private final StateDriver log = new StateDriver();

    private List<WatchEvent> events() {
        return log.changes().events();
    }

    @Test
    void aSessionIsToldCreatedOnceEvenWhenItsCreationIsRetried() {
        log.applyKeyed("k1", "f", new Command.CreateSession("s1", "worker", 5_000));
        assertEquals(List.of(new SessionCreated("s1", "worker", 5_000)), events());
        log.applyKeyed("k1", "f", new Command.CreateSession("s1", "worker", 5_000));
        assertEquals(List.of(), events(), "a retry answers the first result and tells nothing again");
    }

    @Test
    void aReleaseIsToldBeforeTheGrantItHandsOn() {
        log.session("s1", 5_000);
        log.session("s2", 5_000);
        long first = log.grant("orders", "s1");
        assertEquals(List.of(new LockGranted("orders", "s1", first)), events());
        log.queue("orders", "s2");
        assertEquals(List.of(), events(), "a waiter joining the queue is not an event");
        log.apply(new Command.Release("orders", "s1", first));
        long second = log.state.locks().view("orders").fence();
        assertEquals(List.of(new LockReleased("orders", "s1", first, "released"), new LockGranted("orders", "s2", second)),
                events());
    }

    @Test
    void anEndedSessionLosesItsLocksMembersAndTermsBeforeItsEndIsTold() {
        log.session("s1", "primary", 1_000);
        log.session("s2", 60_000);
        long fence = log.grant("orders", "s1");
        log.queue("orders", "s2");
        log.member("workers", "w1", "s1");
        long term = assertInstanceOf(Result.Elected.class,
                log.apply(new Command.Campaign("db", "s1", "10.0.0.1", 0))).term();
        log.apply(new Command.Campaign("db", "s2", "10.0.0.2", 60_000));

        log.advance(1_001).expire();

        long nextFence = log.state.locks().view("orders").fence();
        long nextTerm = log.state.elections().view("db").term();
        assertEquals(List.of(
                new LockReleased("orders", "s1", fence, "session-ended"),
                new LockGranted("orders", "s2", nextFence),
                new MemberLeft("workers", "w1", "s1", "session-ended"),
                new Resigned("db", "s1", term, "session-ended"),
                new Elected("db", "s2", nextTerm, "10.0.0.2"),
                new SessionEnded("s1", "primary", "expired")), events());
    }

    @Test
    void membersJoinAreUpdatedAndLeave() {
        log.session("s1", 5_000);
        log.apply(new Command.PutMember("workers", "w1", "s1", "10.0.0.1:80", null, 1));
        assertEquals(List.of(new MemberPut("workers", "w1", "s1", "10.0.0.1:80", 1, false)), events());
        log.apply(new Command.PutMember("workers", "w1", "s1", "10.0.0.1:81", null, 3));
        assertEquals(List.of(new MemberPut("workers", "w1", "s1", "10.0.0.1:81", 3, true)), events());
        assertEquals("member.updated", events().get(0).type());
        log.apply(new Command.DeleteMember("workers", "w1"));
        assertEquals(List.of(new MemberLeft("workers", "w1", "s1", "deleted")), events());
        log.apply(new Command.DeleteMember("workers", "w1"));
        assertEquals(List.of(), events(), "deleting what is gone tells nothing");
    }

    @Test
    void aLeaderProclaimsAndResignsAndTheNextCandidateIsElected() {
        log.session("s1", 5_000);
        log.session("s2", 5_000);
        long term = assertInstanceOf(Result.Elected.class, log.apply(new Command.Campaign("db", "s1", "a", 0))).term();
        assertEquals(List.of(new Elected("db", "s1", term, "a")), events());
        log.apply(new Command.Campaign("db", "s2", "b", 60_000));
        log.apply(new Command.Proclaim("db", "s1", term, "a2"));
        assertEquals(List.of(new Proclaimed("db", "s1", term, "a2")), events());
        log.apply(new Command.Proclaim("db", "s1", term - 1, "stale"));
        assertEquals(List.of(), events(), "a refused proclaim tells nothing");
        log.apply(new Command.Resign("db", "s1", term));
        long next = log.state.elections().view("db").term();
        assertEquals(List.of(new Resigned("db", "s1", term, "resigned"), new Elected("db", "s2", next, "b")), events());
    }

    @Test
    void aDeletedSessionIsToldDeleted() {
        log.session("s1", "n", 5_000);
        log.apply(new Command.DeleteSession("s1"));
        assertEquals(List.of(new SessionEnded("s1", "n", "deleted")), events());
    }
}
