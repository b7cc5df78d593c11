package io.warden.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warden.domain.Applied;
import io.warden.domain.Command;
import io.warden.domain.LogEntry;
import io.warden.domain.Proposal;
import io.warden.domain.Result;
import io.warden.domain.WardenState;
import io.warden.domain.lock.LockView;
import io.warden.domain.member.GroupView;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class SnapshotCodecTest {

    @Test
    void sampleStateHoldsOneOfEverythingASnapshotStores() {
        WardenState state = SampleState.build();
        assertTrue(state.sessions().all().stream().anyMatch(s -> s.name() == null));
        assertTrue(state.sessions().all().stream().anyMatch(s -> s.oneShot()));
        assertTrue(state.locks().list(null).stream().anyMatch(l -> l.waiters().size() == 2));
        assertTrue(state.membership().list().stream().anyMatch(g -> g.members().isEmpty() && g.index() > 0));
        assertTrue(state.idempotency().all().stream().anyMatch(e -> e.fingerprint() == null));
        assertEquals(3, state.idempotency().size());
        assertTrue(state.locks().lastFence() > state.locks().list(null).stream()
                .mapToLong(l -> l.fence() == null ? 0 : l.fence()).max().orElse(0), "a released fence is above all held ones");
    }

    @Test
    void restoreOfSnapshotSnapshotsToIdenticalBytes() {
        WardenState original = SampleState.build();
        byte[] bytes = SampleState.snapshot(original);
        WardenState restored = new WardenState();
        SampleState.restore(bytes, restored);
        assertArrayEquals(bytes, SampleState.snapshot(restored));
    }

    @Test
    void restoreRecreatesEveryTableExactly() {
        WardenState original = SampleState.build();
        WardenState restored = new WardenState();
        SampleState.restore(SampleState.snapshot(original), restored);

        assertEquals(original.appliedIndex(), restored.appliedIndex());
        assertEquals(original.locks().lastFence(), restored.locks().lastFence());
        assertEquals(new ArrayList<>(original.sessions().all()), new ArrayList<>(restored.sessions().all()));
        assertEquals(original.sessions().earliestDeadline(), restored.sessions().earliestDeadline());
        assertEquals(original.locks().list(null), restored.locks().list(null));
        assertEquals(original.membership().list(), restored.membership().list());
        assertEquals(original.idempotency().all(), restored.idempotency().all());
        for (String id : List.of("s-a", "s-b", "s-c", "o-1")) {
            assertEquals(original.locks().heldBy(id), restored.locks().heldBy(id), id);
            assertEquals(original.membership().membersOf(id), restored.membership().membersOf(id), id);
        }
    }

    @Test
    void theExtendedTermAndEachSessionsExtensionMarkSurviveARestore() {
        WardenState original = SampleState.build();
        WardenState restored = new WardenState();
        SampleState.restore(SampleState.snapshot(original), restored);

        assertEquals(1, original.terms().extendedTerm());
        assertEquals(1, restored.terms().extendedTerm());
        assertTrue(original.sessions().find("s-b").orElseThrow().extendedByLeader());
        assertFalse(original.sessions().find("s-a").orElseThrow().extendedByLeader(), "renewed after the extension");
        for (String id : List.of("s-a", "s-b", "s-c")) {
            assertEquals(original.sessions().find(id), restored.sessions().find(id), id);
        }
    }

    @Test
    void restoreReplacesWhateverTheTargetHeld() {
        WardenState original = SampleState.build();
        byte[] bytes = SampleState.snapshot(original);
        WardenState dirty = new WardenState();
        dirty.apply(new LogEntry(5, List.of(Proposal.of(new Command.CreateSession("zz", "stale", 1_000)),
                Proposal.of(new Command.Acquire("l9", "zz", false)),
                new Proposal("k-9", "fp", new Command.PutMember("g9", "m", "zz", null, null)))), 99, 1);
        SampleState.restore(bytes, dirty);
        assertArrayEquals(bytes, SampleState.snapshot(dirty));
        assertFalse(dirty.sessions().contains("zz"));
        assertEquals(original.appliedIndex(), dirty.appliedIndex());
    }

    @Test
    void restoredStateBehavesLikeTheOriginal() {
        // The derived indexes (locks and members per session) are rebuilt, so ending a session acts alike.
        WardenState original = SampleState.build();
        WardenState restored = new WardenState();
        SampleState.restore(SampleState.snapshot(original), restored);
        long next = original.appliedIndex() + 1;
        LogEntry entry = new LogEntry(2_000_000, List.of(
                Proposal.of(new Command.DeleteSession("s-a")),
                Proposal.of(new Command.DeleteMember("g1", "m2")),
                new Proposal("k-1", "fp-1", new Command.Acquire("l4", "s-c", false)),
                new Proposal("k-1", "other", new Command.Acquire("l4", "s-c", false)),
                Proposal.of(new Command.Acquire("l5", "s-b", false)),
                Proposal.of(new Command.ExpireSessions(1, Long.MAX_VALUE))));
        Applied a = original.apply(entry, next, 1);
        Applied b = restored.apply(entry, next, 1);
        assertEquals(a.results(), b.results());
        assertEquals(a.changes().grants(), b.changes().grants());
        assertEquals(a.changes().groups(), b.changes().groups());
        assertArrayEquals(SampleState.snapshot(original), SampleState.snapshot(restored));
        assertTrue(a.results().contains(new Result.KeyReused("k-1")));
    }

    @Test
    void emptyStateRoundTrips() {
        WardenState empty = new WardenState();
        byte[] bytes = SampleState.snapshot(empty);
        WardenState restored = new WardenState();
        SampleState.restore(bytes, restored);
        assertArrayEquals(bytes, SampleState.snapshot(restored));
        assertEquals(0, restored.appliedIndex());
        assertEquals(List.<LockView>of(), restored.locks().list(null));
        assertEquals(List.<GroupView>of(), restored.membership().list());
        assertEquals('S', bytes[0]);
        assertEquals(Format.CURRENT_VERSION, bytes[1]);
    }
}
