package io.warden.raft;

/** No leader or no quorum answered within the request timeout; the caller may retry later. */
public final class NoQuorumException extends RuntimeException {

    public NoQuorumException(String message) {
        super(message, null, false, false);
    }
}
