package io.warden.sidebyside;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Does an open watch slow the write path? Against a running 3-node Warden group: a warm-up of 16-client
 * lock cycles, then rounds (in ABBA order) of the same workload with no watch open and with {@code --watches} streams
 * open on one node ({@code --watch-endpoint}), of which {@code --matching} follow one of the clients'
 * locks each, {@code --unfiltered} take every event, and the rest watch a prefix nothing writes. Appends a
 * CSV row per run: throughput, latency, server CPU, RSS, and the frames the watches received.
 *
 *   java -cp side-by-side.jar io.warden.sidebyside.WatchLoad --endpoint 127.0.0.1:PORT --watch-endpoint 127.0.0.1:PORT
 *        --pids P1,P2,P3 --clk-tck 100 --watches 1000 --matching 16 --unfiltered 0 --warmup 60 --run 10 --rounds 2
 *        --csv watch-runs.csv
 */
public final class WatchLoad {

    static final String HEADER = "round,watches,matching,unfiltered,cycles_per_s,p50_ms,p99_ms,errors,cpu_s_per_1k_cycles,"
            + "rss_max_mib,frames,frames_per_s,watch_bytes";

    /** One open stream: counts the frames (blank-line-terminated) and bytes it receives, reading nothing else. */
    static final class Counter implements Flow.Subscriber<List<ByteBuffer>> {
        final AtomicLong frames = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();
        private Flow.Subscription subscription;
        private byte last;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer b : buffers) {
                bytes.addAndGet(b.remaining());
                while (b.hasRemaining()) {
                    byte c = b.get();
                    if (c == '\n' && last == '\n') {
                        frames.incrementAndGet();
                    }
                    last = c;
                }
            }
        }

        @Override
        public void onError(Throwable t) {
        }

        @Override
        public void onComplete() {
        }

        void cancel() {
            if (subscription != null) {
                subscription.cancel();
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = Bench.options(args);
        String endpoint = a.get("endpoint");
        String watchEndpoint = a.getOrDefault("watch-endpoint", endpoint);
        for (String e : List.of(endpoint, watchEndpoint)) {
            if (!e.startsWith("127.")) {
                throw new IllegalArgumentException("benchmarks target loopback only: " + e);
            }
        }
        List<Long> pids = Arrays.stream(a.get("pids").split(",")).map(Long::parseLong).toList();
        ProcStats procs = new ProcStats(pids, Long.parseLong(a.getOrDefault("clk-tck", "100")));
        int watches = Integer.parseInt(a.getOrDefault("watches", "1000"));
        int matching = Integer.parseInt(a.getOrDefault("matching", "16"));
        int unfiltered = Integer.parseInt(a.getOrDefault("unfiltered", "0"));
        double warmup = Double.parseDouble(a.getOrDefault("warmup", "60"));
        double run = Double.parseDouble(a.getOrDefault("run", "10"));
        int rounds = Integer.parseInt(a.getOrDefault("rounds", "2"));
        Path csv = Path.of(a.get("csv"));

        Workload.Result warm = Workload.DISTINCT_16.run("warden", endpoint, warmup, procs);
        System.out.printf(Locale.ROOT, "  warm-up %.0f s: %.0f cycles/s%n", warmup, warm.cyclesPerSecond());
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        // ABBA order: odd rounds measure without watches first, even rounds with them first, so a drift
        // over the run (a growing log, a warming JIT) does not count against one side.
        for (int round = 1; round <= rounds; round++) {
            boolean withFirst = round % 2 == 0;
            for (boolean with : withFirst ? new boolean[] {true, false} : new boolean[] {false, true}) {
                if (with) {
                    List<Counter> open = open(http, watchEndpoint, watches, matching, unfiltered);
                    Workload.Result r = Workload.DISTINCT_16.run("warden", endpoint, run, procs);
                    record(csv, round, watches, matching, unfiltered, r, procs, open, run);
                    open.forEach(Counter::cancel);
                } else {
                    record(csv, round, 0, 0, 0, Workload.DISTINCT_16.run("warden", endpoint, run, procs), procs, List.of(), run);
                }
            }
        }
    }

    private static List<Counter> open(HttpClient http, String endpoint, int watches, int matching, int unfiltered)
            throws Exception {
        List<Counter> counters = new ArrayList<>();
        List<CompletableFuture<HttpResponse<Flow.Publisher<List<ByteBuffer>>>>> opening = new ArrayList<>();
        for (int i = 0; i < watches; i++) {
            String query = i < unfiltered ? "" : i < unfiltered + matching
                    ? "?prefix=" + Workload.DISTINCT_16.key() + "-c" + ((i - unfiltered) % 16) + "&types=lock"
                    : "?prefix=idle-" + i + ".";
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + endpoint + "/v1/watch" + query))
                    .header("Accept", "text/event-stream").GET().build();
            opening.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofPublisher()));
        }
        for (var future : opening) {
            HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = future.get(60, TimeUnit.SECONDS);
            if (response.statusCode() != 200) {
                throw new IllegalStateException("a watch was refused: " + response.statusCode());
            }
            Counter counter = new Counter();
            response.body().subscribe(counter);
            counters.add(counter);
        }
        return counters;
    }

    private static void record(Path csv, int round, int watches, int matching, int unfiltered, Workload.Result r,
            ProcStats procs, List<Counter> open, double run) throws IOException {
        double perK = r.cycles() == 0 ? Double.NaN : r.cpuSeconds() / r.cycles() * 1000;
        double rss = Arrays.stream(procs.rssMiB()).max().orElse(0);
        // Less the comment line each stream opens with.
        long frames = open.stream().mapToLong(c -> c.frames.get()).sum() - open.size();
        long bytes = open.stream().mapToLong(c -> c.bytes.get()).sum();
        System.out.printf(Locale.ROOT, "  round %d, %4d watches (%d matching, %d unfiltered): %6.0f cycles/s  p50 %6.2f ms"
                        + "  p99 %7.2f ms  cpu/1k %5.2f s  rss max %4.0f MiB  frames %d  errors %d%n",
                round, watches, matching, unfiltered, r.cyclesPerSecond(), r.percentileMs(50), r.percentileMs(99), perK, rss,
                frames, r.errors());
        String row = String.format(Locale.ROOT, "%d,%d,%d,%d,%.1f,%.3f,%.3f,%d,%.4f,%.1f,%d,%.1f,%d%n", round, watches,
                matching, unfiltered, r.cyclesPerSecond(), r.percentileMs(50), r.percentileMs(99), r.errors(), perK, rss,
                frames, frames / run, bytes);
        boolean fresh = !Files.exists(csv);
        Files.writeString(csv, (fresh ? HEADER + "\n" : "") + row, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
