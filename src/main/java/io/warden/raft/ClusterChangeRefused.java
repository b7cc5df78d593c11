package io.warden.raft;

/** An operator's change to the group that was refused before or by Raft; nothing changed. */
public final class ClusterChangeRefused extends RuntimeException {

    public enum Reason { PEER_EXISTS, PEER_NOT_FOUND, LAST_PEER, FAILED }

    private final Reason reason;

    public ClusterChangeRefused(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
