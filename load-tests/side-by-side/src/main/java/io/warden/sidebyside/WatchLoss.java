package io.warden.sidebyside;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * How soon does a holder learn it lost its lock? Per trial: a session with a 1 s TTL takes a lock through
 * the leader, a watch on that session is opened on another node, and the session is left to expire. The
 * lateness is the time from the session's deadline (its creation's answer plus the TTL, so an upper bound
 * of the true deadline) to the watch's {@code lock.released}. Prints the lateness percentiles.
 *
 *   java -cp side-by-side.jar io.warden.sidebyside.WatchLoss --endpoint 127.0.0.1:LEADER --watch-endpoint 127.0.0.1:OTHER --trials 20
 */
public final class WatchLoss {

    public static void main(String[] args) throws Exception {
        var a = Bench.options(args);
        Http leader = new Http(a.get("endpoint"));
        String watchEndpoint = a.getOrDefault("watch-endpoint", a.get("endpoint"));
        if (!watchEndpoint.startsWith("127.")) {
            throw new IllegalArgumentException("benchmarks target loopback only: " + watchEndpoint);
        }
        int trials = Integer.parseInt(a.getOrDefault("trials", "20"));
        long ttlMs = 1000;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        double[] lateMs = new double[trials];
        for (int t = 0; t < trials; t++) {
            String session = Http.field(leader.post("/v1/sessions", "{\"ttl\":\"1s\"}", 201), "id");
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ttlMs);
            HttpRequest watch = HttpRequest.newBuilder(URI.create("http://" + watchEndpoint + "/v1/watch?session=" + session))
                    .header("Accept", "text/event-stream").GET().build();
            HttpResponse<InputStream> stream = http.send(watch, HttpResponse.BodyHandlers.ofInputStream());
            CompletableFuture<Long> lost = CompletableFuture.supplyAsync(() -> awaitRelease(stream.body()));
            leader.post("/v1/locks/loss-" + t + "/acquire", "{\"session\":\"" + session + "\"}", 200);
            long heard = lost.get(10, TimeUnit.SECONDS);
            stream.body().close();
            lateMs[t] = (heard - deadline) / 1e6;
        }
        Arrays.sort(lateMs);
        System.out.printf(Locale.ROOT, "lock loss told by a watch, %d trials, TTL 1 s: lateness after the"
                        + " deadline p50 %.0f ms, p90 %.0f ms, max %.0f ms (min %.0f ms)%n", trials, lateMs[trials / 2],
                lateMs[(int) Math.min(trials - 1, Math.ceil(trials * 0.9) - 1)], lateMs[trials - 1], lateMs[0]);
    }

    /** Reads the stream until a {@code lock.released} event; answers System.nanoTime() at its arrival. */
    private static long awaitRelease(InputStream body) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.equals("event: lock.released")) {
                    return System.nanoTime();
                }
            }
            throw new IllegalStateException("the watch ended before the lock was released");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
