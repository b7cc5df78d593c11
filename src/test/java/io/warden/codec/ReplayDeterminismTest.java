package io.warden.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warden.domain.Applied;
import io.warden.domain.LogEntry;
import io.warden.domain.Proposal;
import io.warden.domain.Result;
import io.warden.domain.WardenState;
import io.warden.domain.lock.Grant;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The state machine contract, checked through the codec as Raft uses it: the same log gives the same
 * results and byte-identical snapshots on every replica, and snapshot, restore, continue equals no snapshot.
 */
class ReplayDeterminismTest {

    static final int ENTRIES = 400;
    static final long SEED = 0x5EED_2024L;

    static List<LogEntry> log;
    static LogGenerator generator;

    /** One node: applies entries at consecutive indexes, decoding them from bytes as the Raft applier does. */
    static final class Replica {
        final WardenState state = new WardenState();
        long index;

        Applied apply(LogEntry entry) {
            Applied applied = state.apply(WardenCodec.decodeEntry(WardenCodec.encodeEntry(entry)), ++index, 1);
            assertEquals(applied.results(), WardenCodec.decodeResults(WardenCodec.encodeResults(applied.results())));
            return applied;
        }

        List<List<Result>> applyAll(List<LogEntry> entries) {
            List<List<Result>> results = new ArrayList<>(entries.size());
            for (LogEntry entry : entries) {
                results.add(apply(entry).results());
            }
            return results;
        }

        byte[] snapshot() {
            return SampleState.snapshot(state);
        }

        static Replica restoredFrom(byte[] snapshot) {
            Replica replica = new Replica();
            SampleState.restore(snapshot, replica.state);
            replica.index = replica.state.appliedIndex();
            return replica;
        }
    }

    @BeforeAll
    static void generateLog() {
        generator = new LogGenerator(SEED);
        log = generator.generate(ENTRIES);
    }

    @Test
    void generatorIsItselfDeterministicAndEveryEntryRoundTrips() {
        assertEquals(log, new LogGenerator(SEED).generate(ENTRIES));
        for (LogEntry entry : log) {
            assertEquals(entry, WardenCodec.decodeEntry(WardenCodec.encodeEntry(entry)));
            assertEquals(entry.proposals(), WardenCodec.decodeProposals(WardenCodec.encodeProposals(entry.proposals())));
        }
    }

    @Test
    void logExercisesEveryRule() {
        Map<String, Integer> seen = new TreeMap<>();
        Set<List<String>> queued = new HashSet<>();
        int grantsToWaiters = 0;
        int expiredSessions = 0;
        int batches = 0;
        int retries = 0;
        Set<String> keys = new HashSet<>();
        Replica replica = new Replica();
        for (LogEntry entry : log) {
            batches += entry.proposals().size() > 1 ? 1 : 0;
            for (Proposal p : entry.proposals()) {
                if (p.idempotencyKey() != null && !keys.add(p.idempotencyKey())) {
                    retries++;
                }
            }
            Applied applied = replica.apply(entry);
            for (Grant grant : applied.changes().grants()) {
                grantsToWaiters += queued.contains(List.of(grant.lock(), grant.sessionId())) ? 1 : 0;
            }
            for (Result result : applied.results()) {
                seen.merge(result.getClass().getSimpleName(), 1, Integer::sum);
                if (result instanceof Result.Queued q) {
                    queued.add(List.of(q.lock(), q.sessionId()));
                }
                if (result instanceof Result.SessionsExpired e) {
                    expiredSessions += e.sessionIds().size();
                }
            }
        }
        // Every result type shows up, so every rule of apply ran at least once in this log.
        for (Class<?> type : Result.class.getPermittedSubclasses()) {
            assertTrue(seen.containsKey(type.getSimpleName()), "no " + type.getSimpleName() + " in " + seen);
        }
        assertTrue(grantsToWaiters > 0, "a lock passed to a waiter");
        assertTrue(expiredSessions > 0, "sessions expired");
        assertTrue(batches > 20, "multi-proposal batches: " + batches);
        assertTrue(retries > 5, "repeated idempotency keys: " + retries);
        assertTrue(generator.sawEmptyGroupWithIndex(), "a group emptied but keeping its index");
    }

    @Test
    void sameLogGivesSameResultsAndSnapshotBytesOnEveryReplica() {
        Replica a = new Replica();
        Replica b = new Replica();
        for (int i = 0; i < log.size(); i++) {
            Applied fromA = a.apply(log.get(i));
            Applied fromB = b.apply(log.get(i));
            assertEquals(fromA.results(), fromB.results(), "results of entry " + (i + 1));
            assertEquals(fromA.changes().grants(), fromB.changes().grants(), "grants of entry " + (i + 1));
            assertArrayEquals(a.snapshot(), b.snapshot(), "snapshot after entry " + (i + 1));
        }
    }

    @ParameterizedTest(name = "snapshot after entry {0}")
    @ValueSource(ints = {ENTRIES / 2, 1, 61, 133, 299, ENTRIES - 1})
    void snapshotRestoreContinueEqualsNoSnapshot(int cut) {
        List<LogEntry> firstPart = log.subList(0, cut);
        List<LogEntry> secondPart = log.subList(cut, log.size());

        Replica a = new Replica();
        a.applyAll(firstPart);
        byte[] atCut = a.snapshot();
        Replica b = Replica.restoredFrom(atCut);
        assertEquals(cut, b.state.appliedIndex());
        assertArrayEquals(atCut, b.snapshot(), "restore(snapshot) snapshots to the same bytes");

        List<List<Result>> fromA = a.applyAll(secondPart);
        List<List<Result>> fromB = b.applyAll(secondPart);
        Replica c = new Replica();
        List<List<Result>> fromC = c.applyAll(log).subList(cut, log.size());

        assertEquals(fromA, fromB, "results after the cut, restored replica");
        assertEquals(fromC, fromB, "results after the cut, replica without snapshot");
        assertArrayEquals(a.snapshot(), b.snapshot(), "A and B end equal");
        assertArrayEquals(c.snapshot(), b.snapshot(), "B equals C, which never took a snapshot");
    }

    @Test
    void fencesNeverDecreaseAndEveryGrantHasItsOwnFence() {
        Replica replica = new Replica();
        Map<Long, Grant> grantsByFence = new HashMap<>();
        long lastFence = 0;
        long lastGrant = 0;
        int granted = 0;
        for (LogEntry entry : log) {
            Applied applied = replica.apply(entry);
            long fence = replica.state.locks().lastFence();
            assertTrue(fence >= lastFence, "fence went from " + lastFence + " to " + fence);
            lastFence = fence;
            // Lock grants and election wins draw from one counter.
            List<Grant> fenced = new ArrayList<>(applied.changes().grants());
            fenced.addAll(applied.changes().electionWins());
            fenced.sort(Comparator.comparingLong(Grant::fence));
            for (Grant grant : fenced) {
                assertTrue(grant.fence() > lastGrant, "grant fences increase in log order: " + grant);
                lastGrant = grant.fence();
                assertNull(grantsByFence.put(grant.fence(), grant), "fence given twice: " + grant.fence());
            }
            assertEquals(lastGrant, fence, "the counter is the last fence granted");
            for (Result result : applied.results()) {
                if (result instanceof Result.Granted g) {
                    // A Granted may repeat (holder re-acquires, retry, cancel after grant) but only for its own grant.
                    Grant source = grantsByFence.get(g.fence());
                    assertNotNull(source, "Granted with a fence never granted: " + g);
                    assertEquals(new Grant(g.lock(), g.sessionId(), g.fence()), source);
                    granted++;
                }
            }
        }
        assertTrue(granted > 20, "grants in the log: " + granted);
    }
}
