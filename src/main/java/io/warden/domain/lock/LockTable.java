package io.warden.domain.lock;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Exclusive, FIFO-fair, fenced locks. The fence counter grows with every grant of every lock, so a
 * fence is unique and strictly increasing in grant order. Only locks that are held or have waiters
 * are kept; any other name is a free lock. A waiter carries the leader time its wait runs out, so the
 * log itself withdraws a wait whose caller is gone (its node died, its cancel never came).
 */
public final class LockTable {

    /** The deadline of a wait that only its session's end or a CancelWait withdraws (older logs). */
    public static final long NO_DEADLINE = Long.MAX_VALUE;

    /** A wait that runs out at {@code deadlineMs}; ordered by time, then lock and session, deterministically. */
    public record WaitDue(long deadlineMs, String lock, String session) implements Comparable<WaitDue> {
        @Override
        public int compareTo(WaitDue other) {
            int c = Long.compare(deadlineMs, other.deadlineMs);
            if (c == 0) {
                c = lock.compareTo(other.lock);
            }
            return c != 0 ? c : session.compareTo(other.session);
        }
    }

    private final NavigableMap<String, LockState> locks = new TreeMap<>();
    /** Derived index: every wait with a deadline, earliest first. */
    private final NavigableSet<WaitDue> waitsByDeadline = new TreeSet<>();
    /** Derived index: the locks each session holds or waits for, so ending a session is cheap. */
    private final Map<String, Set<String>> locksBySession = new TreeMap<>();
    private final FenceCounter fences;

    /** A table with a fence counter of its own. */
    public LockTable() {
        this(new FenceCounter());
    }

    /** A table drawing fences from {@code fences}, which other tables (elections) may share. */
    public LockTable(FenceCounter fences) {
        this.fences = fences;
    }

    public long lastFence() {
        return fences.last();
    }

    public Optional<Grant> grantOf(String lock, String session) {
        LockState state = locks.get(lock);
        if (state != null && session.equals(state.holder)) {
            return Optional.of(new Grant(lock, session, state.fence));
        }
        return Optional.empty();
    }

    public boolean isWaiting(String lock, String session) {
        LockState state = locks.get(lock);
        return state != null && state.waiters.containsKey(session);
    }

    public LockView view(String lock) {
        LockState state = locks.get(lock);
        if (state == null) {
            return LockView.free(lock);
        }
        return new LockView(lock, state.holder, state.holder == null ? null : state.fence,
                List.copyOf(state.waiters.keySet()));
    }

    /** The wait deadlines of a lock's waiters, in queue order (as {@link LockView#waiters()}). */
    public List<Long> waitDeadlines(String lock) {
        LockState state = locks.get(lock);
        return state == null ? List.of() : List.copyOf(state.waiters.values());
    }

    /** Waits whose deadline is at or before {@code nowMs}, earliest first. */
    public List<WaitDue> waitsDueAt(long nowMs) {
        List<WaitDue> due = new ArrayList<>();
        for (WaitDue w : waitsByDeadline) {
            if (w.deadlineMs() > nowMs) {
                break;
            }
            due.add(w);
        }
        return due;
    }

    public Optional<Long> earliestWaitDeadline() {
        return waitsByDeadline.isEmpty() ? Optional.empty() : Optional.of(waitsByDeadline.first().deadlineMs());
    }

    /**
     * Up to {@code count} locks that are held or have waiters, in name order, under {@code prefix} (null:
     * all) and after {@code after} (null: from the first).
     */
    public List<LockView> list(String prefix, String after, int count) {
        String from = prefix == null ? "" : prefix;
        Map<String, LockState> range = after != null && after.compareTo(from) >= 0
                ? locks.tailMap(after, false) : locks.tailMap(from, true);
        List<LockView> views = new ArrayList<>();
        for (String name : range.keySet()) {
            if (views.size() == count || prefix != null && !name.startsWith(prefix)) {
                break;
            }
            views.add(view(name));
        }
        return views;
    }

    /** Every lock that is held or has waiters, in name order, optionally under a prefix. */
    public List<LockView> list(String prefix) {
        return list(prefix, null, Integer.MAX_VALUE);
    }

    /** Names of the locks a session holds, in name order. */
    public List<String> heldBy(String session) {
        List<String> held = new ArrayList<>();
        for (String lock : locksBySession.getOrDefault(session, Set.of())) {
            if (session.equals(locks.get(lock).holder)) {
                held.add(lock);
            }
        }
        return held;
    }

    /** Grants a free lock at once; returns empty when it is held by another session. */
    public Optional<Grant> tryGrant(String lock, String session) {
        LockState state = locks.computeIfAbsent(lock, k -> new LockState());
        if (state.holder == null && state.waiters.isEmpty()) {
            return Optional.of(grant(lock, state, session));
        }
        dropIfIdle(lock, state);
        return Optional.empty();
    }

    /** Queues {@code session} behind the holder until {@code deadlineMs} (leader time). */
    public void enqueue(String lock, String session, long deadlineMs) {
        LockState state = locks.computeIfAbsent(lock, k -> new LockState());
        if (!state.waiters.containsKey(session)) {
            addWaiter(state, lock, session, deadlineMs);
        }
    }

    /** Removes a waiter; true if it was waiting. */
    public boolean withdraw(String lock, String session) {
        LockState state = locks.get(lock);
        Long deadline = state == null ? null : state.waiters.remove(session);
        if (deadline == null) {
            return false;
        }
        waitsByDeadline.remove(new WaitDue(deadline, lock, session));
        unindex(session, lock);
        dropIfIdle(lock, state);
        return true;
    }

    /** Releases the lock held by {@code session}; the next waiter, if any, is granted and returned. */
    public Optional<Grant> release(String lock, String session) {
        LockState state = locks.get(lock);
        if (state == null || !session.equals(state.holder)) {
            return Optional.empty();
        }
        state.holder = null;
        unindex(session, lock);
        Optional<Grant> next = Optional.empty();
        Map.Entry<String, Long> waiter = state.pollFirstWaiter();
        if (waiter != null) {
            String head = waiter.getKey();
            waitsByDeadline.remove(new WaitDue(waiter.getValue(), lock, head));
            unindex(head, lock);
            next = Optional.of(grant(lock, state, head));
        }
        dropIfIdle(lock, state);
        return next;
    }

    /**
     * Takes a session out of every lock: it stops waiting, and the locks it held pass to their next
     * waiters. Returns the grants that made, in lock-name order.
     */
    public List<Grant> removeSession(String session) {
        List<Grant> grants = new ArrayList<>();
        for (String lock : List.copyOf(locksBySession.getOrDefault(session, Set.of()))) {
            LockState state = locks.get(lock);
            if (session.equals(state.holder)) {
                release(lock, session).ifPresent(grants::add);
            } else {
                withdraw(lock, session);
            }
        }
        return grants;
    }

    /** Locks touched by this session (held or waited for), so callers can signal their watchers. */
    public Set<String> locksOf(String session) {
        return Set.copyOf(locksBySession.getOrDefault(session, Set.of()));
    }

    /** Locks held or waited on. */
    public int size() {
        return locks.size();
    }

    public boolean inUse(String lock) {
        return locks.containsKey(lock);
    }

    public int waitersOf(String lock) {
        LockState state = locks.get(lock);
        return state == null ? 0 : state.waiters.size();
    }

    public int heldCount() {
        int held = 0;
        for (LockState state : locks.values()) {
            if (state.holder != null) {
                held++;
            }
        }
        return held;
    }

    public int waiterCount() {
        int waiting = 0;
        for (LockState state : locks.values()) {
            waiting += state.waiters.size();
        }
        return waiting;
    }

    /** Restores one lock exactly as a snapshot recorded it; {@code deadlines} run parallel to {@code waiters}. */
    public void restore(String lock, String holder, long fence, List<String> waiters, List<Long> deadlines) {
        if (waiters.size() != deadlines.size()) {
            throw new IllegalArgumentException("lock " + lock + ": " + waiters.size() + " waiters but "
                    + deadlines.size() + " deadlines");
        }
        LockState state = new LockState();
        state.holder = holder;
        state.fence = fence;
        if (holder != null) {
            index(holder, lock);
        }
        for (int i = 0; i < waiters.size(); i++) {
            addWaiter(state, lock, waiters.get(i), deadlines.get(i));
        }
        if (!state.isIdle()) {
            locks.put(lock, state);
        }
    }

    public void restoreLastFence(long fence) {
        fences.restore(fence);
    }

    public void clear() {
        locks.clear();
        locksBySession.clear();
        waitsByDeadline.clear();
        fences.restore(0);
    }

    private void addWaiter(LockState state, String lock, String session, long deadlineMs) {
        state.waiters.put(session, deadlineMs);
        if (deadlineMs != NO_DEADLINE) {
            waitsByDeadline.add(new WaitDue(deadlineMs, lock, session));
        }
        index(session, lock);
    }

    private Grant grant(String lock, LockState state, String session) {
        state.holder = session;
        state.fence = fences.next();
        index(session, lock);
        return new Grant(lock, session, state.fence);
    }

    private void dropIfIdle(String lock, LockState state) {
        if (state.isIdle()) {
            locks.remove(lock);
        }
    }

    private void index(String session, String lock) {
        locksBySession.computeIfAbsent(session, k -> new TreeSet<>()).add(lock);
    }

    private void unindex(String session, String lock) {
        Set<String> held = locksBySession.get(session);
        if (held != null) {
            held.remove(lock);
            if (held.isEmpty()) {
                locksBySession.remove(session);
            }
        }
    }
}
