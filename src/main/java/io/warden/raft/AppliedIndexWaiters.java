package io.warden.raft;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;

/** Futures that complete once this node has applied the log up to an index. */
final class AppliedIndexWaiters {

    private final ConcurrentSkipListMap<Long, CompletableFuture<Void>> byIndex = new ConcurrentSkipListMap<>();
    private volatile long applied;

    CompletableFuture<Void> await(long index) {
        if (index <= applied) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> future = byIndex.computeIfAbsent(index, k -> new CompletableFuture<>());
        if (index <= applied) {
            // The applier may have passed this index between the check and the insert.
            future.complete(null);
            byIndex.remove(index, future);
        }
        return future;
    }

    void advance(long index) {
        if (index > applied) {
            applied = index;
        }
        Map<Long, CompletableFuture<Void>> due = byIndex.headMap(index, true);
        for (Map.Entry<Long, CompletableFuture<Void>> e : due.entrySet()) {
            e.getValue().complete(null);
            byIndex.remove(e.getKey(), e.getValue());
        }
    }
}
