package io.warden.http;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Polls a check until it passes or a deadline runs out, so tests wait for events instead of fixed times.
 * Checks should assert with JUnit rather than RestAssured's then(): Quarkus logs every failed then(), and a
 * poll is expected to fail until the event happens.
 */
final class Eventually {

    /** Short enough to keep the suite fast, long enough not to flood the node with reads. */
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    @FunctionalInterface
    interface Check {
        void run() throws Exception;
    }

    private Eventually() {
    }

    /** Runs {@code check} until it throws no AssertionError; after {@code timeout}, rethrows the last one. */
    static void within(Duration timeout, Check check) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                check.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError("still failing after " + timeout.toMillis() + " ms: " + e.getMessage(), e);
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }
}
