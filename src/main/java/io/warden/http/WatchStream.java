package io.warden.http;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.warden.domain.watch.EventHistory;
import io.warden.domain.watch.EventId;
import io.warden.domain.watch.WatchFilter;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One open watch: a cursor into the node's history, moved forward only by what it has written. All its
 * work runs on its connection's event loop, a bounded scan at a time; it writes no more while the
 * connection's write queue is full, and a reader too slow to keep up with the history is told
 * {@code compacted} and closed, so a slow client costs a cursor, not memory.
 */
final class WatchStream {

    /** Matching events written per history read, and events looked at per read. */
    private static final int BATCH = 256;
    private static final int SCAN = 4096;
    /** Reads per turn on the event loop before it lets other connections run. */
    private static final int READS_PER_TURN = 4;

    private final WatchHub hub;
    private final Vertx vertx;
    private final Context context;
    private final HttpServerResponse response;
    private final WatchFilter filter;
    private final long progressNanos;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private EventId cursor;
    private long lastWriteNanos;
    private long timer = -1;
    private boolean closed;
    /** Waiting for the connection's write queue to drain; what is unsent lies after the cursor. */
    private boolean draining;
    /** Hides other tokens' session ids from this stream's caller. */
    private final SessionMask mask;

    WatchStream(WatchHub hub, Vertx vertx, HttpServerResponse response, WatchFilter filter, EventId after,
                SessionMask mask, long progressMs) {
        this.mask = mask;
        this.hub = hub;
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.response = response;
        this.filter = filter;
        this.cursor = after;
        this.progressNanos = progressMs * 1_000_000L;
    }

    /** Sends the head and whatever the history already holds after the start point; runs on the event loop. */
    void open() {
        response.setChunked(true)
                .putHeader("Content-Type", "text/event-stream")
                .putHeader("Cache-Control", "no-cache")
                .putHeader(Indexed.HEADER, Long.toString(cursor.index()));
        response.closeHandler(v -> close());
        response.exceptionHandler(e -> close());
        // A comment line sends the head at once, so a client knows the watch is open before any event.
        response.write(": watching after " + cursor + "\n\n");
        lastWriteNanos = System.nanoTime();
        timer = vertx.setPeriodic(Math.max(1, progressNanos / 2_000_000L), id -> tick());
        pump();
    }

    /** New events may match; safe from any thread, and many calls before the pump runs cost one pump. */
    void wake() {
        if (scheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> {
                scheduled.set(false);
                pump();
            });
        }
    }

    private void pump() {
        for (int reads = 0; !closed; reads++) {
            if (response.writeQueueFull()) {
                draining = true;
                response.drainHandler(v -> {
                    draining = false;
                    wake();
                });
                return;
            }
            if (reads == READS_PER_TURN) {
                wake();
                return;
            }
            EventHistory.Read read = hub.history().read(cursor, filter, BATCH, SCAN);
            Buffer out = Buffer.buffer();
            if (read.compacted()) {
                WatchEventJson.compacted(out, hub.history().floor(), hub.history().newest());
                hub.compacted();
                response.end(out);
                close();
                return;
            }
            read.events().forEach(e -> WatchEventJson.append(out, e, mask));
            cursor = read.cursor();
            if (out.length() > 0) {
                response.write(out);
                lastWriteNanos = System.nanoTime();
                hub.sent(read.events().size());
            }
            if (!read.more()) {
                return;
            }
        }
    }

    private void tick() {
        if (closed || System.nanoTime() - lastWriteNanos < progressNanos) {
            return;
        }
        // Read before the wake flag: the dispatcher woke every stream an event up to it matched before
        // it wrote it, so with no wake pending (and nothing unsent) none of those events is this stream's.
        // The cursor moves there without a scan; a thousand quiet watches cost no reads of the history.
        EventId through = hub.dispatched();
        if (!scheduled.get() && !draining && through.compareTo(cursor) > 0) {
            cursor = through;
        }
        if (!closed && !draining && System.nanoTime() - lastWriteNanos >= progressNanos) {
            Buffer out = Buffer.buffer();
            WatchEventJson.progress(out, cursor);
            response.write(out);
            lastWriteNanos = System.nanoTime();
        }
    }

    void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        hub.closed(this);
    }

    /** Ends the stream from outside (the node shuts down). */
    void end() {
        context.runOnContext(v -> {
            if (!closed) {
                response.end();
                close();
            }
        });
    }
}
