package io.warden.raft;

import io.warden.config.WardenConfig;
import io.warden.domain.Reads;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** Reads of the applied state: linearizable through ReadIndex, or this node's state as it is. */
@ApplicationScoped
public class StateReads {

    @Inject
    WardenConfig config;

    @Inject
    WardenNode node;

    @Inject
    ApplyEvents events;

    public <T> CompletableFuture<Served<T>> read(boolean linearizable, Function<Reads, T> reader) {
        CompletableFuture<Void> barrier = linearizable
                ? RaftFailures.bounded(node.running().readBarrier(), config.requestTimeout())
                : CompletableFuture.completedFuture(null);
        return barrier.thenApply(ignored -> readLocal(reader));
    }

    /** Reads this node's applied state now, with the index it was read at. */
    public <T> Served<T> readLocal(Function<Reads, T> reader) {
        return node.running().stateMachine().read(s -> new Served<>(reader.apply(new Reads(s)), s.appliedIndex()));
    }

    /** Completes, off the applier's thread, once this node has applied {@code index}. */
    public CompletableFuture<Void> awaitApplied(long index) {
        return node.running().stateMachine().awaitApplied(index).thenRunAsync(() -> { }, events.executor());
    }

    /** This node's clock as a leader would use it, to tell readers how long a session has left. */
    public long nowMs() {
        return node.running().stateMachine().leaderNowMs();
    }

    public long appliedIndex() {
        RaftNode n = node.current();
        return n == null ? 0 : n.stateMachine().appliedIndex();
    }
}
