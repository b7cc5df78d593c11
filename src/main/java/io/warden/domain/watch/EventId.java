package io.warden.domain.watch;

import java.util.Optional;

/**
 * Where an event sits in the log: the entry's index and the event's position among that entry's events,
 * written {@code <index>.<position>}. A point with {@link #WHOLE_ENTRY} as position stands after every
 * event of its entry, written as the bare index: that is what {@code ?from=<index>} and a progress event mean.
 */
public record EventId(long index, int position) implements Comparable<EventId> {

    public static final int WHOLE_ENTRY = Integer.MAX_VALUE;
    /** Before every event of the log. */
    public static final EventId START = afterEntry(0);

    public static EventId afterEntry(long index) {
        return new EventId(index, WHOLE_ENTRY);
    }

    public boolean wholeEntry() {
        return position == WHOLE_ENTRY;
    }

    @Override
    public int compareTo(EventId other) {
        int byIndex = Long.compare(index, other.index);
        return byIndex != 0 ? byIndex : Integer.compare(position, other.position);
    }

    @Override
    public String toString() {
        return wholeEntry() ? Long.toString(index) : index + "." + position;
    }

    /** Reads {@code <index>} or {@code <index>.<position>}, both non-negative decimals; empty when malformed. */
    public static Optional<EventId> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String trimmed = text.trim();
        int dot = trimmed.indexOf('.');
        try {
            if (dot < 0) {
                return Optional.of(afterEntry(digits(trimmed)));
            }
            long position = digits(trimmed.substring(dot + 1));
            if (position >= WHOLE_ENTRY) {
                return Optional.empty();
            }
            return Optional.of(new EventId(digits(trimmed.substring(0, dot)), (int) position));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static long digits(String text) {
        if (text.isEmpty() || text.length() > 19 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new NumberFormatException(text);
        }
        return Long.parseLong(text);
    }
}
