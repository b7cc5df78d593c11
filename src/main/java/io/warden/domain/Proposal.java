package io.warden.domain;

/**
 * One command as a client proposed it. {@code idempotencyKey} (nullable) makes a retry answer
 * with the first result; {@code fingerprint} tells a retry from a different request reusing the key.
 * {@code principal} is the token the proposing node authenticated (null with access control off, and
 * for what the group proposes itself); apply judges the command by it.
 */
public record Proposal(String idempotencyKey, String fingerprint, String principal, Command command) {

    public Proposal(String idempotencyKey, String fingerprint, Command command) {
        this(idempotencyKey, fingerprint, null, command);
    }

    public static Proposal of(Command command) {
        return new Proposal(null, null, null, command);
    }
}
