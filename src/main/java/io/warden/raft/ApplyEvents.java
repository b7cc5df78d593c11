package io.warden.raft;

import io.warden.domain.Applied;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * What this node applies, told to whoever waits for it: lock waiters and blocking queries through
 * {@link Signals}, metrics through listeners. Waiters wake on one notifier thread, in apply order, so
 * their code never delays the applier.
 */
@ApplicationScoped
public class ApplyEvents {

    private final Signals waiterSignals = new Signals();
    private final Signals groupSignals = new Signals();
    private final Signals candidacySignals = new Signals();
    private final Signals electionSignals = new Signals();
    private final List<Consumer<Applied>> listeners = new CopyOnWriteArrayList<>();
    private volatile ExecutorService notifier;

    synchronized void start() {
        if (notifier == null) {
            notifier = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "warden-notify");
                t.setDaemon(true);
                return t;
            });
        }
    }

    synchronized void stop() {
        if (notifier != null) {
            notifier.shutdownNow();
            notifier = null;
        }
    }

    Executor executor() {
        ExecutorService n = notifier;
        if (n == null) {
            throw new NoQuorumException("this node's Raft server is not running");
        }
        return n;
    }

    void onApplied(Applied applied) {
        var changes = applied.changes();
        if (!changes.waiters().isEmpty() || !changes.groups().isEmpty() || !changes.elections().isEmpty()) {
            executor().execute(() -> {
                changes.waiters().forEach(w -> waiterSignals.fire(waiterKey(w.lock(), w.sessionId())));
                changes.groups().forEach(groupSignals::fire);
                changes.candidacies().forEach(c -> candidacySignals.fire(waiterKey(c.lock(), c.sessionId())));
                changes.elections().forEach(electionSignals::fire);
            });
        }
        for (Consumer<Applied> listener : listeners) {
            listener.accept(applied);
        }
    }

    /** A snapshot from the leader replaced the state; no change list exists for it, so everyone re-checks. */
    void onReloaded() {
        executor().execute(() -> {
            waiterSignals.fireAll();
            groupSignals.fireAll();
            candidacySignals.fireAll();
            electionSignals.fireAll();
        });
    }

    /**
     * Wake-ups of one waiter, keyed by {@link #waiterKey}: a release wakes only the waiter it granted,
     * not every request queued on the lock.
     */
    public Signals waiterSignals() {
        return waiterSignals;
    }

    public static String waiterKey(String lock, String sessionId) {
        // Names never hold a NUL, so the pair is unambiguous.
        return lock + '\u0000' + sessionId;
    }

    public Signals groupSignals() {
        return groupSignals;
    }

    /** Wake-ups of one campaign, keyed by {@link #waiterKey} of the election and the session. */
    public Signals candidacySignals() {
        return candidacySignals;
    }

    /** Wake-ups of blocking queries on an election, keyed by its name. */
    public Signals electionSignals() {
        return electionSignals;
    }

    public void addApplyListener(Consumer<Applied> listener) {
        listeners.add(listener);
    }
}
