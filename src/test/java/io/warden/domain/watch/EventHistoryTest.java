package io.warden.domain.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;

class EventHistoryTest {

    private static WatchEvent granted(String lock, String session, long fence) {
        return new WatchEvent.LockGranted(lock, session, fence);
    }

    private static List<String> ids(EventHistory.Read read) {
        return read.events().stream().map(s -> s.id().toString()).toList();
    }

    @Test
    void readsEverythingAfterAPointOnceAndInLogOrder() {
        EventHistory history = new EventHistory(100, 0, 100);
        history.append(3, List.of(granted("a", "s1", 1), granted("b", "s1", 2)), 0);
        history.append(4, List.of(), 0);
        history.append(7, List.of(granted("c", "s2", 3)), 0);

        assertEquals(List.of("3.0", "3.1", "7.0"), ids(history.read(EventId.START, WatchFilter.ALL, 10, 10)));
        assertEquals(List.of("3.1", "7.0"), ids(history.read(new EventId(3, 0), WatchFilter.ALL, 10, 10)));
        assertEquals(List.of("7.0"), ids(history.read(EventId.afterEntry(3), WatchFilter.ALL, 10, 10)));
        assertEquals(List.of("7.0"), ids(history.read(EventId.afterEntry(5), WatchFilter.ALL, 10, 10)));
        EventHistory.Read none = history.read(EventId.afterEntry(7), WatchFilter.ALL, 10, 10);
        assertEquals(List.of(), none.events());
        assertEquals(EventId.afterEntry(7), none.cursor());
    }

    @Test
    void aReadStopsAtItsBoundsAndItsCursorContinuesWithoutAGapOrARepeat() {
        EventHistory history = new EventHistory(1000, 0, 1000);
        for (long index = 1; index <= 50; index++) {
            history.append(index, List.of(granted("l" + index, "s", index), granted("m" + index, "s", index)), 0);
        }
        WatchFilter onlyL = new WatchFilter("l", EnumSet.noneOf(WatchEvent.Kind.class), null);
        List<String> seen = new ArrayList<>();
        EventId cursor = EventId.START;
        int reads = 0;
        EventHistory.Read read;
        do {
            read = history.read(cursor, onlyL, 3, 7);
            assertTrue(read.events().size() <= 3);
            read.events().forEach(s -> seen.add(s.event().name()));
            cursor = read.cursor();
            reads++;
        } while (read.more());
        assertEquals(50, seen.size());
        assertEquals("l1", seen.get(0));
        assertEquals("l50", seen.get(49));
        assertEquals(seen.size(), seen.stream().distinct().count());
        assertTrue(reads > 10, "bounded reads: " + reads);
        assertEquals(EventId.afterEntry(50), cursor, "the last read leaves the cursor at the newest entry");
    }

    @Test
    void keepsTheNewestByCountAndTellsAnOlderPointItWasCompacted() {
        EventHistory history = new EventHistory(3, 0, 3);
        for (long index = 1; index <= 5; index++) {
            history.append(index, List.of(granted("l", "s", index)), 1000);
        }
        assertEquals(3, history.size());
        assertEquals(new EventId(2, 0), history.floor());
        assertTrue(history.read(EventId.afterEntry(1), WatchFilter.ALL, 10, 10).compacted());
        assertTrue(history.read(EventId.START, WatchFilter.ALL, 10, 10).compacted());
        EventHistory.Read fromFloor = history.read(new EventId(2, 0), WatchFilter.ALL, 10, 10);
        assertFalse(fromFloor.compacted());
        assertEquals(List.of("3.0", "4.0", "5.0"), ids(fromFloor));
    }

    @Test
    void aPartlyEvictedEntryStillServesPointsAfterWhatWasDropped() {
        EventHistory history = new EventHistory(2, 0, 2);
        history.append(1, List.of(granted("a", "s", 1), granted("b", "s", 2), granted("c", "s", 3)), 0);
        // 1.0 fell out: a point at or after it still gets everything after it, a point before it does not.
        assertEquals(new EventId(1, 0), history.floor());
        assertEquals(List.of("1.1", "1.2"), ids(history.read(new EventId(1, 0), WatchFilter.ALL, 10, 10)));
        assertTrue(history.read(EventId.afterEntry(0), WatchFilter.ALL, 10, 10).compacted());
    }

    @Test
    void keepsEveryEventYoungerThanTheAgeUpToTheHardMaximum() {
        EventHistory history = new EventHistory(2, 1_000, 5);
        history.append(1, List.of(granted("a", "s", 1)), 0);
        history.append(2, List.of(granted("a", "s", 2)), 100);
        history.append(3, List.of(granted("a", "s", 3)), 200);
        assertEquals(3, history.size(), "over the count, but all younger than the age");
        history.append(4, List.of(granted("a", "s", 4)), 1_050);
        assertEquals(3, history.size(), "the event of t=0 aged out; t=100 is not yet 1s old at 1050");
        for (long index = 5; index <= 9; index++) {
            history.append(index, List.of(granted("a", "s", index)), 1_200);
        }
        assertEquals(5, history.size(), "never more than the maximum, however young");
        assertEquals(new EventId(4, 0), history.floor());
    }

    @Test
    void aResetForgetsWhatCameBeforeAndAnEntrySeenBeforeAddsNothing() {
        EventHistory history = new EventHistory(10, 0, 10);
        history.append(1, List.of(granted("a", "s", 1)), 0);
        history.append(2, List.of(granted("a", "s", 2)), 0);
        history.append(2, List.of(granted("z", "s", 9)), 0);
        assertEquals(2, history.size());
        history.reset(40);
        assertEquals(0, history.size());
        assertEquals(EventId.afterEntry(40), history.newest());
        assertTrue(history.read(EventId.afterEntry(2), WatchFilter.ALL, 10, 10).compacted());
        history.append(41, List.of(granted("b", "s", 3)), 0);
        assertEquals(List.of("41.0"), ids(history.read(EventId.afterEntry(40), WatchFilter.ALL, 10, 10)));
    }

    @Test
    void aPointAheadOfTheHistoryWaitsThere() {
        EventHistory history = new EventHistory(10, 0, 10);
        history.append(5, List.of(granted("a", "s", 1)), 0);
        EventHistory.Read read = history.read(new EventId(9, 2), WatchFilter.ALL, 10, 10);
        assertEquals(List.of(), read.events());
        assertEquals(new EventId(9, 2), read.cursor(), "a cursor never moves back");
        history.append(9, List.of(granted("a", "s", 2), granted("b", "s", 3), granted("c", "s", 4), granted("d", "s", 5)), 0);
        assertEquals(List.of("9.3"), ids(history.read(new EventId(9, 2), WatchFilter.ALL, 10, 10)));
    }

    @Test
    void refusesBoundsThatCannotHold() {
        assertThrows(IllegalArgumentException.class, () -> new EventHistory(0, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> new EventHistory(10, 0, 5));
        assertThrows(IllegalArgumentException.class, () -> new EventHistory(10, -1, 10));
    }
}
