package io.warden.raft;

/** A bounded queue on this node is full; the caller should retry after a moment (HTTP 429). */
public final class Overloaded extends RuntimeException {

    public Overloaded(String message) {
        super(message, null, false, false);
    }
}
