package io.warden.raft;

import io.warden.domain.Command;
import io.warden.domain.Proposal;

/** A cheap upper estimate of a proposal's encoded size, to bound a batch without encoding twice. */
final class ProposalSize {

    private static final int OVERHEAD = 64;

    private ProposalSize() {
    }

    static int estimate(Proposal p) {
        int size = OVERHEAD + chars(p.idempotencyKey()) + chars(p.fingerprint());
        Command c = p.command();
        if (c instanceof Command.PutMember m) {
            size += chars(m.group()) + chars(m.member()) + chars(m.sessionId()) + chars(m.address())
                    + chars(m.metadataJson());
        } else {
            // Every other command holds at most a few names and ids of at most 200 characters.
            size += 3 * 200 * 3;
        }
        return size;
    }

    private static int chars(String s) {
        return s == null ? 0 : 3 * s.length();
    }
}
