package io.warden.domain;

/**
 * Something happened to {@code sessionId}'s wait for {@code lock}: it was granted, withdrawn, or its
 * session ended. Only the request held for that waiter needs to look again.
 */
public record WaiterChange(String lock, String sessionId) implements Comparable<WaiterChange> {

    @Override
    public int compareTo(WaiterChange other) {
        int c = lock.compareTo(other.lock);
        return c != 0 ? c : sessionId.compareTo(other.sessionId);
    }
}
