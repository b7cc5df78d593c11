package io.warden.process;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * Polls a condition until it holds or a deadline passes. Tests wait for what they need to see,
 * never for a fixed time: a fast machine passes at once, a slow one gets up to the deadline.
 */
public final class Eventually {

    /** Pause between two probes; short enough to react quickly, long enough not to flood a 2-core host. */
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private Eventually() {
    }

    /** Waits until {@code condition} answers true; see {@link #await(Duration, String, Callable)}. */
    public static void await(Duration timeout, Callable<Boolean> condition) {
        await(timeout, "a condition", condition);
    }

    /** Waits until {@code condition} answers true. Exceptions count as "not yet"; an AssertionError fails at once. */
    public static void await(Duration timeout, String what, Callable<Boolean> condition) {
        await(timeout, what, condition, Boolean.TRUE::equals);
    }

    /**
     * Probes until {@code done} accepts the probed value and returns that value. A probe that throws an
     * Exception is retried (a node may be down or electing); one that throws an AssertionError ends the wait.
     */
    public static <T> T await(Duration timeout, String what, Callable<T> probe, Predicate<? super T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        Exception lastError = null;
        while (true) {
            try {
                last = probe.call();
                lastError = null;
                if (done.test(last)) {
                    return last;
                }
            } catch (AssertionError e) {
                throw e;
            } catch (Exception e) {
                lastError = e;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                AssertionError failure = new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for "
                        + what + "; last value: " + last + (lastError == null ? "" : "; last error: " + lastError));
                if (lastError != null) {
                    failure.initCause(lastError);
                }
                throw failure;
            }
            // The poll interval between probes, capped by the deadline; not a wait for the condition itself.
            LockSupport.parkNanos(Math.min(left, POLL_INTERVAL.toNanos()));
        }
    }
}
