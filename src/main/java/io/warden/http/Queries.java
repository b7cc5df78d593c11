package io.warden.http;

/** Query parameters that are numbers: an index to wait past, a term to check. */
final class Queries {

    private Queries() {
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
