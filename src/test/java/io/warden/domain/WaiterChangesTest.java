package io.warden.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.warden.domain.Command.Acquire;
import io.warden.domain.Command.CancelWait;
import io.warden.domain.Command.DeleteSession;
import io.warden.domain.Command.Release;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An applied entry names the waits it changed, so a node wakes only the requests held for those
 * waiters: with many sessions queued on a hot lock, a release wakes the one it granted, not all of them.
 */
class WaiterChangesTest {

    private final StateDriver d = new StateDriver();
    private long fence;

    @BeforeEach
    void aLockWithThreeWaiters() {
        for (String id : List.of("holder", "w1", "w2", "w3")) {
            d.session(id, 60_000);
        }
        fence = d.grant("L", "holder");
        for (String w : List.of("w1", "w2", "w3")) {
            d.apply(new Acquire("L", w, true, 60_000));
        }
    }

    @Test
    void aReleaseNamesOnlyTheWaiterItGranted() {
        d.apply(new Release("L", "holder", fence));

        assertEquals(Set.of(new WaiterChange("L", "w1")), d.changes().waiters());
    }

    @Test
    void aWithdrawalNamesOnlyTheWaiterWithdrawn() {
        d.apply(new CancelWait("L", "w2"));

        assertEquals(Set.of(new WaiterChange("L", "w2")), d.changes().waiters());
    }

    @Test
    void aWaitersSessionEndingNamesItsWait() {
        d.apply(new DeleteSession("w3"));

        assertEquals(Set.of(new WaiterChange("L", "w3")), d.changes().waiters());
    }

    @Test
    void theHoldersSessionEndingNamesItAndTheWaiterItPassesTo() {
        d.apply(new DeleteSession("holder"));

        assertEquals(Set.of(new WaiterChange("L", "holder"), new WaiterChange("L", "w1")), d.changes().waiters());
    }
}
