package io.warden.process;

import java.util.concurrent.TimeUnit;

/** A fault held for a set time (a pause, a cut), not a wait for a condition: those poll with Eventually. */
public final class Pause {

    private Pause() {
    }

    /** Sleeps until {@link System#nanoTime()} reaches {@code nanoTime}; returns early, flagged, if interrupted. */
    public static void until(long nanoTime) {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
