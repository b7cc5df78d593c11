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
import io.warden.domain.election.ElectionView;
import io.warden.domain.lock.Grant;
import io.warden.domain.lock.LockView;
import io.warden.domain.member.GroupView;
import io.warden.domain.watch.WatchEvent;

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

    static final int ENTRIES = 800;
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
            assertEquals(fromA.changes().events(), fromB.changes().events(), "watch events of entry " + (i + 1));
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

        List<List<WatchEvent>> eventsA = new ArrayList<>();
        List<List<WatchEvent>> eventsB = new ArrayList<>();
        List<List<WatchEvent>> eventsC = new ArrayList<>();
        List<List<Result>> fromA = applyAll(a, secondPart, eventsA);
        List<List<Result>> fromB = applyAll(b, secondPart, eventsB);
        Replica c = new Replica();
        List<List<Result>> fromC = applyAll(c, log, eventsC).subList(cut, log.size());
        // Watch ids are (index, position) on every node, so a node restored from a snapshot must tell the same events.
        assertEquals(eventsA, eventsB, "watch events after the cut, restored replica");
        assertEquals(eventsC.subList(cut, log.size()), eventsB, "watch events after the cut, replica without snapshot");

        assertEquals(fromA, fromB, "results after the cut, restored replica");
        assertEquals(fromC, fromB, "results after the cut, replica without snapshot");
        assertArrayEquals(a.snapshot(), b.snapshot(), "A and B end equal");
        assertArrayEquals(c.snapshot(), b.snapshot(), "B equals C, which never took a snapshot");
    }

    private static List<List<Result>> applyAll(Replica replica, List<LogEntry> entries, List<List<WatchEvent>> events) {
        List<List<Result>> results = new ArrayList<>(entries.size());
        for (LogEntry entry : entries) {
            Applied applied = replica.apply(entry);
            results.add(applied.results());
            events.add(applied.changes().events());
        }
        return results;
    }

    /**
     * A watcher that folds every event it is told must hold what the state holds after every entry: lock
     * holders and fences, members, election leaders and terms, live sessions. So no change goes untold,
     * and none is told that did not happen (a release names the grant that ended).
     */
    @Test
    void eventsRetellTheStateAfterEveryEntry() {
        Replica replica = new Replica();
        Map<String, Grant> holders = new TreeMap<>();
        Map<List<String>, String> members = new HashMap<>();
        Map<String, Grant> leaders = new TreeMap<>();
        Set<String> sessions = new HashSet<>();
        Map<String, Integer> types = new TreeMap<>();
        for (LogEntry entry : log) {
            for (WatchEvent event : replica.apply(entry).changes().events()) {
                types.merge(event.type(), 1, Integer::sum);
                fold(event, holders, members, leaders, sessions);
            }
            WardenState state = replica.state;
            Map<String, Grant> heldNow = new TreeMap<>();
            for (LockView view : state.locks().list(null)) {
                if (view.holder() != null) {
                    heldNow.put(view.name(), new Grant(view.name(), view.holder(), view.fence()));
                }
            }
            assertEquals(heldNow, holders, "lock holders after entry " + replica.index);
            Map<List<String>, String> membersNow = new HashMap<>();
            for (GroupView group : state.membership().list()) {
                group.members().forEach(m -> membersNow.put(List.of(m.group(), m.member()), m.sessionId()));
            }
            assertEquals(membersNow, members, "members after entry " + replica.index);
            Map<String, Grant> leadingNow = new TreeMap<>();
            for (ElectionView view : state.elections().list(null, Integer.MAX_VALUE)) {
                if (view.leader() != null) {
                    leadingNow.put(view.name(), new Grant(view.name(), view.leader(), view.term()));
                }
            }
            assertEquals(leadingNow, leaders, "election leaders after entry " + replica.index);
            Set<String> sessionsNow = new HashSet<>();
            state.sessions().all().forEach(session -> sessionsNow.add(session.id()));
            assertEquals(sessionsNow, sessions, "sessions after entry " + replica.index);
        }
        for (String type : List.of("session.created", "session.ended", "lock.granted", "lock.released",
                "member.joined", "member.updated", "member.left", "election.elected", "election.resigned",
                "election.proclaimed")) {
            assertTrue(types.containsKey(type), "no " + type + " in " + types);
        }
    }

    private static void fold(WatchEvent event, Map<String, Grant> holders, Map<List<String>, String> members,
                             Map<String, Grant> leaders, Set<String> sessions) {
        if (event instanceof WatchEvent.SessionCreated e) {
            assertTrue(sessions.add(e.session()), "created twice: " + e);
        } else if (event instanceof WatchEvent.SessionEnded e) {
            assertTrue(sessions.remove(e.session()), "ended without being created: " + e);
        } else if (event instanceof WatchEvent.LockGranted e) {
            assertNull(holders.put(e.lock(), new Grant(e.lock(), e.session(), e.fence())), "granted while held: " + e);
        } else if (event instanceof WatchEvent.LockReleased e) {
            assertEquals(new Grant(e.lock(), e.session(), e.fence()), holders.remove(e.lock()), "released: " + e);
        } else if (event instanceof WatchEvent.MemberPut e) {
            String before = members.put(List.of(e.group(), e.member()), e.session());
            assertEquals(e.updated(), before != null, "joined or updated: " + e);
        } else if (event instanceof WatchEvent.MemberLeft e) {
            assertEquals(e.session(), members.remove(List.of(e.group(), e.member())), "left: " + e);
        } else if (event instanceof WatchEvent.Elected e) {
            assertNull(leaders.put(e.election(), new Grant(e.election(), e.session(), e.term())), "elected while led: " + e);
        } else if (event instanceof WatchEvent.Resigned e) {
            assertEquals(new Grant(e.election(), e.session(), e.term()), leaders.remove(e.election()), "resigned: " + e);
        } else if (event instanceof WatchEvent.Proclaimed e) {
            assertEquals(new Grant(e.election(), e.session(), e.term()), leaders.get(e.election()), "proclaimed: " + e);
        }
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
