package io.warden.http;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as the README's HTTP API writes them: a whole number with a unit ({@code 250ms}, {@code 15s}, {@code 2m}, {@code 1h}). */
public final class Durations {

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

    private Durations() {
    }

    /** Parses and bounds a duration; any other text is a 400 naming the field. */
    public static long parseMs(String field, String text, Duration min, Duration max) {
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            throw ProblemException.invalid(field, "'" + text + "' is not a duration such as 250ms, 15s, 2m or 1h");
        }
        long amount = Long.parseLong(m.group(1));
        long ms = switch (m.group(2)) {
            case "ms" -> amount;
            case "s" -> amount * 1_000;
            case "m" -> amount * 60_000;
            default -> amount * 3_600_000;
        };
        if (ms < min.toMillis() || ms > max.toMillis()) {
            throw ProblemException.invalid(field, "must be between " + format(min.toMillis()) + " and " + format(max.toMillis()));
        }
        return ms;
    }

    /** The shortest exact form: 15000 -> 15s, 1500 -> 1500ms. */
    public static String format(long ms) {
        if (ms != 0 && ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms != 0 && ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1_000 == 0) {
            return ms / 1_000 + "s";
        }
        return ms + "ms";
    }
}
