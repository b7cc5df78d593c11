package io.warden.raft;

import java.util.function.LongSupplier;

/**
 * The time the leader stamps on log entries. It follows the wall clock at start and then advances
 * with the monotonic clock, so a step of the wall clock (NTP, an operator) on the leader neither
 * expires sessions early nor keeps them late. Clocks of different leaders are reconciled by
 * ExtendSessions when leadership changes.
 */
final class LeaderClock {

    private final long wallAtStartMs;
    private final long monoAtStartNs;
    private final LongSupplier monoNs;

    LeaderClock() {
        this(System::currentTimeMillis, System::nanoTime);
    }

    /** With the clocks given, so a test can step the wall clock and move the monotonic one. */
    LeaderClock(LongSupplier wallMs, LongSupplier monoNs) {
        this.wallAtStartMs = wallMs.getAsLong();
        this.monoAtStartNs = monoNs.getAsLong();
        this.monoNs = monoNs;
    }

    long nowMs() {
        return wallAtStartMs + (monoNs.getAsLong() - monoAtStartNs) / 1_000_000L;
    }
}
