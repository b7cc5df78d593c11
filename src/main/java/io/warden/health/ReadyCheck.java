package io.warden.health;

import io.warden.config.WardenConfig;
import io.warden.raft.ClusterStatus;
import io.warden.raft.WardenNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when this node knows a leader, is in the group's configuration, has applied the log up to
 * the commit index it knows (within a small lag), and, as a follower, heard from the leader within an
 * election timeout. A node cut off from the quorum fails one of these within seconds.
 */
@Readiness
@ApplicationScoped
public class ReadyCheck implements HealthCheck {

    @Inject
    WardenNode node;

    @Inject
    WardenConfig config;

    @Override
    public HealthCheckResponse call() {
        if (!node.isRunning()) {
            return HealthCheckResponse.named("raft-quorum").down().withData("reason", "Raft server not running").build();
        }
        ClusterStatus s = node.status();
        String reason = notReadyReason(s);
        var builder = HealthCheckResponse.named("raft-quorum")
                .withData("role", s.role())
                .withData("leader", s.leader() == null ? "none" : s.leader())
                .withData("term", s.term())
                .withData("commitIndex", s.commitIndex())
                .withData("appliedIndex", s.appliedIndex());
        return reason == null ? builder.up().build() : builder.down().withData("reason", reason).build();
    }

    private String notReadyReason(ClusterStatus s) {
        if (s.leader() == null) {
            return "no leader known";
        }
        if (!s.inConfiguration()) {
            return "not in the group's configuration";
        }
        if (s.self().equals(s.leader()) && !s.leaderReady()) {
            return "leader has not committed an entry of its term yet";
        }
        if (s.commitIndex() - s.appliedIndex() > config.raft().readyMaxLag()) {
            return "applied index trails the commit index by " + (s.commitIndex() - s.appliedIndex());
        }
        long silenceLimit = config.raft().electionTimeoutMax().toMillis() * 2;
        if (!s.self().equals(s.leader()) && s.lastLeaderContactMs() > silenceLimit) {
            return "no contact with the leader for " + s.lastLeaderContactMs() + " ms";
        }
        if (s.self().equals(s.leader()) && !hearsMajority(s, silenceLimit)) {
            return "leader has not heard from a majority for " + silenceLimit + " ms";
        }
        return null;
    }

    /** A leader cut off from its followers keeps its role for a while; readiness should not wait for that. */
    private static boolean hearsMajority(ClusterStatus s, long silenceLimit) {
        int voters = s.peers().size();
        long heard = s.peers().stream()
                .filter(p -> p.id().equals(s.self()) || (p.lastContactMs() != null && p.lastContactMs() <= silenceLimit))
                .count();
        return heard > voters / 2;
    }
}
