package io.warden.domain.lock;

import java.util.List;

/** A read-only copy of one lock; {@code holder} and {@code fence} are null when it is free. */
public record LockView(String name, String holder, Long fence, List<String> waiters) {

    public LockView {
        waiters = List.copyOf(waiters);
    }

    public static LockView free(String name) {
        return new LockView(name, null, null, List.of());
    }
}
