package io.warden.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Pattern;

/** The {@code Idempotency-Key} header and the fingerprint that tells a retry from a different request. */
public final class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,128}");

    private IdempotencyKeys() {
    }

    /** Null when absent; 400 when present but not 1–128 visible ASCII characters. */
    public static String validate(String key) {
        if (key == null) {
            return null;
        }
        if (!KEY.matcher(key).matches()) {
            throw ProblemException.invalid(HEADER, "must be 1-128 visible ASCII characters");
        }
        return key;
    }

    /** Method, path and body, hashed: a retry must repeat all three to get the first answer. */
    public static String fingerprint(String key, String method, String path, String body) {
        if (key == null) {
            return null;
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((method + " " + path + "\n").getBytes(StandardCharsets.UTF_8));
            sha.update((body == null ? "" : body.strip()).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sha.digest()).substring(0, 22);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
