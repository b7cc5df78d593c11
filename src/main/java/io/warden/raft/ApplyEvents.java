package io.warden.raft;

import io.warden.config.WardenConfig;
import io.warden.domain.Applied;
import io.warden.domain.watch.EventHistory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * What this node applies, told to whoever waits for it: lock waiters and blocking queries through
 * {@link Signals}, watches through the {@link EventHistory} it appends every entry's events to, metrics
 * through listeners. Waiters wake on one notifier thread, in apply order, so their code never delays the
 * applier. The history lives here, not with the watches, so no applied entry can precede its reader.
 */
@ApplicationScoped
public class ApplyEvents {

    @Inject
    WardenConfig config;

    private final Signals waiterSignals = new Signals();
    private final Signals groupSignals = new Signals();
    private final Signals candidacySignals = new Signals();
    private final Signals electionSignals = new Signals();
    private final List<Consumer<Applied>> listeners = new CopyOnWriteArrayList<>();
    private final List<LongConsumer> loadListeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> eventListeners = new CopyOnWriteArrayList<>();
    private volatile ExecutorService notifier;
    private volatile EventHistory history;

    synchronized void start() {
        history();
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
        history().append(applied.logIndex(), changes.events(), System.currentTimeMillis());
        if (!changes.events().isEmpty()) {
            eventListeners.forEach(Runnable::run);
        }
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

    /**
     * The state was loaded at {@code index}: from this node's snapshot at start, or from one the leader
     * sent. No change list exists for it, so everyone re-checks, and what kept a history starts anew.
     */
    void onLoaded(long index) {
        history().reset(index);
        eventListeners.forEach(Runnable::run);
        for (LongConsumer listener : loadListeners) {
            listener.accept(index);
        }
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

    /** This node's recent events, the one source of every watch stream. */
    public EventHistory history() {
        EventHistory h = history;
        if (h == null) {
            synchronized (this) {
                if (history == null) {
                    WardenConfig.Watch watch = config.watch();
                    history = new EventHistory(watch.historyEvents(), watch.historyAge().toMillis(),
                            Math.max(watch.historyEvents(), watch.historyMaxEvents()));
                }
                h = history;
            }
        }
        return h;
    }

    /** Told, on the applier's thread, that the history changed: it must only hand the news on. */
    public void addEventListener(Runnable listener) {
        eventListeners.add(listener);
    }

    /** Told the index of every state load; it runs before any entry after that index is applied. */
    public void addLoadListener(LongConsumer listener) {
        loadListeners.add(listener);
    }
}
