import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures a Warden node: each client owns a session and loops, on its own lock, either
 * acquire(wait 0s) + release (mode=cycle, two writes) or a linearizable GET of the lock (mode=read).
 * Bounded by count and time; loopback only.
 *
 *   java load-tests/LockCycleBench.java [url=http://127.0.0.1:8080] [clients=1] [cycles=500] [seconds=60]
 *        [lock=bench] [mode=cycle|read]
 *
 * Prints the latency percentiles and the throughput of whole cycles (or reads).
 */
public class LockCycleBench {

    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        String url = arg(args, "url", "http://127.0.0.1:8080");
        int clients = Integer.parseInt(arg(args, "clients", "1"));
        int cycles = Integer.parseInt(arg(args, "cycles", "500"));
        long seconds = Long.parseLong(arg(args, "seconds", "60"));
        String lock = arg(args, "lock", "bench");
        boolean reads = arg(args, "mode", "cycle").equals("read");
        if (!URI.create(url).getHost().startsWith("127.") && !URI.create(url).getHost().equals("localhost")) {
            throw new IllegalArgumentException("benchmarks target loopback only");
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<long[]>> runs = new ArrayList<>();
        long started = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            String name = lock + "-" + c;
            runs.add(pool.submit(() -> run(http, url, name, cycles, deadline, seconds + 60, reads)));
        }
        List<Long> all = new ArrayList<>();
        int failed = 0;
        for (Future<long[]> f : runs) {
            for (long v : f.get()) {
                if (v < 0) failed++; else all.add(v);
            }
        }
        double elapsedS = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
        String unit = reads ? "reads" : "cycles";
        System.out.printf("url=%s clients=%d %s=%d failed=%d elapsed=%.1fs throughput=%.0f %s/s%n",
                url, clients, unit, sorted.length, failed, elapsedS, sorted.length / elapsedS, unit);
        System.out.printf("%s latency ms: p50=%.2f p90=%.2f p99=%.2f max=%.2f%n",
                reads ? "read" : "cycle", pct(sorted, 50), pct(sorted, 90), pct(sorted, 99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
    }

    private static long[] run(HttpClient http, String url, String lock, int cycles, long deadline, long ttlS, boolean reads)
            throws Exception {
        // The session outlives the run: a cycle does not renew it.
        String session = match(ID, post(http, url + "/v1/sessions", "{\"ttl\":\"" + ttlS + "s\"}").body());
        long[] latencies = new long[cycles];
        int done = 0;
        for (; done < cycles && System.nanoTime() < deadline; done++) {
            long t0 = System.nanoTime();
            if (reads) {
                HttpResponse<String> read = http.send(HttpRequest.newBuilder(URI.create(url + "/v1/locks/" + lock))
                        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
                latencies[done] = read.statusCode() == 200 ? System.nanoTime() - t0 : -1;
                continue;
            }
            HttpResponse<String> acquired = post(http, url + "/v1/locks/" + lock + "/acquire", "{\"session\":\"" + session + "\"}");
            HttpResponse<String> released = post(http, url + "/v1/locks/" + lock + "/release", "{\"session\":\"" + session + "\"}");
            boolean ok = acquired.statusCode() == 200 && released.statusCode() == 200;
            latencies[done] = ok ? System.nanoTime() - t0 : -1;
        }
        post(http, url + "/v1/sessions/" + session, null);
        return Arrays.copyOf(latencies, done);
    }

    private static HttpResponse<String> post(HttpClient http, String url, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json");
        b = body == null ? b.DELETE() : b.POST(HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String match(Pattern p, String text) {
        Matcher m = p.matcher(text);
        if (!m.find()) throw new IllegalStateException("unexpected answer: " + text);
        return m.group(1);
    }

    private static double pct(long[] sorted, int p) {
        if (sorted.length == 0) return 0;
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, i)] / 1e6;
    }

    private static String arg(String[] args, String key, String fallback) {
        for (String a : args) if (a.startsWith(key + "=")) return a.substring(key.length() + 1);
        return fallback;
    }
}
