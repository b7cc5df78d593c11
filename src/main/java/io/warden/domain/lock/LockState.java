package io.warden.domain.lock;

import java.util.ArrayDeque;
import java.util.Deque;

/** One lock: its holder, the fence of that holder's grant, and the FIFO queue of waiting sessions. */
final class LockState {

    String holder;
    long fence;
    final Deque<String> waiters = new ArrayDeque<>();

    boolean isIdle() {
        return holder == null && waiters.isEmpty();
    }
}
