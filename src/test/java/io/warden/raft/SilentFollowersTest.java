package io.warden.raft;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SilentFollowersTest {

    private final SilentFollowers silent = new SilentFollowers(2_000);

    @Test
    void aFollowerHeardFromRecentlyIsLeftAlone() {
        assertEquals(List.of(), silent.toReconnect(Map.of("n2", 150L, "n3", 1_999L), 10_000));
    }

    @Test
    void aSilentFollowerIsReconnectedOncePerSilencePeriod() {
        assertEquals(List.of("n3"), silent.toReconnect(Map.of("n2", 100L, "n3", 2_500L), 10_000));
        assertEquals(List.of(), silent.toReconnect(Map.of("n2", 100L, "n3", 3_500L), 11_000));
        assertEquals(List.of("n3"), silent.toReconnect(Map.of("n2", 100L, "n3", 4_500L), 12_000));
    }

    @Test
    void aFollowerThatAnsweredAgainStartsAFreshPeriod() {
        assertEquals(List.of("n3"), silent.toReconnect(Map.of("n3", 2_500L), 10_000));
        assertEquals(List.of(), silent.toReconnect(Map.of("n3", 50L), 10_500));
        assertEquals(List.of("n3"), silent.toReconnect(Map.of("n3", 2_100L), 10_900));
    }

    @Test
    void everySilentFollowerIsReconnectedAndRemovedOnesAreForgotten() {
        assertEquals(List.of("n2", "n3"), silent.toReconnect(Map.of("n2", 9_000L, "n3", 2_000L), 10_000));
        assertEquals(List.of(), silent.toReconnect(Map.of(), 10_100));
        assertEquals(List.of("n2"), silent.toReconnect(Map.of("n2", 9_500L), 10_200));
    }
}
