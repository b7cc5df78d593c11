package io.warden.http;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets by key (a client address, a token id): {@code ratePerSecond} refills per second, up to a
 * burst of the same size. Memory is bounded: at {@code maxKeys} buckets the full ones (idle callers) are
 * dropped, and if every bucket is in use a new key is refused rather than let the table grow.
 */
final class RateBuckets {

    private final double ratePerSecond;
    private final double burst;
    private final int maxKeys;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateBuckets(int ratePerSecond, int maxKeys) {
        this.ratePerSecond = ratePerSecond;
        this.burst = ratePerSecond;
        this.maxKeys = maxKeys;
    }

    private static final class Bucket {
        private double tokens;
        private long lastNanos;

        Bucket(double tokens, long nowNanos) {
            this.tokens = tokens;
            this.lastNanos = nowNanos;
        }

        synchronized boolean take(double rate, double burst, long nowNanos) {
            refill(rate, burst, nowNanos);
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }

        synchronized boolean full(double rate, double burst, long nowNanos) {
            refill(rate, burst, nowNanos);
            return tokens >= burst;
        }

        private void refill(double rate, double burst, long nowNanos) {
            tokens = Math.min(burst, tokens + (nowNanos - lastNanos) * rate / 1e9);
            lastNanos = nowNanos;
        }
    }

    /** Takes one request for {@code key} at {@code nowNanos}; false when its bucket is empty. */
    boolean take(String key, long nowNanos) {
        Bucket bucket = buckets.get(key);
        if (bucket == null) {
            if (buckets.size() >= maxKeys) {
                dropIdle(nowNanos);
                if (buckets.size() >= maxKeys) {
                    return false;
                }
            }
            bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, nowNanos));
        }
        return bucket.take(ratePerSecond, burst, nowNanos);
    }

    private void dropIdle(long nowNanos) {
        for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext(); ) {
            if (it.next().full(ratePerSecond, burst, nowNanos)) {
                it.remove();
            }
        }
    }

    int size() {
        return buckets.size();
    }

    int rate() {
        return (int) ratePerSecond;
    }
}
