package io.warden.http;

/**
 * {@code ?limit=&after=} of a list endpoint: at most {@code limit} items (1–1000, default 1000) in key
 * order, starting after the key {@code after}; an answer with more to come names the key to ask
 * {@code after} next in {@code "next"}.
 */
record Paging(String after, int limit) {

    static final int MAX_LIMIT = 1000;

    static Paging parse(String limit, String after) {
        int n = MAX_LIMIT;
        if (limit != null) {
            try {
                n = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                throw ProblemException.invalid("limit", "must be an integer from 1 to " + MAX_LIMIT);
            }
            if (n < 1 || n > MAX_LIMIT) {
                throw ProblemException.invalid("limit", "must be an integer from 1 to " + MAX_LIMIT);
            }
        }
        if (after != null && after.length() > 200) {
            throw ProblemException.invalid("after", "must be at most 200 characters, the 'next' of an earlier page");
        }
        return new Paging(after == null || after.isEmpty() ? null : after, n);
    }
}
