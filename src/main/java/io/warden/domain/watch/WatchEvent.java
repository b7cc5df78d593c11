package io.warden.domain.watch;

/**
 * One thing an applied log entry did that a watcher can be told: a session began or ended, a lock passed,
 * a member came or went, an election changed hands. Apply yields them in order, so every node that applies
 * the same log yields the same events; {@link EventId} numbers them.
 */
public sealed interface WatchEvent {

    /** The kind a {@code types=} filter selects: the part of the event's type before the dot. */
    enum Kind { SESSION, LOCK, MEMBER, ELECTION }

    /** The wire name, such as {@code lock.granted}. */
    String type();

    Kind kind();

    /** The lock, group or election the event is about; for session events the session's name (may be null). */
    String name();

    /** The session the event is about. */
    String session();

    record SessionCreated(String session, String sessionName, long ttlMs) implements WatchEvent {
        public String type() { return "session.created"; }
        public Kind kind() { return Kind.SESSION; }
        public String name() { return sessionName; }
    }

    /** {@code reason} is {@code expired} or {@code deleted}. */
    record SessionEnded(String session, String sessionName, String reason) implements WatchEvent {
        public String type() { return "session.ended"; }
        public Kind kind() { return Kind.SESSION; }
        public String name() { return sessionName; }
    }

    record LockGranted(String lock, String session, long fence) implements WatchEvent {
        public String type() { return "lock.granted"; }
        public Kind kind() { return Kind.LOCK; }
        public String name() { return lock; }
    }

    /** {@code reason} is {@code released} or {@code session-ended}; {@code fence} is the grant that ended. */
    record LockReleased(String lock, String session, long fence, String reason) implements WatchEvent {
        public String type() { return "lock.released"; }
        public Kind kind() { return Kind.LOCK; }
        public String name() { return lock; }
    }

    /** A member registered ({@code updated} false) or re-registered with new details ({@code updated} true). */
    record MemberPut(String group, String member, String session, String address, int weight, boolean updated)
            implements WatchEvent {
        public String type() { return updated ? "member.updated" : "member.joined"; }
        public Kind kind() { return Kind.MEMBER; }
        public String name() { return group; }
    }

    /** {@code reason} is {@code deleted} or {@code session-ended}. */
    record MemberLeft(String group, String member, String session, String reason) implements WatchEvent {
        public String type() { return "member.left"; }
        public Kind kind() { return Kind.MEMBER; }
        public String name() { return group; }
    }

    record Elected(String election, String session, long term, String value) implements WatchEvent {
        public String type() { return "election.elected"; }
        public Kind kind() { return Kind.ELECTION; }
        public String name() { return election; }
    }

    /** {@code reason} is {@code resigned} or {@code session-ended}; {@code term} is the term that ended. */
    record Resigned(String election, String session, long term, String reason) implements WatchEvent {
        public String type() { return "election.resigned"; }
        public Kind kind() { return Kind.ELECTION; }
        public String name() { return election; }
    }

    record Proclaimed(String election, String session, long term, String value) implements WatchEvent {
        public String type() { return "election.proclaimed"; }
        public Kind kind() { return Kind.ELECTION; }
        public String name() { return election; }
    }
}
