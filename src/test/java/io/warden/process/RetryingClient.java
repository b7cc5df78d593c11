package io.warden.process;

import io.warden.process.Http.Reply;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * A client as the README tells users to write one: each logical operation gets one Idempotency-Key and
 * is sent to any running node; a 503 or a connection error is retried with the same key on a (preferably
 * different) node, within a bounded number of attempts and time. It counts what it did, for the report.
 */
public final class RetryingClient {

    /** One attempt of an operation against a node's base URL, carrying the operation's key. */
    @FunctionalInterface
    public interface Request {
        Reply send(String baseUrl, String idempotencyKey);
    }

    /**
     * How a logical operation ended: its final reply (null when the retry budget ran out), when its first
     * attempt was sent and when the final reply arrived (System.nanoTime), and how many attempts it took.
     */
    public record Outcome(Reply reply, long firstSentNanos, long receivedNanos, int attempts, String lastFailure) {
        public boolean gaveUp() {
            return reply == null;
        }

        public int status() {
            return reply == null ? -1 : reply.status();
        }

        @Override
        public String toString() {
            return reply == null ? "gave up after " + attempts + " attempts; last: " + lastFailure
                    : reply + " after " + attempts + " attempt(s)";
        }
    }

    /** Between two attempts: long enough not to spin on a node that is down, short enough to notice it is back. */
    private static final long PAUSE_NANOS = Duration.ofMillis(100).toNanos();
    private static final int KEPT_FAILURES = 20;

    private final Supplier<List<WardenProcess>> nodes;
    private final int maxAttempts;
    private final Duration budget;

    final LongAdder operations = new LongAdder();
    final LongAdder requestsSent = new LongAdder();
    final LongAdder failedAttempts = new LongAdder();
    final LongAdder retriedOperations = new LongAdder();
    final LongAdder gaveUp = new LongAdder();
    /** The first few failed attempts, to show in a report what the retries were about. */
    public final Queue<String> failureSamples = new ConcurrentLinkedQueue<>();

    public RetryingClient(Supplier<List<WardenProcess>> nodes, int maxAttempts, Duration budget) {
        this.nodes = nodes;
        this.maxAttempts = maxAttempts;
        this.budget = budget;
    }

    public Outcome call(Request request) {
        String key = UUID.randomUUID().toString();
        operations.increment();
        long first = System.nanoTime();
        long deadline = first + budget.toNanos();
        String lastNode = null;
        String lastFailure = null;
        int attempt = 0;
        while (attempt < maxAttempts && (attempt == 0 || System.nanoTime() < deadline)) {
            attempt++;
            if (attempt == 2) {
                retriedOperations.increment();
            }
            WardenProcess target = pick(lastNode);
            if (target == null) {
                lastFailure = "no node running";
                failedAttempts.increment();
                LockSupport.parkNanos(PAUSE_NANOS); // a pause between attempts, not a wait for a condition
                continue;
            }
            requestsSent.increment();
            try {
                Reply reply = request.send(target.baseUrl(), key);
                if (reply.status() != 503) {
                    return new Outcome(reply, first, System.nanoTime(), attempt, lastFailure);
                }
                lastFailure = target.nodeId() + " answered " + reply;
            } catch (UncheckedIOException e) {
                lastFailure = target.nodeId() + ": " + e.getMessage();
            }
            failedAttempts.increment();
            if (failureSamples.size() < KEPT_FAILURES) {
                failureSamples.add(lastFailure);
            }
            lastNode = target.nodeId();
            LockSupport.parkNanos(PAUSE_NANOS); // a pause between attempts, not a wait for a condition
        }
        gaveUp.increment();
        return new Outcome(null, first, System.nanoTime(), attempt, lastFailure);
    }

    /** A random running node, other than the one that just failed when there is a choice. */
    private WardenProcess pick(String avoid) {
        List<WardenProcess> up = nodes.get().stream().filter(WardenProcess::isAlive).toList();
        if (up.isEmpty()) {
            return null;
        }
        List<WardenProcess> preferred = up.stream().filter(n -> !n.nodeId().equals(avoid)).toList();
        List<WardenProcess> from = preferred.isEmpty() ? up : preferred;
        return from.get(ThreadLocalRandom.current().nextInt(from.size()));
    }

    public String counts() {
        return String.format("operations=%d requestsSent=%d failedAttempts=%d retriedOperations=%d gaveUp=%d",
                operations.sum(), requestsSent.sum(), failedAttempts.sum(), retriedOperations.sum(), gaveUp.sum());
    }
}
