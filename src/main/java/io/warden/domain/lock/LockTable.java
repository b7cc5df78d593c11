package io.warden.domain.lock;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Exclusive, FIFO-fair, fenced locks. The fence counter grows with every grant of every lock, so a
 * fence is unique and strictly increasing in grant order. Only locks that are held or have waiters
 * are kept; any other name is a free lock.
 */
public final class LockTable {

    private final NavigableMap<String, LockState> locks = new TreeMap<>();
    /** Derived index: the locks each session holds or waits for, so ending a session is cheap. */
    private final Map<String, Set<String>> locksBySession = new TreeMap<>();
    private long lastFence;

    public long lastFence() {
        return lastFence;
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
        return state != null && state.waiters.contains(session);
    }

    public LockView view(String lock) {
        LockState state = locks.get(lock);
        if (state == null) {
            return LockView.free(lock);
        }
        return new LockView(lock, state.holder, state.holder == null ? null : state.fence,
                List.copyOf(state.waiters));
    }

    /** Every lock that is held or has waiters, in name order, optionally under a prefix. */
    public List<LockView> list(String prefix) {
        List<LockView> views = new ArrayList<>();
        Map<String, LockState> range = prefix == null || prefix.isEmpty() ? locks : locks.tailMap(prefix, true);
        for (String name : range.keySet()) {
            if (prefix != null && !name.startsWith(prefix)) {
                break;
            }
            views.add(view(name));
        }
        return views;
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

    public void enqueue(String lock, String session) {
        LockState state = locks.computeIfAbsent(lock, k -> new LockState());
        if (!state.waiters.contains(session)) {
            state.waiters.addLast(session);
            index(session, lock);
        }
    }

    /** Removes a waiter; true if it was waiting. */
    public boolean withdraw(String lock, String session) {
        LockState state = locks.get(lock);
        if (state == null || !state.waiters.remove(session)) {
            return false;
        }
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
        String head = state.waiters.pollFirst();
        if (head != null) {
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

    /** Restores one lock exactly as a snapshot recorded it. */
    public void restore(String lock, String holder, long fence, List<String> waiters) {
        LockState state = new LockState();
        state.holder = holder;
        state.fence = fence;
        if (holder != null) {
            index(holder, lock);
        }
        for (String waiter : waiters) {
            state.waiters.addLast(waiter);
            index(waiter, lock);
        }
        if (!state.isIdle()) {
            locks.put(lock, state);
        }
    }

    public void restoreLastFence(long fence) {
        lastFence = fence;
    }

    public void clear() {
        locks.clear();
        locksBySession.clear();
        lastFence = 0;
    }

    private Grant grant(String lock, LockState state, String session) {
        state.holder = session;
        state.fence = ++lastFence;
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
