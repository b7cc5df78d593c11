package io.warden.raft;

import io.warden.config.WardenConfig;
import io.warden.domain.Command;
import io.warden.domain.Proposal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.concurrent.CompletableFuture;

/**
 * The write path's door: a command goes to {@link BatchingProposer}, which packs it into a log entry
 * that {@link RaftRequests} puts into the log; the answer is the command's own applied result.
 */
@ApplicationScoped
public class Writes {

    @Inject
    WardenConfig config;

    @Inject
    WardenNode node;

    /** Proposes one command; answers with its applied result, or fails with {@link NoQuorumException}. */
    /** Proposes one command as {@code principal} (null: access control off, or the node's own cleanup). */
    public CompletableFuture<Committed> submit(Command command, String idempotencyKey, String fingerprint, String principal) {
        return RaftFailures.bounded(node.proposer().submit(new Proposal(idempotencyKey, fingerprint, principal, command)),
                config.requestTimeout());
    }

    public CompletableFuture<Committed> submit(Command command) {
        return submit(command, null, null, null);
    }
}
