package io.warden.domain.lock;

import io.warden.domain.Result;
import io.warden.domain.watch.WatchEvent;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The rules of locks, applied in log order: a free lock is granted at once with the next fence, a held
 * one queues its waiter (FIFO) or answers who holds it; a release by the holder, with the right fence if
 * it names one, passes the lock to the next waiter. What changed (a lock, one waiter, a grant, the events
 * a watcher sees) is reported to {@link Changed}.
 */
public final class LockRules {

    /** What the rules tell the state about. */
    public interface Changed {
        /** A grant; also the watchers' {@code lock.granted}. */
        void granted(Grant grant);

        void lockChanged(String lock);

        /** The wait of one session on one lock may have ended (granted or withdrawn). */
        void waiterChanged(String lock, String sessionId);

        void event(WatchEvent event);
    }

    private final LockTable locks;
    private final Predicate<String> sessionAlive;
    private final Function<String, String> sessionName;

    public LockRules(LockTable locks, Predicate<String> sessionAlive, Function<String, String> sessionName) {
        this.locks = locks;
        this.sessionAlive = sessionAlive;
        this.sessionName = sessionName;
    }

    public Result acquire(String lock, String sessionId, boolean queueIfHeld, long waitDeadlineMs, Changed changed) {
        if (!sessionAlive.test(sessionId)) {
            return new Result.SessionNotFound(sessionId);
        }
        Optional<Grant> held = locks.grantOf(lock, sessionId);
        if (held.isPresent()) {
            return granted(held.get());
        }
        if (locks.isWaiting(lock, sessionId)) {
            return new Result.Queued(lock, sessionId);
        }
        Optional<Grant> grant = locks.tryGrant(lock, sessionId);
        if (grant.isPresent()) {
            changed.granted(grant.get());
            return granted(grant.get());
        }
        if (queueIfHeld) {
            locks.enqueue(lock, sessionId, waitDeadlineMs);
            changed.lockChanged(lock);
            return new Result.Queued(lock, sessionId);
        }
        return held(lock);
    }

    /** The end of a wait its caller gave up: the grant if it came first, else who holds the lock. */
    public Result cancelWait(String lock, String sessionId, Changed changed) {
        Optional<Grant> held = locks.grantOf(lock, sessionId);
        if (held.isPresent()) {
            return granted(held.get());
        }
        Result notAcquired = held(lock);
        withdraw(lock, sessionId, changed);
        return notAcquired;
    }

    /** Takes a session out of a lock's queue, if it waits there. */
    public void withdraw(String lock, String sessionId, Changed changed) {
        if (locks.withdraw(lock, sessionId)) {
            changed.lockChanged(lock);
            changed.waiterChanged(lock, sessionId);
        }
    }

    public Result release(String lock, String sessionId, Long fence, Changed changed) {
        Optional<Grant> held = locks.grantOf(lock, sessionId);
        if (held.isEmpty()) {
            return new Result.NotHolder(lock, sessionId);
        }
        if (fence != null && fence != held.get().fence()) {
            return new Result.StaleFence(lock, fence, held.get().fence());
        }
        changed.event(new WatchEvent.LockReleased(lock, sessionId, held.get().fence(), "released"));
        locks.release(lock, sessionId).ifPresent(changed::granted);
        changed.lockChanged(lock);
        return new Result.Released(lock);
    }

    /** A session ended: the locks it held pass to their next waiters, its waits end. */
    public void sessionEnded(String sessionId, Changed changed) {
        for (String lock : locks.locksOf(sessionId)) {
            changed.lockChanged(lock);
            changed.waiterChanged(lock, sessionId);
        }
        for (String lock : locks.heldBy(sessionId)) {
            long fence = locks.grantOf(lock, sessionId).orElseThrow().fence();
            changed.event(new WatchEvent.LockReleased(lock, sessionId, fence, "session-ended"));
        }
        for (Grant grant : locks.removeSession(sessionId)) {
            changed.granted(grant);
        }
    }

    private static Result granted(Grant grant) {
        return new Result.Granted(grant.lock(), grant.sessionId(), grant.fence());
    }

    private Result held(String lock) {
        LockView view = locks.view(lock);
        String holderName = view.holder() == null ? null : sessionName.apply(view.holder());
        return new Result.Held(lock, view.holder(), holderName, view.fence());
    }
}
