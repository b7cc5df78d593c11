package io.warden.raft;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Entry time follows the monotonic clock once started: wall-clock steps on the leader change nothing. */
class LeaderClockTest {

    private final AtomicLong wallMs = new AtomicLong(1_700_000_000_000L);
    private final AtomicLong monoNs = new AtomicLong(5_000_000_000L);
    private final LeaderClock clock = new LeaderClock(wallMs::get, monoNs::get);

    @Test
    void startsAtTheWallClock() {
        assertEquals(1_700_000_000_000L, clock.nowMs());
    }

    @Test
    void aStepBackOfTheWallClockNeitherStopsNorRewindsEntryTime() {
        monoNs.addAndGet(2_000_000_000L);
        wallMs.addAndGet(-3_600_000L); // NTP or an operator sets the clock back an hour
        assertEquals(1_700_000_002_000L, clock.nowMs());
        monoNs.addAndGet(1_000_000_000L);
        assertEquals(1_700_000_003_000L, clock.nowMs(), "time keeps running at the real rate");
    }

    @Test
    void aStepForwardOfTheWallClockExpiresNothingEarly() {
        wallMs.addAndGet(3_600_000L);
        monoNs.addAndGet(500_000_000L);
        assertEquals(1_700_000_000_500L, clock.nowMs());
    }
}
