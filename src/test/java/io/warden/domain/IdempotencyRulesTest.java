package io.warden.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warden.domain.Command.Acquire;
import io.warden.domain.Command.AcquireOneShot;
import io.warden.domain.Command.CreateSession;
import io.warden.domain.Command.DeleteSession;
import io.warden.domain.Command.KeepAlive;
import io.warden.domain.Command.PutMember;
import io.warden.domain.Command.Release;
import io.warden.domain.idempotency.IdempotencyTable;

import java.util.List;

import org.junit.jupiter.api.Test;

/** A proposal with an idempotency key answers a retry with its first result and changes nothing. */
class IdempotencyRulesTest {

    private static final long RETENTION = WardenState.IDEMPOTENCY_RETENTION_MS;

    private final StateDriver d = new StateDriver();

    @Test
    void retriedCreateSessionAnswersFirstSessionAndCreatesNoSecond() {
        Result first = d.applyKeyed("k1", "create ttl=15s", new CreateSession("s1", "w", 15_000));
        d.advance(1_000);

        // The retry arrives at another node, which made a new random id for it.
        Result retry = d.applyKeyed("k1", "create ttl=15s", new CreateSession("s2", "w", 15_000));

        assertEquals(first, retry);
        assertEquals("s1", ((Result.SessionInfo) retry).sessionId());
        assertTrue(d.reads.session("s2").isEmpty());
        assertEquals(1, d.reads.sessions(null, 1000).items().size());
        assertTrue(d.changes().isEmpty());
    }

    @Test
    void retriedAcquireDoesNotQueueTwice() {
        d.session("a", 60_000);
        d.session("b", 60_000);
        d.grant("L", "a");
        Result first = d.applyKeyed("k1", "acquire L b", new Acquire("L", "b", true));

        Result retry = d.applyKeyed("k1", "acquire L b", new Acquire("L", "b", true));

        assertEquals(new Result.Queued("L", "b"), first);
        assertEquals(first, retry);
        assertEquals(List.of("b"), d.waiters("L"));
        assertTrue(d.changes().isEmpty());
    }

    @Test
    void retriedAcquireAfterReleaseDoesNotTakeTheLockAgain() {
        d.session("a", 60_000);
        Result first = d.applyKeyed("k1", "acquire L a", new Acquire("L", "a", false));
        d.apply(new Release("L", "a", null));
        long lastFence = d.state.locks().lastFence();

        Result retry = d.applyKeyed("k1", "acquire L a", new Acquire("L", "a", false));

        assertEquals(first, retry);
        assertEquals(new LockInfo("L", null, null, null, 0), d.reads.lock("L"));
        assertEquals(lastFence, d.state.locks().lastFence(), "no fence was spent");
    }

    @Test
    void retriedReleaseDoesNotTouchTheNextHolder() {
        d.session("a", 60_000);
        d.session("b", 60_000);
        d.grant("L", "a");
        Result first = d.applyKeyed("k1", "release L a", new Release("L", "a", null));
        long fence = d.grant("L", "b");

        Result retry = d.applyKeyed("k1", "release L a", new Release("L", "a", null));

        assertEquals(new Result.Released("L"), retry);
        assertEquals(first, retry);
        assertEquals(new LockInfo("L", "b", "b-name", fence, 0), d.reads.lock("L"));
    }

    @Test
    void retriedOneShotAcquireCreatesNoSecondSession() {
        Result first = d.applyKeyed("k1", "oneshot job", new AcquireOneShot("job", "os1", 30_000, false));

        Result retry = d.applyKeyed("k1", "oneshot job", new AcquireOneShot("job", "os2", 30_000, false));

        assertEquals(first, retry);
        assertTrue(d.reads.session("os2").isEmpty());
        assertEquals(1, d.reads.sessions(null, 1000).items().size());
    }

    @Test
    void retryInTheSameEntryAnswersFirstResult() {
        Applied applied = d.entry(
                new Proposal("k1", "create", new CreateSession("s1", null, 15_000)),
                new Proposal("k1", "create", new CreateSession("s2", null, 15_000)));

        assertEquals(applied.results().get(0), applied.results().get(1));
        assertEquals(1, d.reads.sessions(null, 1000).items().size());
    }

    @Test
    void retryJustInsideRetentionStillAnswersFirstResult() {
        Result first = d.applyKeyed("k1", "create", new CreateSession("s1", null, 3_600_000));

        Result retry = d.advance(RETENTION - 1).applyKeyed("k1", "create", new CreateSession("s2", null, 3_600_000));

        assertEquals(first, retry);
        assertTrue(d.reads.session("s2").isEmpty());
    }

    @Test
    void keyOlderThanRetentionIsForgottenAndCommandRunsAgain() {
        d.applyKeyed("k1", "create", new CreateSession("s1", null, 3_600_000));

        Result later = d.advance(RETENTION).applyKeyed("k1", "create", new CreateSession("s2", null, 3_600_000));

        assertEquals("s2", assertInstanceOf(Result.SessionInfo.class, later).sessionId());
        assertTrue(d.reads.session("s2").isPresent());
        assertEquals(2, d.reads.sessions(null, 1000).items().size());
    }

    @Test
    void forgottenDeleteRunsAgainAndFindsNothing() {
        d.session("s1", 3_600_000);
        assertEquals(new Result.SessionDeleted("s1"), d.applyKeyed("k1", "delete s1", new DeleteSession("s1")));

        Result later = d.advance(RETENTION).applyKeyed("k1", "delete s1", new DeleteSession("s1"));

        assertEquals(new Result.SessionNotFound("s1"), later);
    }

    @Test
    void sameKeyWithDifferentRequestIsKeyReusedAndAppliesNothing() {
        d.session("a", 60_000);
        d.applyKeyed("k1", "acquire L1", new Acquire("L1", "a", false));

        Result r = d.applyKeyed("k1", "acquire L2", new Acquire("L2", "a", false));

        assertEquals(new Result.KeyReused("k1"), r);
        assertTrue(d.changes().isEmpty());
        assertEquals(new LockInfo("L2", null, null, null, 0), d.reads.lock("L2"));
    }

    @Test
    void keyReusedDoesNotReplaceTheFirstAnswer() {
        d.session("a", 60_000);
        Result first = d.applyKeyed("k1", "put m1", new PutMember("svc", "m1", "a", null, null));
        d.applyKeyed("k1", "put m2", new PutMember("svc", "m2", "a", null, null));

        Result retry = d.applyKeyed("k1", "put m1", new PutMember("svc", "m1", "a", null, null));

        assertEquals(first, retry);
        assertEquals(1, d.group("svc").members().size());
    }

    @Test
    void proposalsWithoutKeyAreNotRemembered() {
        d.session("a", 60_000);
        d.grant("L", "a");

        assertEquals(0, d.state.idempotency().size());
    }

    @Test
    void anyEntryForgetsKeysPastRetentionWithoutASessionExpiring() {
        // Long-lived kept-alive sessions: no expiry is ever due, yet old keys must go.
        d.applyKeyed("k-old", "create", new CreateSession("s1", null, 3_600_000));
        d.advance(60_000).applyKeyed("k-young", "create", new CreateSession("s2", null, 3_600_000));

        d.advance(RETENTION - 60_000).apply(new KeepAlive("s1"));

        assertEquals(List.of("k-young"), d.state.idempotency().all().stream()
                .map(IdempotencyTable.Entry::key).toList());
    }

    @Test
    void beyondItsCapTheTableForgetsTheOldestKeyFirst() {
        IdempotencyTable table = new IdempotencyTable(RETENTION, 3);
        for (int i = 1; i <= 5; i++) {
            table.record("k-" + i, null, 1_000 + i, new Result.Released("L"));
        }

        assertEquals(List.of("k-3", "k-4", "k-5"), table.all().stream().map(IdempotencyTable.Entry::key).toList());
        assertTrue(table.find("k-1", 2_000).isEmpty(), "the oldest was forgotten");
        assertTrue(table.find("k-5", 2_000).isPresent());
    }
}
