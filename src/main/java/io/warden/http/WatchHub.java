package io.warden.http;

import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.warden.config.WardenConfig;
import io.warden.domain.watch.EventHistory;
import io.warden.domain.watch.EventId;
import io.warden.domain.watch.FilterIndex;
import io.warden.domain.watch.WatchFilter;
import io.warden.raft.ApplyEvents;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The open watches of this node and what wakes them. The applier only appends to the history and raises
 * a flag; one dispatcher thread reads the new events once and wakes just the streams they match, found
 * through a {@link FilterIndex}, so a thousand watches on other names cost the write path one flag and
 * the dispatcher a few map lookups per event.
 */
@ApplicationScoped
public class WatchHub {

    @Inject
    ApplyEvents events;

    @Inject
    WardenConfig config;

    @Inject
    Vertx vertx;

    /** The open streams by filter; guarded by itself: streams open and close on event loops, the dispatcher reads it. */
    private final FilterIndex<WatchStream> index = new FilterIndex<>();
    /** The index's size, readable without its lock: the applier asks it after every entry. */
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicBoolean dispatchPending = new AtomicBoolean();
    private final LongAdder sent = new LongAdder();
    private final LongAdder compacted = new LongAdder();
    private ExecutorService dispatcher;
    /**
     * The dispatcher's own cursor: every event up to it was matched and its streams woken before this
     * was written, so a stream with no wake pending has nothing to read up to here.
     */
    private volatile EventId dispatched;

    @PostConstruct
    void init() {
        dispatcher = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "warden-watch");
            t.setDaemon(true);
            return t;
        });
        dispatched = history().newest();
        events.addEventListener(this::onNewEvents);
    }

    void stop(@Observes ShutdownEvent event) {
        streams().forEach(WatchStream::end);
        dispatcher.shutdownNow();
    }

    EventHistory history() {
        return events.history();
    }

    /** Opens a stream on the calling event loop, or answers why not. */
    void open(HttpServerResponse response, WatchFilter filter, EventId after, SessionMask mask) {
        int limit = config.watch().maxStreams();
        WatchStream stream = new WatchStream(this, vertx, response, filter, after, mask,
                config.watch().progressInterval().toMillis());
        synchronized (index) {
            if (index.size() >= limit) {
                throw new ProblemException(ProblemType.LIMIT, "this node serves at most " + limit
                        + " watches at once (warden.watch.max-streams); retry later or on another node");
            }
            index.add(stream, filter);
            open.set(index.size());
        }
        stream.open();
    }

    private void onNewEvents() {
        if (openStreams() > 0 && dispatchPending.compareAndSet(false, true)) {
            dispatcher.execute(this::dispatch);
        }
    }

    private void dispatch() {
        dispatchPending.set(false);
        // The newest point is read before the emptiness check: a stream added after the check reads the
        // history after this point was appended, so skipping to it can hide nothing from that stream.
        EventId newest = history().newest();
        if (openStreams() == 0) {
            dispatched = newest;
            return;
        }
        while (true) {
            EventHistory.Read read = history().read(dispatched, WatchFilter.ALL, 4096, 4096);
            if (read.compacted()) {
                // The history was reloaded or raced past: every stream finds out for itself.
                dispatched = history().floor();
                streams().forEach(WatchStream::wake);
                continue;
            }
            synchronized (index) {
                for (EventHistory.Stamped stamped : read.events()) {
                    index.matching(stamped.event(), WatchStream::wake);
                }
            }
            dispatched = read.cursor();
            if (!read.more()) {
                return;
            }
        }
    }

    EventId dispatched() {
        return dispatched;
    }

    void closed(WatchStream stream) {
        synchronized (index) {
            index.remove(stream);
            open.set(index.size());
        }
    }

    private List<WatchStream> streams() {
        synchronized (index) {
            return index.watchers();
        }
    }

    void sent(int count) {
        sent.add(count);
    }

    void compacted() {
        compacted.increment();
    }

    public int openStreams() {
        return open.get();
    }

    public long eventsSent() {
        return sent.sum();
    }

    public long compactedStreams() {
        return compacted.sum();
    }
}
