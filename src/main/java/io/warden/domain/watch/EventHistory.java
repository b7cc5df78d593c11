package io.warden.domain.watch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The recent events of one node, oldest first, so a watch can start or resume at any point it still
 * holds. It keeps at least {@code keepEvents} events and every event younger than {@code keepMs}, but
 * never more than {@code maxEvents}; what falls out moves the floor, and a resume point below the floor
 * is told it was compacted. Times come from the caller, so the rules are tested without a clock.
 * Appends come from the applier and reads from the streams; one monitor guards both, held for a bounded scan.
 */
public final class EventHistory {

    public record Stamped(EventId id, WatchEvent event) {}

    /**
     * What one read found: the matching events after the point asked for, and the cursor to read from
     * next (the last event looked at, or the newest entry when all were seen). {@code compacted}: the
     * point asked for is below the floor and nothing was read.
     */
    public record Read(List<Stamped> events, EventId cursor, boolean compacted, boolean more) {}

    private final int keepEvents;
    private final long keepMs;
    private final int maxEvents;
    private Stamped[] ring = new Stamped[1024];
    private long[] appendedAtMs = new long[1024];
    private int head;
    private int size;
    /** Every event after this point is held. */
    private EventId floor = EventId.START;
    private long lastIndex;

    public EventHistory(int keepEvents, long keepMs, int maxEvents) {
        if (keepEvents < 1 || maxEvents < keepEvents || keepMs < 0) {
            throw new IllegalArgumentException("need 1 <= keepEvents <= maxEvents and keepMs >= 0");
        }
        this.keepEvents = keepEvents;
        this.keepMs = keepMs;
        this.maxEvents = maxEvents;
    }

    /** The state was (re)loaded at {@code index}: what came before it is no longer known here. */
    public synchronized void reset(long index) {
        Arrays.fill(ring, null);
        head = 0;
        size = 0;
        floor = EventId.afterEntry(index);
        lastIndex = index;
    }

    /** Adds the events of the entry applied at {@code index}; an entry seen before adds nothing. */
    public synchronized void append(long index, List<WatchEvent> events, long nowMs) {
        if (index <= lastIndex) {
            return;
        }
        lastIndex = index;
        for (int k = 0; k < events.size(); k++) {
            push(new Stamped(new EventId(index, k), events.get(k)), nowMs);
        }
        evict(nowMs);
    }

    /** Up to {@code maxMatches} events after {@code after} that match, looking at no more than {@code maxScan}. */
    public synchronized Read read(EventId after, WatchFilter filter, int maxMatches, int maxScan) {
        if (after.compareTo(floor) < 0) {
            return new Read(List.of(), after, true, false);
        }
        List<Stamped> found = new ArrayList<>();
        int i = firstAfter(after);
        int scanned = 0;
        EventId cursor = after;
        while (i < size && scanned < maxScan && found.size() < maxMatches) {
            Stamped s = at(i++);
            scanned++;
            cursor = s.id();
            if (filter.matches(s.event())) {
                found.add(s);
            }
        }
        boolean more = i < size;
        if (!more) {
            EventId newest = EventId.afterEntry(lastIndex);
            cursor = cursor.compareTo(newest) > 0 ? cursor : newest;
        }
        return new Read(found, cursor, false, more);
    }

    /** The point after every event held: where a live watch starts. */
    public synchronized EventId newest() {
        return EventId.afterEntry(lastIndex);
    }

    public synchronized EventId floor() {
        return floor;
    }

    public synchronized int size() {
        return size;
    }

    private void push(Stamped stamped, long nowMs) {
        if (size == ring.length) {
            grow();
        }
        int slot = (head + size) % ring.length;
        ring[slot] = stamped;
        appendedAtMs[slot] = nowMs;
        size++;
    }

    private void evict(long nowMs) {
        while (size > keepEvents && (size > maxEvents || appendedAtMs[head] < nowMs - keepMs)) {
            floor = ring[head].id();
            ring[head] = null;
            head = (head + 1) % ring.length;
            size--;
        }
    }

    private void grow() {
        int capacity = ring.length * 2;
        Stamped[] bigger = new Stamped[capacity];
        long[] times = new long[capacity];
        for (int i = 0; i < size; i++) {
            bigger[i] = ring[(head + i) % ring.length];
            times[i] = appendedAtMs[(head + i) % ring.length];
        }
        ring = bigger;
        appendedAtMs = times;
        head = 0;
    }

    private Stamped at(int logical) {
        return ring[(head + logical) % ring.length];
    }

    /** The logical position of the first event after {@code point} (binary search; ids ascend). */
    private int firstAfter(EventId point) {
        int low = 0;
        int high = size;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (at(mid).id().compareTo(point) <= 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
