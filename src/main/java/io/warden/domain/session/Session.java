package io.warden.domain.session;

/**
 * A lease. {@code deadlineMs} is in leader time; {@code oneShot} sessions were created by a lock
 * acquire without a session and end with that lock. {@code extendedByLeader} is set when a leader
 * change gave the session a TTL and cleared by its next renewal: one leader change may extend a session,
 * a second one before any renewal may not, so dead sessions cannot outlive a flapping leadership.
 */
public record Session(String id, String name, long ttlMs, long deadlineMs, boolean oneShot, boolean extendedByLeader) {

    /** A new session or a renewal: a full TTL from {@code nowMs}, open to one extension again. */
    public Session renewedAt(long nowMs) {
        return new Session(id, name, ttlMs, nowMs + ttlMs, oneShot, false);
    }

    public Session extendedTo(long newDeadlineMs) {
        return new Session(id, name, ttlMs, newDeadlineMs, oneShot, true);
    }
}
