package io.warden.faults;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Makes random and mutated HTTP requests for Warden's API from a seed: real paths with valid, random and
 * hostile segments, known and unknown query parameters, bodies that start valid and get broken (wrong
 * types, missing or extra fields, huge numbers, deep nesting, bad UTF-8, truncation), odd methods and
 * headers, and now and then a request over a limit of the HTTP layer (URI, header, body size).
 * Session ids the server handed out are fed back, so requests also reach past validation.
 */
final class RequestFuzzer {

    /**
     * One request: its bytes, and whether it is a HEAD (no body in the answer) or not HTTP at all (a
     * request line the codec cannot split, answered by the codec itself, not the application).
     */
    record Request(String method, String target, byte[] bytes, boolean notHttp) {
        boolean head() {
            return method.equals("HEAD");
        }
    }

    private static final String[] METHODS = {"GET", "GET", "GET", "POST", "POST", "POST", "POST", "PUT", "PUT",
            "DELETE", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "FOO"};
    private static final String[] TEMPLATES = {
            "/v1/sessions", "/v1/sessions/{s}", "/v1/sessions/{s}/keepalive", "/v1/locks", "/v1/locks/{n}",
            "/v1/locks/{n}/acquire", "/v1/locks/{n}/release", "/v1/groups", "/v1/groups/{n}",
            "/v1/groups/{n}/members/{n}", "/v1/cluster", "/v1/cluster/peers", "/v1/cluster/peers/{n}",
            "/v1/cluster/leader", "/v1/cluster/snapshot", "/q/health", "/q/health/ready", "/q/health/live",
            "/v1/{n}", "/{n}", "/v2/sessions", "/v1/locks/{n}/{n}", "/v1//locks", "/v1/sessions/{s}/{n}",
            "/v1/groups/{n}/ring", "/v1/elections", "/v1/elections/{n}", "/v1/elections/{n}/campaign",
            "/v1/elections/{n}/proclaim", "/v1/elections/{n}/resign"};
    private static final String[] PARAMS = {"fence", "wait", "index", "stale", "limit", "after", "prefix", "ttl",
            "session", "name", "key", "replicas", "term"};
    private static final String[] FIELDS = {"session", "ttl", "name", "wait", "fence", "address", "metadata", "id",
            "weight", "value", "term"};
    private static final String[] HOSTILE = {"", "..", "%2e%2e", "%00", "%ff%fe", "%", "%zz", "a%2Fb", "\u00e9t\u00e9",
            "\uD83D\uDD12", "*", "a b", "<script>", "';--", "null", "-1", "9223372036854775808", "{}", "[]", "\\",
            "CON", "a;b", "a?b", "a#b"};

    private final Random random;
    private final List<String> sessions = new ArrayList<>();

    RequestFuzzer(long seed) {
        this.random = new Random(seed);
    }

    /** Feeds back a session id the server created, so later requests can use it. */
    void learnSession(String id) {
        if (sessions.size() < 64) {
            sessions.add(id);
        } else {
            sessions.set(random.nextInt(sessions.size()), id);
        }
    }

    Request next() {
        String method = pick(METHODS);
        String target = validUri(path()) + validUri(query());
        boolean notHttp = false;
        if (random.nextInt(500) == 0) {
            // Not a URI (a space splits the request line; RFC 3986 excludes the others): the HTTP codec answers.
            target = "/v1/locks/" + pick(new String[] {"a b", "[]", "{x}", "a\\b", "%zz", "<p>", "a|b", "%"});
            notHttp = true;
        }
        byte[] body = random.nextInt(10) < 7 || method.equals("POST") || method.equals("PUT") ? body() : new byte[0];
        if (random.nextInt(20_000) == 0) {
            body = new byte[1024 * 1024 + 1 + random.nextInt(1024)]; // over the body limit
        }
        if (random.nextInt(5_000) == 0) {
            target = "/v1/locks/" + "x".repeat(8192 + random.nextInt(4096)); // over Warden's URI limit
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder head = new StringBuilder();
        head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        head.append("Host: 127.0.0.1\r\n");
        switch (random.nextInt(6)) {
            case 0 -> head.append("Content-Type: application/json\r\n");
            case 1 -> head.append("Content-Type: text/plain\r\n");
            case 2 -> head.append("Content-Type: application/json; charset=latin1\r\n");
            case 3 -> head.append("Content-Type: ").append(garbage(20)).append("\r\n");
            default -> { }
        }
        switch (random.nextInt(8)) {
            case 0 -> head.append("Idempotency-Key: ").append(UUID.randomUUID()).append("\r\n");
            case 1 -> head.append("Idempotency-Key: ").append(garbage(40)).append("\r\n");
            case 2 -> head.append("Idempotency-Key: ").append("k".repeat(300 + random.nextInt(2000))).append("\r\n");
            case 3 -> head.append("Accept: ").append(random.nextBoolean() ? "application/xml" : garbage(10)).append("\r\n");
            default -> { }
        }
        if (random.nextInt(5_000) == 0) {
            head.append("X-Big: ").append("h".repeat(20_000 + random.nextInt(10_000))).append("\r\n"); // over Warden's header limit
        }
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        out.writeBytes(body);
        return new Request(method, target, out.toByteArray(), notHttp);
    }

    private static final String[] WATCH_PARAMS = {"prefix", "types", "session", "from", "from", "types", "index", "wait"};
    private static final String[] WATCH_TYPES = {"lock", "member", "election", "session", "locks", "", "LOCK", "*"};

    /**
     * A request for {@code /v1/watch}: mostly a GET, with random filters (prefix, types, session, from)
     * and resume headers (Last-Event-ID) and Accept values, valid and not. A stream it opens is never
     * read to its end, so the caller reads only the head.
     */
    Request nextWatch() {
        String method = random.nextInt(8) == 0 ? pick(METHODS) : "GET";
        StringBuilder query = new StringBuilder();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            String param = random.nextInt(8) == 0 ? percentEncoded(garbage(4)) : pick(WATCH_PARAMS);
            query.append(i == 0 ? '?' : '&').append(param).append('=').append(watchValue(param));
        }
        StringBuilder head = new StringBuilder();
        head.append(method).append(' ').append(validUri("/v1/watch" + query)).append(" HTTP/1.1\r\n");
        head.append("Host: 127.0.0.1\r\n");
        switch (random.nextInt(6)) {
            case 0 -> head.append("Accept: text/event-stream\r\n");
            case 1 -> head.append("Accept: application/json\r\n");
            case 2 -> head.append("Accept: ").append(garbage(12)).append("\r\n");
            case 3 -> head.append("Accept: text/*;q=0.5, application/xml\r\n");
            default -> { }
        }
        switch (random.nextInt(6)) {
            case 0 -> head.append("Last-Event-ID: ").append(random.nextInt(500)).append('.').append(random.nextInt(4)).append("\r\n");
            case 1 -> head.append("Last-Event-ID: ").append(random.nextLong()).append("\r\n");
            case 2 -> head.append("Last-Event-ID: ").append(garbage(16)).append("\r\n");
            case 3 -> head.append("Last-Event-ID: ").append("9".repeat(1 + random.nextInt(40))).append(".-1\r\n");
            default -> { }
        }
        head.append("Content-Length: 0\r\n\r\n");
        return new Request(method, "/v1/watch" + query, head.toString().getBytes(StandardCharsets.UTF_8), false);
    }

    private String watchValue(String param) {
        return switch (param) {
            case "types" -> {
                StringBuilder types = new StringBuilder();
                int k = 1 + random.nextInt(3);
                for (int i = 0; i < k; i++) {
                    types.append(i > 0 ? "," : "").append(random.nextInt(6) == 0 ? percentEncoded(garbage(5)) : pick(WATCH_TYPES));
                }
                yield types.toString();
            }
            case "session" -> sessionSegment();
            case "prefix" -> nameSegment();
            default -> value();
        };
    }

    private String path() {
        String template = pick(TEMPLATES);
        StringBuilder path = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            if (template.startsWith("{s}", i)) {
                path.append(sessionSegment());
                i += 3;
            } else if (template.startsWith("{n}", i)) {
                path.append(nameSegment());
                i += 3;
            } else {
                path.append(template.charAt(i++));
            }
        }
        return path.toString();
    }

    private String sessionSegment() {
        int r = random.nextInt(10);
        if (r < 5 && !sessions.isEmpty()) {
            return sessions.get(random.nextInt(sessions.size()));
        }
        return r < 7 ? UUID.randomUUID().toString() : nameSegment();
    }

    private String nameSegment() {
        return switch (random.nextInt(6)) {
            case 0, 1 -> "n" + random.nextInt(8);
            case 2 -> pick(HOSTILE);
            case 3 -> percentEncoded(garbage(1 + random.nextInt(30)));
            case 4 -> "a".repeat(1 + random.nextInt(600));
            default -> "jobs/" + random.nextInt(4);
        };
    }

    private String query() {
        int n = random.nextInt(4);
        if (n == 0) {
            return "";
        }
        StringBuilder q = new StringBuilder("?");
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                q.append('&');
            }
            q.append(random.nextInt(5) == 0 ? percentEncoded(garbage(5)) : pick(PARAMS)).append('=').append(value());
        }
        return q.toString();
    }

    private String value() {
        return switch (random.nextInt(8)) {
            case 0 -> Long.toString(random.nextLong());
            case 1 -> Integer.toString(random.nextInt(100));
            case 2 -> random.nextInt(120) + (random.nextBoolean() ? "s" : "ms");
            case 3 -> pick(new String[] {"true", "false", "", "1e999", "-0", "PT5S", "5m", "1h", "99999999999d"});
            case 4 -> percentEncoded(garbage(1 + random.nextInt(20)));
            case 5 -> sessions.isEmpty() ? "x" : sessions.get(random.nextInt(sessions.size()));
            default -> pick(HOSTILE);
        };
    }

    private byte[] body() {
        if (random.nextInt(12) == 0) {
            byte[] raw = new byte[random.nextInt(200)];
            random.nextBytes(raw); // not JSON, maybe not UTF-8
            return raw;
        }
        String json = object(0);
        return mutate(json).getBytes(StandardCharsets.UTF_8);
    }

    private String object(int depth) {
        StringBuilder o = new StringBuilder("{");
        int fields = random.nextInt(5);
        for (int i = 0; i < fields; i++) {
            if (i > 0) {
                o.append(',');
            }
            String field = random.nextInt(8) == 0 ? garbage(6) : pick(FIELDS);
            o.append('"').append(jsonEscape(field)).append("\":").append(jsonValue(field, depth));
        }
        return o.append('}').toString();
    }

    private String jsonValue(String field, int depth) {
        int r = random.nextInt(12);
        if (r < 5) {
            return switch (field) {
                case "session" -> '"' + sessionSegment() + '"';
                case "ttl", "wait" -> '"' + (random.nextInt(3) == 0 ? value() : random.nextInt(90) + "s") + '"';
                case "fence", "term", "weight" -> Long.toString(random.nextInt(5) == 0 ? random.nextLong() : random.nextInt(50));
                case "address" -> '"' + "127.0.0.1:" + random.nextInt(70_000) + '"';
                case "metadata" -> depth < 3 ? object(depth + 1) : "{}";
                default -> '"' + jsonEscape(nameSegment()) + '"';
            };
        }
        return switch (r) {
            case 5 -> Long.toString(random.nextLong());
            case 6 -> "1e" + random.nextInt(400);
            case 7 -> random.nextBoolean() ? "true" : "null";
            case 8 -> "[" + (depth < 3 ? jsonValue(field, depth + 1) : "") + "]";
            case 9 -> depth < 3 ? object(depth + 1) : "{}";
            case 10 -> "[".repeat(random.nextInt(2_000)) ; // deep or unbalanced nesting
            default -> '"' + jsonEscape(garbage(random.nextInt(50))) + '"';
        };
    }

    private String mutate(String json) {
        if (json.isEmpty() || random.nextInt(3) != 0) {
            return json;
        }
        StringBuilder s = new StringBuilder(json);
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits && s.length() > 0; i++) {
            int at = random.nextInt(s.length());
            switch (random.nextInt(4)) {
                case 0 -> s.deleteCharAt(at);
                case 1 -> s.insert(at, pick(new String[] {"\"", "{", "}", ",", ":", "\\", "\u0000", "\uFFFF", "]"}));
                case 2 -> s.setLength(at); // truncated
                default -> s.setCharAt(at, (char) (32 + random.nextInt(95)));
            }
        }
        return s.toString();
    }

    private String garbage(int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int r = random.nextInt(10);
            if (r < 6) {
                s.append((char) (33 + random.nextInt(94)));
            } else if (r < 8) {
                s.append((char) (0xA0 + random.nextInt(0x2000)));
            } else {
                s.append(pick(HOSTILE));
            }
        }
        return s.toString();
    }

    /**
     * Percent-encodes what a request target may not hold raw (RFC 3986: space, controls, non-ASCII,
     * {@code "<>\^`{|}[]}, a fragment's {@code #}, a {@code %} not starting an escape), so the target is
     * a URI, however hostile its decoded bytes are.
     */
    private static String validUri(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < bytes.length; i++) {
            int c = bytes[i] & 0xff;
            boolean escape = c == '%' && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2]);
            if (c <= 0x20 || c >= 0x7f || "\"<>\\^`{|}[]#".indexOf(c) >= 0 || c == '%' && !escape) {
                out.append('%').append(String.format("%02X", c));
            } else {
                out.append((char) c);
            }
        }
        return out.toString();
    }

    private static boolean isHex(byte b) {
        return Character.digit(b, 16) >= 0;
    }

    /** Percent-encodes everything outside unreserved ASCII, so the request line stays parseable. */
    private static String percentEncoded(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static String jsonEscape(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private String pick(String[] options) {
        return options[random.nextInt(options.length)];
    }
}
