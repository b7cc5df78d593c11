package io.warden.domain.session;

import io.warden.domain.Page;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Live sessions, indexed by id and by deadline so that expiry touches only the sessions that are due.
 * Ordered collections keep iteration, and so apply, deterministic.
 */
public final class SessionTable {

    private record Due(long deadlineMs, String id) implements Comparable<Due> {
        @Override
        public int compareTo(Due other) {
            int byTime = Long.compare(deadlineMs, other.deadlineMs);
            return byTime != 0 ? byTime : id.compareTo(other.id);
        }
    }

    private final NavigableMap<String, Session> byId = new TreeMap<>();
    private final NavigableSet<Due> byDeadline = new TreeSet<>();

    public Optional<Session> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public boolean contains(String id) {
        return byId.containsKey(id);
    }

    public void put(Session session) {
        Session previous = byId.put(session.id(), session);
        if (previous != null) {
            byDeadline.remove(new Due(previous.deadlineMs(), previous.id()));
        }
        byDeadline.add(new Due(session.deadlineMs(), session.id()));
    }

    public Optional<Session> remove(String id) {
        Session removed = byId.remove(id);
        if (removed != null) {
            byDeadline.remove(new Due(removed.deadlineMs(), removed.id()));
        }
        return Optional.ofNullable(removed);
    }

    /** Ids of sessions whose deadline is at or before {@code nowMs}, earliest first. */
    public List<String> dueAt(long nowMs) {
        List<String> due = new ArrayList<>();
        for (Due d : byDeadline) {
            if (d.deadlineMs() > nowMs) {
                break;
            }
            due.add(d.id());
        }
        return due;
    }

    /** The earliest deadline, so the leader proposes an expiry only when one is due. */
    public Optional<Long> earliestDeadline() {
        return byDeadline.isEmpty() ? Optional.empty() : Optional.of(byDeadline.first().deadlineMs());
    }

    /**
     * A new leader's extension, in its own clock: a session renewed since the last leader change gets
     * exactly one TTL from {@code nowMs} (more than it had if this clock runs ahead, less if behind, never
     * less real time than the client was promised). A session already extended and not renewed since only
     * keeps what it has, capped at one TTL, so leader changes alone never keep it alive. Returns how many
     * deadlines moved.
     */
    public int extendAll(long nowMs) {
        int moved = 0;
        for (Session s : List.copyOf(byId.values())) {
            long full = nowMs + s.ttlMs();
            long deadline = s.extendedByLeader() ? Math.min(s.deadlineMs(), full) : full;
            if (deadline != s.deadlineMs()) {
                moved++;
            }
            put(s.extendedTo(deadline));
        }
        return moved;
    }

    /** Up to {@code count} sessions with an id after {@code after} (null: from the first), in id order. */
    public List<Session> after(String after, int count) {
        return Page.valuesAfter(byId, after, count);
    }

    public Collection<Session> all() {
        return byId.values();
    }

    public int size() {
        return byId.size();
    }

    public void clear() {
        byId.clear();
        byDeadline.clear();
    }
}
