package io.warden.http;

import io.vertx.core.Vertx;
import io.warden.domain.Reads;
import io.warden.raft.Served;
import io.warden.raft.Signals;
import io.warden.raft.StateReads;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * A blocking query on one named thing (a group, an election): answers as soon as its modify index
 * passes the caller's, or with the unchanged state when the wait runs out. Wakes on this node's own
 * apply, through the signals fired for that name, so it works on every node.
 */
final class IndexWatch<T> {

    private final StateReads state;
    private final Signals signals;
    private final String name;
    private final Function<Reads, T> read;
    private final ToLongFunction<T> index;
    private final long afterIndex;
    private final CompletableFuture<Served<T>> answer = new CompletableFuture<>();
    private final AtomicBoolean done = new AtomicBoolean();
    /** The wake-up currently registered, dropped when the watch ends so quiet names keep no garbage. */
    private volatile CompletableFuture<Void> pending;

    private IndexWatch(StateReads state, Signals signals, String name, Function<Reads, T> read, ToLongFunction<T> index,
                       long afterIndex) {
        this.state = state;
        this.signals = signals;
        this.name = name;
        this.read = read;
        this.index = index;
        this.afterIndex = afterIndex;
    }

    /**
     * A read of one named thing, or with {@code after} a blocking query on it: answers at once when its
     * index has passed {@code after}, or when {@code after} is past what this node had applied for a
     * linearizable read (which waits until it has caught up with the leader), an index no read gave and
     * that may never come; else when it changes past {@code after} or {@code waitMs} runs out, holding a
     * place among the node's long polls meanwhile.
     */
    static <T> CompletableFuture<Served<T>> query(StateReads state, Quotas quotas, Signals signals, Vertx vertx,
                                                  String name, boolean linearizable, Function<Reads, T> read,
                                                  ToLongFunction<T> index, Long after, long waitMs) {
        return state.read(linearizable, read).thenCompose(served -> after == null
                || index.applyAsLong(served.value()) > after || (linearizable && after > served.index())
                ? CompletableFuture.completedFuture(served)
                : quotas.holdingLongPoll(() -> await(state, signals, vertx, name, read, index, after, waitMs)));
    }

    private static <T> CompletableFuture<Served<T>> await(StateReads state, Signals signals, Vertx vertx, String name,
                                                  Function<Reads, T> read, ToLongFunction<T> index, long afterIndex,
                                                  long waitMs) {
        IndexWatch<T> watch = new IndexWatch<>(state, signals, name, read, index, afterIndex);
        long timer = vertx.setTimer(Math.max(1, waitMs), id -> watch.finish(watch.current()));
        watch.answer.whenComplete((v, e) -> vertx.cancelTimer(timer));
        watch.check();
        return watch.answer;
    }

    private Served<T> current() {
        return state.readLocal(read);
    }

    private void check() {
        if (done.get()) {
            return;
        }
        CompletableFuture<Void> changed = signals.next(name);
        pending = changed;
        Served<T> now = current();
        if (index.applyAsLong(now.value()) > afterIndex) {
            finish(now);
        } else {
            changed.thenRun(this::check);
        }
    }

    private void finish(Served<T> served) {
        if (done.compareAndSet(false, true)) {
            CompletableFuture<Void> registered = pending;
            if (registered != null) {
                signals.forget(name, registered);
            }
            answer.complete(served);
        }
    }
}
