package io.warden.faults;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the clients of a fault campaign saw, with times from {@link System#nanoTime()}: the first attempt's
 * send and the final answer's arrival of each logical operation (retries included), so an operation is
 * known to have taken effect somewhere in between. {@link HistoryChecker} judges it.
 */
final class History {

    /**
     * A lock held by a session. {@code releaseStatus} 200 means the session still held it when the release
     * was applied; {@code refused} that the fenced resource turned down a write made under this grant.
     */
    record Grant(String lock, String session, long fence, long acquireSent, long acquireReceived, long releaseSent,
                 int releaseStatus, boolean refused) {}

    /** A lock the durable session acquired and never releases: an acknowledged write that must last. */
    record Marker(String lock, long fence, long acquireSent, long acquireReceived) {}

    /** A linearizable read of a marker acknowledged before the read was sent; holder and fence as answered. */
    record Read(Marker marker, long sent, long received, int status, String holder, Long fence) {}

    /** A session found gone (404, or its lock no longer its own) by an answer that arrived at {@code received}. */
    record Gone(String session, long received, String how) {}

    /** A session created under an Idempotency-Key (retried with it); {@code id} is set when answered 201. */
    record Create(String name, long sent, int status, String id) {}

    final Queue<Grant> grants = new ConcurrentLinkedQueue<>();
    final Queue<Marker> markers = new ConcurrentLinkedQueue<>();
    final Queue<Read> reads = new ConcurrentLinkedQueue<>();
    final Queue<Gone> gone = new ConcurrentLinkedQueue<>();
    final Queue<Create> creates = new ConcurrentLinkedQueue<>();
    /** Per session, when each acknowledged renewal (its creation, each keepalive answered 200) was sent. */
    final Map<String, Queue<Long>> renewals = new ConcurrentHashMap<>();
    private final AtomicReference<Marker> latest = new AtomicReference<>();

    void renewed(String session, long sentNanos) {
        renewals.computeIfAbsent(session, s -> new ConcurrentLinkedQueue<>()).add(sentNanos);
    }

    void marker(Marker m) {
        markers.add(m);
        latest.accumulateAndGet(m, (a, b) -> a == null || b.acquireReceived() > a.acquireReceived() ? b : a);
    }

    /** The marker acknowledged last so far, or null: a read sent after this call must see it. */
    Marker latestMarker() {
        return latest.get();
    }

    List<Long> renewalsOf(String session) {
        Queue<Long> q = renewals.get(session);
        return q == null ? List.of() : List.copyOf(q);
    }
}
