package io.warden.faults;

import java.util.HashMap;
import java.util.Map;

/**
 * What a lock protects, as Kleppmann's fencing asks of it: per lock it keeps the highest fence it has
 * accepted and refuses any write that carries a lower one. It stands for the storage a real holder writes
 * to, so the test can count what a holder that lost its lock without knowing would have broken.
 */
final class FencedResource {

    private final Map<String, Long> highest = new HashMap<>();
    private long accepted;
    private long refused;

    /** True if the write was accepted: {@code fence} is at least every fence this lock's writes carried. */
    synchronized boolean write(String lock, long fence) {
        Long seen = highest.get(lock);
        if (seen != null && fence < seen) {
            refused++;
            return false;
        }
        highest.put(lock, fence);
        accepted++;
        return true;
    }

    synchronized long accepted() {
        return accepted;
    }

    synchronized long refused() {
        return refused;
    }
}
