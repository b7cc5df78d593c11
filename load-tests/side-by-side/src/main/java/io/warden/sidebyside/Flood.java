package io.warden.sidebyside;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client floods, the others go on: {@code --victims} clients (one token) do lock cycles at their own
 * pace while {@code --flooders} threads (another token) send acquire + release as fast as they can, for
 * {@code --run} seconds after {@code --warmup}. Prints the victims' cycles/s, p50 and p99, and what the
 * flood sent and how much of it was refused with 429. Run by load-tests/flood.sh against a secured group.
 */
public final class Flood {

    private Flood() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = Bench.options(args);
        String endpoint = a.get("endpoint");
        String ca = a.get("ca");
        int victims = Integer.parseInt(a.getOrDefault("victims", "8"));
        int flooders = Integer.parseInt(a.getOrDefault("flooders", "32"));
        double warmup = Double.parseDouble(a.getOrDefault("warmup", "20"));
        double run = Double.parseDouble(a.getOrDefault("run", "15"));
        String label = a.getOrDefault("label", "");

        long start = System.nanoTime();
        long measureFrom = start + (long) (warmup * 1e9);
        long end = measureFrom + (long) (run * 1e9);
        AtomicLong floodSent = new AtomicLong();
        AtomicLong floodRefused = new AtomicLong();
        AtomicLong victimErrors = new AtomicLong();
        AtomicLong victimLimited = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        long[][] latencies = new long[victims][];
        for (int v = 0; v < victims; v++) {
            int id = v;
            threads.add(thread("victim-" + v, () -> latencies[id] = cycles(new Http(endpoint, ca, a.get("victim-token")),
                    "flood.victim-" + id, measureFrom, end, victimErrors, victimLimited)));
        }
        for (int f = 0; f < flooders; f++) {
            int id = f;
            threads.add(thread("flooder-" + f, () -> flood(new Http(endpoint, ca, a.get("flooder-token")),
                    "flood.flooder-" + id, measureFrom, end, floodSent, floodRefused)));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        long[] all = Arrays.stream(latencies).filter(l -> l != null).flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.printf("%s victims %d: %.0f cycles/s p50 %.2f ms p99 %.2f ms errors %d (%d of them 429) | flood %d threads: %.0f requests/s sent, %.0f%% refused with 429%n",
                label, victims, all.length / run, pct(all, 50), pct(all, 99), victimErrors.get(), victimLimited.get(), flooders,
                floodSent.get() / run, floodSent.get() == 0 ? 0.0 : 100.0 * floodRefused.get() / floodSent.get());
    }

    private interface Body {
        void run() throws Exception;
    }

    private static Thread thread(String name, Body body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Exception e) {
                System.err.println(name + ": " + e);
            }
        }, name);
        t.setDaemon(true);
        return t;
    }

    /** A victim: session, then acquire + release cycles; latencies of the cycles inside the measured window. */
    private static long[] cycles(Http http, String lock, long from, long end, AtomicLong errors, AtomicLong limited)
            throws Exception {
        String session = Http.field(http.post("/v1/sessions", "{\"ttl\":\"60s\"}", 201), "id");
        long[] lat = new long[4096];
        int n = 0;
        long t;
        while ((t = System.nanoTime()) < end) {
            try {
                http.post("/v1/locks/" + lock + "/acquire", "{\"session\":\"" + session + "\"}", 200);
                http.post("/v1/locks/" + lock + "/release", "{\"session\":\"" + session + "\"}", 200);
            } catch (Exception e) {
                errors.incrementAndGet();
                // The victims' own token over its rate (their requests count against it too).
                if (String.valueOf(e.getMessage()).contains(" -> 429 ")) {
                    limited.incrementAndGet();
                }
                continue;
            }
            long done = System.nanoTime();
            if (t >= from && done <= end) {
                if (n == lat.length) {
                    lat = Arrays.copyOf(lat, n * 2);
                }
                lat[n++] = done - t;
            }
        }
        return Arrays.copyOf(lat, n);
    }

    /** A flooder: acquire + release as fast as answers come; counts what it sent in the window and the 429s. */
    private static void flood(Http http, String lock, long from, long end, AtomicLong sent, AtomicLong refused) {
        String session = null;
        long t;
        while ((t = System.nanoTime()) < end) {
            int status;
            try {
                if (session == null) {
                    status = http.status("POST", "/v1/sessions", "{\"ttl\":\"60s\"}");
                    if (status == 201) {
                        session = Http.field(http.lastBody(), "id");
                    }
                } else {
                    status = http.status("POST", "/v1/locks/" + lock + "/acquire", "{\"session\":\"" + session + "\"}");
                    if (status == 200) {
                        http.status("POST", "/v1/locks/" + lock + "/release", "{\"session\":\"" + session + "\"}");
                    }
                }
            } catch (Exception e) {
                status = -1;
            }
            if (t >= from) {
                sent.incrementAndGet();
                if (status == 429) {
                    refused.incrementAndGet();
                }
            }
        }
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(i, sorted.length - 1))] / 1e6;
    }
}
