package io.warden.domain;

import java.util.List;

/**
 * What one Raft log entry holds: a batch of proposals and the leader's clock when it accepted them.
 * The batch is applied atomically and in order; every proposal gets its own result.
 */
public record LogEntry(long leaderTimeMs, List<Proposal> proposals) {

    public LogEntry {
        proposals = List.copyOf(proposals);
    }
}
