package io.warden.faults;

import io.warden.process.Http;
import io.warden.process.Http.Reply;
import io.warden.process.WardenProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.warden.process.WardenApi.acquireFree;
import static io.warden.process.WardenApi.createSession;
import static io.warden.process.WardenApi.health;
import static io.warden.process.WardenApi.release;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random and mutated requests against a running node: none may be answered 5xx, every error must be
 * problem+json (the HTTP layer's own 400, 413, 414 and 431 included), a watch either opens a stream of
 * Server-Sent Events or is refused with problem+json, and the node must still serve afterwards. {@code -Dwarden.fuzz.requests=N} (default 20,000; the long run uses 100,000) and
 * {@code -Dwarden.fuzz.seed=S} (default 7; {@code random} for a new one, printed so a failure can be
 * replayed).
 */
class HttpFuzzIT {

    private static final int REQUESTS = Integer.getInteger("warden.fuzz.requests", 20_000);
    /** Fixed by default, so CI repeats a run known to be clean; {@code random} explores new requests. */
    private static final long SEED = "random".equals(System.getProperty("warden.fuzz.seed"))
            ? System.nanoTime() : Long.getLong("warden.fuzz.seed", 7);
    private static final Pattern SESSION_ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    private static final int SHOWN = 20;
    /** Watch requests after the others, each on its own connection. */
    private static final int WATCHES = Math.max(100, REQUESTS / 40);

    private WardenProcess node;

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    @Timeout(1800)
    void noRandomRequestGetsA5xxOrAnErrorThatIsNotProblemJson() throws Exception {
        // Short waits: a fuzzed blocking query or acquire may legitimately hold its request for its wait,
        // which must stay well inside the client's 30 s read timeout.
        node = WardenProcess.single(WardenProcess.scratchDir("http-fuzz"), "n1", "warden.group.default-wait=1s",
                "warden.group.max-wait=3s", "warden.lock.max-wait=3s").start().awaitReady(Duration.ofSeconds(90));
        int port = URI.create(node.baseUrl()).getPort();
        RequestFuzzer fuzzer = new RequestFuzzer(SEED);
        Map<Integer, Integer> byStatus = new TreeMap<>();
        Map<Integer, Integer> byWatchStatus = new TreeMap<>();
        List<String> serverErrors = new ArrayList<>();
        List<String> notProblems = new ArrayList<>();
        int unanswered = 0;
        int notHttp = 0;
        long started = System.nanoTime();
        try (RawHttp http = new RawHttp(port, 30_000)) {
            for (int i = 0; i < REQUESTS; i++) {
                RequestFuzzer.Request request = fuzzer.next();
                RawHttp.Response response;
                try {
                    response = http.exchange(request.bytes(), request.head());
                } catch (IOException e) {
                    unanswered++; // the server closed the connection without an answer
                    if (unanswered <= SHOWN) {
                        System.out.printf("HttpFuzzIT: no answer to %s %s: %s%n", request.method(), shorten(request.target()), e);
                    }
                    continue;
                }
                if (request.notHttp()) {
                    // The codec answers a request line it cannot split; no handler of Warden's sees it.
                    notHttp++;
                    assertEquals(400, response.status(), () -> "a request that is not HTTP: " + response.status());
                    continue;
                }
                byStatus.merge(response.status(), 1, Integer::sum);
                String what = request.method() + " " + shorten(request.target()) + " -> " + response.status() + " "
                        + shorten(response.bodyText());
                if (response.status() >= 500) {
                    serverErrors.add(what);
                } else if (response.status() >= 400 && !request.head() && !isProblem(response)) {
                    notProblems.add(what + " (Content-Type " + response.header("Content-Type") + ")");
                }
                if (response.status() == 201) {
                    Matcher m = SESSION_ID.matcher(response.bodyText());
                    if (m.find()) {
                        fuzzer.learnSession(m.group(1));
                    }
                }
            }
        }
        // Watches: a stream that opens is checked by its head and dropped; a refusal must be problem+json.
        int watchStreams = 0;
        try (RawHttp http = new RawHttp(port, 30_000)) {
            for (int i = 0; i < WATCHES; i++) {
                RequestFuzzer.Request request = fuzzer.nextWatch();
                RawHttp.Response response;
                try {
                    response = http.exchange(request.bytes(), true);
                } catch (IOException e) {
                    unanswered++;
                    System.out.printf("HttpFuzzIT: no answer to %s %s: %s%n", request.method(), shorten(request.target()), e);
                    continue;
                } finally {
                    http.close(); // an open stream is never read to its end
                }
                byWatchStatus.merge(response.status(), 1, Integer::sum);
                String type = String.valueOf(response.header("Content-Type"));
                String what = "watch " + request.method() + " " + shorten(request.target()) + " -> " + response.status();
                if (response.status() >= 500) {
                    serverErrors.add(what);
                } else if (response.status() == 200) {
                    watchStreams++;
                    if (!type.startsWith("text/event-stream")) {
                        notProblems.add(what + " opened a stream of " + type);
                    }
                } else if (response.status() >= 400 && !request.head() && !type.startsWith("application/problem+json")) {
                    notProblems.add(what + " (Content-Type " + type + ")");
                }
            }
        }
        System.out.printf("HttpFuzzIT: %d watch requests, by status %s, %d streams opened%n", WATCHES, byWatchStatus,
                watchStreams);
        assertTrue(watchStreams > 0 && byWatchStatus.keySet().stream().anyMatch(s -> s >= 400 && s < 500),
                "the watch requests both opened streams and were refused: " + byWatchStatus);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("HttpFuzzIT: seed %d, %d requests in %.0f s, by status %s; 5xx %d, errors not problem+json %d,"
                + " unanswered %d, not HTTP (the codec's plain 400) %d%n", SEED, REQUESTS, seconds, byStatus,
                serverErrors.size(), notProblems.size(), unanswered, notHttp);
        serverErrors.stream().limit(SHOWN).forEach(e -> System.out.println("HttpFuzzIT 5xx: " + e));
        notProblems.stream().limit(SHOWN).forEach(e -> System.out.println("HttpFuzzIT not problem+json: " + e));

        // Still serving, and correctly.
        assertEquals(200, health(node.baseUrl(), "ready").status(), "ready after the fuzz run");
        String session = createSession(node.baseUrl(), "30s", "after-fuzz");
        long fence = acquireFree(node.baseUrl(), "after-fuzz", session);
        Reply released = release(node.baseUrl(), "after-fuzz", session, fence, null);
        assertEquals(200, released.status(), released::toString);
        assertTrue(serverErrors.isEmpty(), () -> serverErrors.size() + " answers were 5xx (seed " + SEED + "), first: "
                + serverErrors.subList(0, Math.min(SHOWN, serverErrors.size())));
        assertTrue(notProblems.isEmpty(), () -> notProblems.size() + " errors were not problem+json (seed " + SEED
                + "), first: " + notProblems.subList(0, Math.min(SHOWN, notProblems.size())));
        assertEquals(0, unanswered, "every request got an answer (seed " + SEED + ")");
        assertTrue(Http.get(node.baseUrl() + "/q/health/live").status() == 200);
    }

    private static boolean isProblem(RawHttp.Response response) {
        String type = response.header("Content-Type");
        return type != null && type.startsWith("application/problem+json") && response.bodyText().contains("\"status\"");
    }

    private static String shorten(String s) {
        return s.length() <= 160 ? s : s.substring(0, 160) + "…(" + s.length() + " chars)";
    }
}
