package io.warden.raft;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One-shot wake-ups keyed by a lock or group name. A waiter takes a future, then checks the state;
 * any change applied after it took the future completes it, so no change slips between the two.
 */
public final class Signals {

    private final Map<String, List<CompletableFuture<Void>>> waiting = new ConcurrentHashMap<>();

    public CompletableFuture<Void> next(String key) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        waiting.compute(key, (k, list) -> {
            List<CompletableFuture<Void>> l = list == null ? new ArrayList<>() : list;
            l.add(future);
            return l;
        });
        return future;
    }

    /** Drops a future that its waiter no longer needs (timed out), so it does not pile up. */
    public void forget(String key, CompletableFuture<Void> future) {
        waiting.computeIfPresent(key, (k, list) -> {
            list.remove(future);
            return list.isEmpty() ? null : list;
        });
    }

    void fire(String key) {
        List<CompletableFuture<Void>> woken = waiting.remove(key);
        if (woken != null) {
            woken.forEach(f -> f.complete(null));
        }
    }

    void fireAll() {
        for (String key : List.copyOf(waiting.keySet())) {
            fire(key);
        }
    }
}
