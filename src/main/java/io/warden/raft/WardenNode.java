package io.warden.raft;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.warden.config.WardenConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * This node's life cycle: starts the Raft server with Quarkus, wires what it applies to
 * {@link ApplyEvents}, runs the leader's duties, and on shutdown hands leadership over first.
 * {@link Writes}, {@link StateReads} and {@link ClusterOps} reach the Raft server through it.
 */
@ApplicationScoped
public class WardenNode {

    private static final Logger LOG = Logger.getLogger(WardenNode.class);

    @Inject
    WardenConfig config;

    @Inject
    ApplyEvents events;

    private volatile RaftNode node;
    private volatile BatchingProposer proposer;
    private volatile LeaderDuties duties;
    private ScheduledExecutorService timer;

    void onStart(@Observes StartupEvent event) {
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    synchronized void start() {
        if (node != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "warden-leader-timer");
            t.setDaemon(true);
            return t;
        });
        events.start();
        try {
            RaftNode created = new RaftNode(config, events::onApplied, () -> timer.execute(this::onLeaderReady),
                    events::onLoaded);
            proposer = new BatchingProposer(created::send, config.raft().maxInFlight(),
                    config.raft().batchMaxCommands(), config.raft().batchMaxBytes(), config.raft().maxQueuedCommands());
            duties = new LeaderDuties(created, proposal -> RaftFailures.bounded(proposer.submit(proposal),
                    config.requestTimeout()), this::earliestDeadline, () -> created.stateMachine().leaderNowMs());
            created.start();
            node = created;
            duties.start(timer, config.session().expiryCheckInterval().toMillis());
            SilentFollowers silent = new SilentFollowers(Math.max(2_000, 3 * config.raft().electionTimeoutMax().toMillis()));
            timer.scheduleWithFixedDelay(() -> reconnectSilentFollowers(created, silent), 1, 1, TimeUnit.SECONDS);
            LOG.infof("Warden node %s started; peers %s", config.nodeId(), config.peers());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the Raft server", e);
        }
    }

    synchronized void stop() {
        if (node == null) {
            return;
        }
        handOverLeadership();
        timer.shutdownNow();
        try {
            node.close();
        } catch (IOException e) {
            LOG.warn("Raft server did not close cleanly", e);
        }
        events.stop();
        node = null;
    }

    /**
     * A leader that is asked to stop first hands leadership to its most caught-up follower, so the
     * group does not sit through an election timeout with no leader (a rolling restart costs a moment).
     */
    private void handOverLeadership() {
        try {
            ClusterStatus s = node.status();
            if (!"LEADER".equals(s.role())) {
                return;
            }
            s.peers().stream()
                    .filter(p -> !p.id().equals(s.self()) && "FOLLOWER".equals(p.role()) && p.matchIndex() != null)
                    .max(Comparator.comparingLong(ClusterStatus.PeerStatus::matchIndex))
                    .ifPresent(next -> {
                        LOG.infof("stopping: handing leadership to %s (match index %d)", next.id(), next.matchIndex());
                        node.admin().transferLeadership(next.id(), config.raft().electionTimeoutMax().toMillis() * 3);
                    });
        } catch (RuntimeException e) {
            LOG.warnf("stopping without handing over leadership: %s", e.getMessage());
        }
    }

    private long earliestDeadline() {
        return node.stateMachine().read(s -> Math.min(s.sessions().earliestDeadline().orElse(Long.MAX_VALUE),
                Math.min(s.locks().earliestWaitDeadline().orElse(Long.MAX_VALUE),
                        s.elections().earliestWaitDeadline().orElse(Long.MAX_VALUE))));
    }

    private static void reconnectSilentFollowers(RaftNode raft, SilentFollowers silent) {
        try {
            raft.reconnectSilentFollowers(silent, System.nanoTime() / 1_000_000);
        } catch (RuntimeException e) {
            // A timer task that throws is never run again; a node that is stopping is not worth a retry.
            LOG.debugf("reconnecting silent followers: %s", e.getMessage());
        }
    }

    private void onLeaderReady() {
        LeaderDuties d = duties;
        if (d != null) {
            d.onLeaderReady();
        }
    }

    /** This node's own view of the group, cheap enough for health checks and metrics. */
    public ClusterStatus status() {
        return running().status();
    }

    public boolean isStarted() {
        return node != null;
    }

    public boolean isRunning() {
        RaftNode n = node;
        return n != null && n.isRunning();
    }

    /** The running Raft server, or null while this node is not started. */
    RaftNode current() {
        return node;
    }

    RaftNode running() {
        RaftNode n = node;
        if (n == null) {
            throw new NoQuorumException("this node's Raft server is not running");
        }
        return n;
    }

    BatchingProposer proposer() {
        running();
        return proposer;
    }
}
