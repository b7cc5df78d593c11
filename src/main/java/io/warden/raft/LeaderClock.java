package io.warden.raft;

/**
 * The time the leader stamps on log entries. It follows the wall clock at start and then advances
 * with the monotonic clock, so an NTP step on the leader neither expires sessions early nor late.
 * Clocks of different leaders are reconciled by ExtendSessions when leadership changes.
 */
final class LeaderClock {

    private final long wallAtStartMs = System.currentTimeMillis();
    private final long monoAtStartNs = System.nanoTime();

    long nowMs() {
        return wallAtStartMs + (System.nanoTime() - monoAtStartNs) / 1_000_000L;
    }
}
