package io.warden.http;

import io.vertx.core.Vertx;
import io.warden.domain.Command;
import io.warden.domain.Reads;
import io.warden.domain.Result;
import io.warden.domain.WaiterState;
import io.warden.raft.ApplyEvents;
import io.warden.raft.Committed;
import io.warden.raft.Served;
import io.warden.raft.Signals;
import io.warden.raft.StateReads;
import io.warden.raft.Writes;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Holds a request open while its session waits in a queue: a lock's waiters or an election's
 * candidates. The node learns of the win from its own apply, by reading its applied state after every
 * change to this wait (a grant, a withdrawal, its session's end; a release wakes only the next in line).
 * When the wait runs out it proposes the withdrawal, and the applied outcome of that (withdrawn, or
 * already won) is the answer: the caller never holds what it was told it lacks.
 */
final class QueueWait {

    /**
     * What is waited for: the signals and key that wake this wait, how to read where it stands, the
     * answer once it holds (from the reads and the fence or term), and the command that withdraws it.
     */
    record Target(Function<ApplyEvents, Signals> signals, String key, String sessionId,
                  Function<Reads, WaiterState> standing, BiFunction<Reads, Long, Result> won, Command withdrawal) {}

    /** A lock acquire waiting in the lock's queue. */
    static Target lock(String lock, String sessionId) {
        return new Target(ApplyEvents::waiterSignals, ApplyEvents.waiterKey(lock, sessionId), sessionId,
                reads -> reads.waiter(lock, sessionId), (reads, fence) -> new Result.Granted(lock, sessionId, fence),
                new Command.CancelWait(lock, sessionId));
    }

    /** A campaign waiting among an election's candidates. */
    static Target candidacy(String election, String sessionId) {
        return new Target(ApplyEvents::candidacySignals, ApplyEvents.waiterKey(election, sessionId), sessionId,
                reads -> reads.candidacy(election, sessionId),
                (reads, term) -> new Result.Elected(election, sessionId, reads.candidacyValue(election, sessionId), term),
                new Command.WithdrawCandidacy(election, sessionId));
    }

    private final StateReads state;
    private final Signals signals;
    private final Writes writes;
    private final Vertx vertx;
    private final Target target;
    private final long deadlineMs;
    private final CompletableFuture<Committed> outcome = new CompletableFuture<>();
    private final AtomicBoolean finishing = new AtomicBoolean();
    private volatile long timerId = -1;

    private QueueWait(StateReads state, ApplyEvents events, Writes writes, Vertx vertx, Target target, long deadlineMs) {
        this.state = state;
        this.signals = target.signals().apply(events);
        this.writes = writes;
        this.vertx = vertx;
        this.target = target;
        this.deadlineMs = deadlineMs;
    }

    /** Waits for the win of a queued request that was applied at {@code queuedAt}. */
    static CompletableFuture<Committed> await(StateReads state, ApplyEvents events, Writes writes, Vertx vertx,
                                              Target target, long queuedAt, long deadlineMs) {
        QueueWait wait = new QueueWait(state, events, writes, vertx, target, deadlineMs);
        wait.start(queuedAt);
        return wait.outcome;
    }

    private void start(long queuedAt) {
        long remaining = Math.max(1, deadlineMs - System.currentTimeMillis());
        timerId = vertx.setTimer(remaining, id -> withdraw());
        // Until this node has applied the queueing entry its state cannot show the outcome.
        state.awaitApplied(queuedAt).thenRun(this::check);
    }

    /** What this node's state says of the wait: its answer, if it has one, and whether it is still queued. */
    private record Look(Result answer, boolean queued) {}

    private void check() {
        if (outcome.isDone() || finishing.get()) {
            return;
        }
        CompletableFuture<Void> changed = signals.next(target.key());
        Served<Look> served = state.readLocal(reads -> {
            WaiterState standing = target.standing().apply(reads);
            if (standing.heldFence() != null) {
                return new Look(target.won().apply(reads, standing.heldFence()), false);
            }
            if (!standing.sessionAlive()) {
                return new Look(new Result.SessionNotFound(target.sessionId()), false);
            }
            return new Look(null, standing.queued());
        });
        Look look = served.value();
        if (look.answer() == null && look.queued()) {
            changed.thenRun(this::check);
            return;
        }
        signals.forget(target.key(), changed);
        if (look.answer() != null) {
            finish(new Committed(look.answer(), served.index()));
        } else {
            // Withdrawn by someone else (the log's deadline): the authoritative answer comes from the withdrawal.
            withdraw();
        }
    }

    private void withdraw() {
        if (outcome.isDone() || !finishing.compareAndSet(false, true)) {
            return;
        }
        writes.submit(target.withdrawal()).whenComplete((committed, error) -> {
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
