package io.warden.raft;

/** One command encodes to more than a log entry may carry (HTTP 413); it is never proposed. */
public final class ProposalTooLarge extends RuntimeException {

    public ProposalTooLarge(int bytes, int maxBytes) {
        super("the command encodes to " + bytes + " bytes; a log entry carries at most " + maxBytes, null, false, false);
    }
}
