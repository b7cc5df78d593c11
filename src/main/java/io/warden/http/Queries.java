package io.warden.http;

import io.warden.config.WardenConfig;

import java.time.Duration;

/** Query parameters that are numbers or durations: an index to wait past, a term to check, a wait. */
final class Queries {

    private Queries() {
    }

    /** A blocking query's {@code ?wait=}: the setting's default when absent, at most its maximum. */
    static long waitMs(String wait, WardenConfig.Group limits) {
        return wait == null ? limits.defaultWait().toMillis()
                : Durations.parseMs("wait", wait, Duration.ZERO, limits.maxWait());
    }

    /** {@code text} as a number of at least 0, or 400 naming {@code field}. */
    static long nonNegative(String field, String text) {
        try {
            long value = Long.parseLong(text);
            if (value < 0) {
                throw ProblemException.invalid(field, "must not be negative");
            }
            return value;
        } catch (NumberFormatException e) {
            throw ProblemException.invalid(field, "must be an integer");
        }
    }
}
