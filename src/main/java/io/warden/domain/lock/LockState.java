package io.warden.domain.lock;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One lock: its holder, the fence of that holder's grant, and the FIFO queue of waiting sessions, each
 * with the leader time its wait runs out ({@link LockTable#NO_DEADLINE} for none). Insertion order is
 * queue order; lookups and withdrawals by session are O(1).
 */
final class LockState {

    String holder;
    long fence;
    final LinkedHashMap<String, Long> waiters = new LinkedHashMap<>();

    boolean isIdle() {
        return holder == null && waiters.isEmpty();
    }

    /** Takes the head of the queue (session and wait deadline), or null. */
    Map.Entry<String, Long> pollFirstWaiter() {
        var it = waiters.entrySet().iterator();
        if (!it.hasNext()) {
            return null;
        }
        Map.Entry<String, Long> head = it.next();
        Map.Entry<String, Long> taken = Map.entry(head.getKey(), head.getValue());
        it.remove();
        return taken;
    }
}
