package io.warden.http;

import java.util.regex.Pattern;

/** Names of locks, groups, members and sessions: 1–200 characters from {@code A-Z a-z 0-9 . _ : -}. */
public final class Names {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._:-]{1,200}");

    private Names() {
    }

    public static String require(String field, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw ProblemException.invalid(field, "must be 1-200 characters from A-Z a-z 0-9 . _ : -");
        }
        return value;
    }
}
