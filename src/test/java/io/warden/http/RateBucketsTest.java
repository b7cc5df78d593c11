package io.warden.http;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Token buckets on a clock the test sets: a burst, a refill at the rate, one bucket per key, bounded keys. */
class RateBucketsTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aBurstOfTheRatePassesThenRequestsPassAtTheRate() {
        RateBuckets buckets = new RateBuckets(10, 100);
        long t = 5 * SECOND;
        int passed = 0;
        for (int i = 0; i < 50; i++) {
            passed += buckets.take("a", t) ? 1 : 0;
        }
        assertEquals(10, passed, "the burst");
        assertFalse(buckets.take("a", t + SECOND / 20), "half a token refilled is not one");
        assertTrue(buckets.take("a", t + SECOND / 10), "one token after a tenth of a second");
        int later = 0;
        for (int i = 0; i < 50; i++) {
            later += buckets.take("a", t + 2 * SECOND) ? 1 : 0;
        }
        assertEquals(10, later, "refilled to the burst, never above it");
    }

    @Test
    void eachKeyHasItsOwnBucket() {
        RateBuckets buckets = new RateBuckets(2, 100);
        long t = SECOND;
        assertTrue(buckets.take("flood", t));
        assertTrue(buckets.take("flood", t));
        assertFalse(buckets.take("flood", t));
        assertTrue(buckets.take("quiet", t), "another caller is not starved by the flood");
    }

    @Test
    void theTableStaysBoundedDroppingIdleCallersFirst() {
        RateBuckets buckets = new RateBuckets(1, 3);
        long t = SECOND;
        assertTrue(buckets.take("a", t));
        assertTrue(buckets.take("b", t));
        assertTrue(buckets.take("c", t));
        assertFalse(buckets.take("d", t), "every bucket in use: a new key is refused, the table does not grow");
        assertEquals(3, buckets.size());
        assertTrue(buckets.take("d", t + 2 * SECOND), "once the others are idle (full) they are dropped");
        assertEquals(1, buckets.size());
    }
}
