package io.warden.domain.lock;

/**
 * The one counter every fence comes from: lock grants and election wins draw from it, so a fence (or
 * an election's term) is unique and strictly increasing across all of them, in log order.
 */
public final class FenceCounter {

    private long last;

    public long next() {
        return ++last;
    }

    public long last() {
        return last;
    }

    public void restore(long fence) {
        last = fence;
    }
}
