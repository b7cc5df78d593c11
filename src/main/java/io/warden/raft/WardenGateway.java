package io.warden.raft;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.warden.config.WardenConfig;
import io.warden.domain.Applied;
import io.warden.domain.Command;
import io.warden.domain.Proposal;
import io.warden.domain.Reads;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The one door from HTTP into the Raft group: propose commands, read linearizably or locally, and
 * wait for changes. Every call is asynchronous; nothing here blocks the caller's thread.
 */
@ApplicationScoped
public class WardenGateway {

    private static final Logger LOG = Logger.getLogger(WardenGateway.class);

    @Inject
    WardenConfig config;

    private final Signals lockSignals = new Signals();
    private final Signals groupSignals = new Signals();
    private final List<Consumer<Applied>> applyListeners = new CopyOnWriteArrayList<>();
    private volatile RaftNode node;
    private volatile BatchingProposer proposer;
    private volatile LeaderDuties duties;
    private ScheduledExecutorService timer;
    /** Wakes waiting requests off the applier's thread, in apply order, so waiter code never delays apply. */
    private ExecutorService notifier;

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
        notifier = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "warden-notify");
            t.setDaemon(true);
            return t;
        });
        try {
            RaftNode created = new RaftNode(config, this::onApplied, () -> timer.execute(this::onLeaderReady),
                    this::onReloaded);
            proposer = new BatchingProposer(created::send, config.raft().maxInFlight(),
                    config.raft().batchMaxCommands(), config.raft().batchMaxBytes(), config.raft().maxQueuedCommands());
            duties = new LeaderDuties(created, proposal -> bounded(proposer.submit(proposal)), this::earliestDeadline,
                    () -> created.stateMachine().leaderNowMs());
            created.start();
            node = created;
            duties.start(timer, config.session().expiryCheckInterval().toMillis());
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
        notifier.shutdownNow();
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
        return node.stateMachine().read(s -> s.sessions().earliestDeadline().orElse(Long.MAX_VALUE));
    }

    private void onLeaderReady() {
        LeaderDuties d = duties;
        if (d != null) {
            d.onLeaderReady();
        }
    }

    private void onReloaded() {
        notifier.execute(() -> {
            lockSignals.fireAll();
            groupSignals.fireAll();
        });
    }

    private void onApplied(Applied applied) {
        if (!applied.changes().locks().isEmpty() || !applied.changes().groups().isEmpty()) {
            notifier.execute(() -> {
                applied.changes().locks().forEach(lockSignals::fire);
                applied.changes().groups().forEach(groupSignals::fire);
            });
        }
        for (Consumer<Applied> listener : applyListeners) {
            listener.accept(applied);
        }
    }

    /** Proposes one command; answers with its applied result, or fails with {@link NoQuorumException}. */
    public CompletableFuture<Committed> submit(Command command, String idempotencyKey, String fingerprint) {
        running();
        return bounded(proposer.submit(new Proposal(idempotencyKey, fingerprint, command)));
    }

    public CompletableFuture<Committed> submit(Command command) {
        return submit(command, null, null);
    }

    /** A read of the applied state: linearizable through ReadIndex, or this node's state as it is. */
    public <T> CompletableFuture<Served<T>> read(boolean linearizable, Function<Reads, T> reader) {
        RaftNode n = running();
        CompletableFuture<Void> barrier = linearizable ? bounded(n.readBarrier()) : CompletableFuture.completedFuture(null);
        return barrier.thenApply(ignored -> readLocal(reader));
    }

    /** Reads this node's applied state now, with the index it was read at. */
    public <T> Served<T> readLocal(Function<Reads, T> reader) {
        return running().stateMachine().read(s -> new Served<>(reader.apply(new Reads(s)), s.appliedIndex()));
    }

    public CompletableFuture<Void> awaitApplied(long index) {
        return running().stateMachine().awaitApplied(index).thenRunAsync(() -> { }, notifier);
    }

    /** This node's clock as a leader would use it, to tell readers how long a session has left. */
    public long nowMs() {
        return running().stateMachine().leaderNowMs();
    }

    public long appliedIndex() {
        RaftNode n = node;
        return n == null ? 0 : n.stateMachine().appliedIndex();
    }

    public Signals lockSignals() {
        return lockSignals;
    }

    public Signals groupSignals() {
        return groupSignals;
    }

    public void addApplyListener(Consumer<Applied> listener) {
        applyListeners.add(listener);
    }

    public ClusterStatus status() {
        return running().status();
    }

    /** The group as the leader sees it (match index, lag, last contact per peer). Blocking. */
    public ClusterStatus leaderViewStatus() {
        return running().leaderViewStatus();
    }

    /** Adds a voting member; it catches up before it votes. Blocking. */
    public void addPeer(String id, String address) {
        running().admin().addPeer(id, address);
    }

    /** Removes a member. Blocking. */
    public void removePeer(String id) {
        running().admin().removePeer(id);
    }

    /** Moves leadership to a member. Blocking. */
    public void transferLeadership(String id) {
        running().admin().transferLeadership(id, config.requestTimeout().toMillis());
    }

    /** Takes a snapshot on this node; answers the log index it covers. Blocking. */
    public long takeSnapshot() {
        return running().admin().snapshot(config.requestTimeout().toMillis());
    }

    public boolean isStarted() {
        return node != null;
    }

    public boolean isRunning() {
        RaftNode n = node;
        return n != null && n.isRunning();
    }

    private RaftNode running() {
        RaftNode n = node;
        if (n == null) {
            throw new NoQuorumException("this node's Raft server is not running");
        }
        return n;
    }

    /** Bounds a Raft call by the request timeout and turns every Raft failure into NoQuorumException. */
    private <T> CompletableFuture<T> bounded(CompletableFuture<T> call) {
        long timeoutMs = config.requestTimeout().toMillis();
        return call.orTimeout(timeoutMs, TimeUnit.MILLISECONDS).handle((value, error) -> {
            if (error == null) {
                return value;
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof NoQuorumException || cause instanceof Overloaded || cause instanceof ProposalTooLarge) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof TimeoutException) {
                throw new NoQuorumException("no leader or quorum answered within " + timeoutMs + " ms");
            }
            throw new NoQuorumException("the Raft group could not serve the request: " + cause.getMessage());
        });
    }
}
