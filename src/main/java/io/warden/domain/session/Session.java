package io.warden.domain.session;

/**
 * A lease. {@code deadlineMs} is in leader time; {@code oneShot} sessions were created by a lock
 * acquire without a session and end with that lock.
 */
public record Session(String id, String name, long ttlMs, long deadlineMs, boolean oneShot) {

    public Session withDeadline(long newDeadlineMs) {
        return new Session(id, name, ttlMs, newDeadlineMs, oneShot);
    }
}
