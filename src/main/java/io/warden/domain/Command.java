package io.warden.domain;

import io.warden.domain.acl.AclRule;
import io.warden.domain.member.Member;

/**
 * Everything that can change Warden's replicated state. Commands carry every non-deterministic
 * input (new session ids, the caller's choices); the leader's clock travels in the {@link LogEntry}.
 * Inputs are validated before proposing, so apply never has to reject a malformed command.
 */
public sealed interface Command {

    /** Creates a session that lives {@code ttlMs} past its last keepalive. */
    record CreateSession(String sessionId, String name, long ttlMs) implements Command {}

    record KeepAlive(String sessionId) implements Command {}

    record DeleteSession(String sessionId) implements Command {}

    /**
     * Proposed by the leader of {@code term} when its clock read {@code asOfMs} and a deadline was due:
     * ends every session due at or before both that time and the entry time. Applied only inside that
     * term and after its ExtendSessions, so a copy re-sent to a later leader (whose clock may run ahead)
     * expires nothing. {@link #LEGACY_TERM} marks entries written before terms were carried.
     */
    record ExpireSessions(long term, long asOfMs) implements Command {}

    /** Proposed by the new leader of {@code term}; see {@code SessionTable.extendAll} for what it grants. */
    record ExtendSessions(long term) implements Command {}

    /** The term of an expiry or extension read from a log written before they carried one: unchecked. */
    long LEGACY_TERM = 0;

    /**
     * Acquire, queueing behind the holder when {@code queueIfHeld}. A queued wait is withdrawn by the log
     * itself {@code waitMs} of leader time after it was queued; the proposing node sets that past its own
     * wait, so the log steps in only when the node's CancelWait never comes (the node died, the cancel
     * was lost). {@link #UNBOUNDED_WAIT} (logs written before waits carried one) leaves that to CancelWait.
     */
    record Acquire(String lock, String sessionId, boolean queueIfHeld, long waitMs) implements Command {

        /** An acquire whose wait, if it queues, has no replicated end. */
        public Acquire(String lock, String sessionId, boolean queueIfHeld) {
            this(lock, sessionId, queueIfHeld, UNBOUNDED_WAIT);
        }
    }

    /**
     * One-shot lease: creates a session of {@code ttlMs} and acquires with it in one step. If the lock
     * is not granted at once and {@code queueIfHeld} is false, the session ends in the same apply; a
     * queued wait ends as {@link Acquire}'s does, and the session with it.
     */
    record AcquireOneShot(String lock, String sessionId, long ttlMs, boolean queueIfHeld, long waitMs)
            implements Command {

        public AcquireOneShot(String lock, String sessionId, long ttlMs, boolean queueIfHeld) {
            this(lock, sessionId, ttlMs, queueIfHeld, UNBOUNDED_WAIT);
        }
    }

    /** The wait of an acquire that the log never withdraws on its own. */
    long UNBOUNDED_WAIT = -1;

    /** Withdraws a waiter whose wait ran out; the applied outcome decides whether it got the lock. */
    record CancelWait(String lock, String sessionId) implements Command {}

    /** Releases; {@code fence} is checked when it is not null. */
    record Release(String lock, String sessionId, Long fence) implements Command {}

    /** {@code metadataJson} is an opaque JSON object text; the HTTP layer owns its syntax. */
    record PutMember(String group, String member, String sessionId, String address, String metadataJson, int weight)
            implements Command {

        /** A member of the default weight, as commands before weights were encoded. */
        public PutMember(String group, String member, String sessionId, String address, String metadataJson) {
            this(group, member, sessionId, address, metadataJson, Member.DEFAULT_WEIGHT);
        }
    }

    record DeleteMember(String group, String member) implements Command {}

    /**
     * Stands for an election: leads at once if nobody does, else (with {@code waitMs} > 0) waits in its
     * FIFO queue for that long in leader time. {@code value} is what the leader shows (an address).
     */
    record Campaign(String election, String sessionId, String value, long waitMs) implements Command {}

    /** Withdraws a waiting candidacy whose wait ran out; the applied outcome says whether it won first. */
    record WithdrawCandidacy(String election, String sessionId) implements Command {}

    /** The leader of {@code term} replaces its value. */
    record Proclaim(String election, String sessionId, long term, String value) implements Command {}

    /** The leader steps down (of {@code term} when it is not null); the next candidate wins. */
    record Resign(String election, String sessionId, Long term) implements Command {}

    /**
     * Adds a token. The proposing node drew {@code id} and the secret and hashed it ({@code secretHash}),
     * so the log never holds the secret itself.
     */
    record CreateToken(String id, String name, String secretHash, java.util.List<AclRule> rules, boolean admin)
            implements Command {
        public CreateToken {
            rules = java.util.List.copyOf(rules);
        }

        public io.warden.domain.acl.AclToken token() {
            return new io.warden.domain.acl.AclToken(id, name, secretHash, rules, admin);
        }

        public static CreateToken of(io.warden.domain.acl.AclToken token) {
            return new CreateToken(token.id(), token.name(), token.secretHash(), token.rules(), token.admin());
        }
    }

    /** Removes a token: its next request answers 401; sessions it owns stay until they end. */
    record DeleteToken(String id) implements Command {}
}
