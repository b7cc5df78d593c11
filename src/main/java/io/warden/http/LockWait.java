package io.warden.http;

import io.vertx.core.Vertx;
import io.warden.domain.Command;
import io.warden.domain.Result;
import io.warden.domain.WaiterState;
import io.warden.raft.Committed;
import io.warden.raft.ApplyEvents;
import io.warden.raft.StateReads;
import io.warden.raft.Writes;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Holds an acquire request open while its session waits in the lock's queue. The node learns of the
 * grant from its own apply, by reading its applied state after every change to this wait (a grant, a
 * withdrawal, its session's end; a release of a lock with many waiters wakes only the next). When the wait
 * runs out it proposes CancelWait, and the applied outcome of that (withdrawn, or already granted)
 * is the answer: the caller never holds a lock it was told it lacks.
 */
final class LockWait {

    private final StateReads state;
    private final ApplyEvents events;
    private final Writes writes;
    private final Vertx vertx;
    private final String lock;
    private final String sessionId;
    private final long deadlineMs;
    private final CompletableFuture<Committed> outcome = new CompletableFuture<>();
    private final AtomicBoolean finishing = new AtomicBoolean();
    private volatile long timerId = -1;

    private LockWait(StateReads state, ApplyEvents events, Writes writes, Vertx vertx, String lock, String sessionId, long deadlineMs) {
        this.state = state;
        this.events = events;
        this.writes = writes;
        this.vertx = vertx;
        this.lock = lock;
        this.sessionId = sessionId;
        this.deadlineMs = deadlineMs;
    }

    /** Waits for the grant of a queued acquire that was applied at {@code queuedAt}. */
    static CompletableFuture<Committed> await(StateReads state, ApplyEvents events, Writes writes, Vertx vertx, Result.Queued queued, long queuedAt,
                                              long deadlineMs) {
        LockWait wait = new LockWait(state, events, writes, vertx, queued.lock(), queued.sessionId(), deadlineMs);
        wait.start(queuedAt);
        return wait.outcome;
    }

    private void start(long queuedAt) {
        long remaining = Math.max(1, deadlineMs - System.currentTimeMillis());
        timerId = vertx.setTimer(remaining, id -> cancel());
        // Until this node has applied the queueing entry its state cannot show the outcome.
        state.awaitApplied(queuedAt).thenRun(this::check);
    }

    private void check() {
        if (outcome.isDone() || finishing.get()) {
            return;
        }
        String key = ApplyEvents.waiterKey(lock, sessionId);
        CompletableFuture<Void> changed = events.waiterSignals().next(key);
        var served = state.readLocal(reads -> reads.waiter(lock, sessionId));
        WaiterState state = served.value();
        if (state.heldFence() != null) {
            finish(new Committed(new Result.Granted(lock, sessionId, state.heldFence()), served.index()));
        } else if (!state.sessionAlive()) {
            finish(new Committed(new Result.SessionNotFound(sessionId), served.index()));
        } else if (!state.queued()) {
            // Withdrawn by someone else: the authoritative answer comes from CancelWait.
            cancel();
        } else {
            changed.thenRun(this::check);
            return;
        }
        events.waiterSignals().forget(key, changed);
    }

    private void cancel() {
        if (outcome.isDone() || !finishing.compareAndSet(false, true)) {
            return;
        }
        writes.submit(new Command.CancelWait(lock, sessionId)).whenComplete((committed, error) -> {
            if (error != null) {
                outcome.completeExceptionally(error);
            } else {
                outcome.complete(committed);
            }
            vertx.cancelTimer(timerId);
        });
    }

    private void finish(Committed committed) {
        if (finishing.compareAndSet(false, true)) {
            vertx.cancelTimer(timerId);
            outcome.complete(committed);
        }
    }
}
