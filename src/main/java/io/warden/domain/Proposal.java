package io.warden.domain;

/**
 * One command as a client proposed it. {@code idempotencyKey} (nullable) makes a retry answer
 * with the first result; {@code fingerprint} tells a retry from a different request reusing the key.
 */
public record Proposal(String idempotencyKey, String fingerprint, Command command) {

    public static Proposal of(Command command) {
        return new Proposal(null, null, command);
    }
}
