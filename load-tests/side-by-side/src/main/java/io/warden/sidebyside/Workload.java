package io.warden.sidebyside;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A closed-loop workload: {@code clients} threads, each with its own {@link LockClient}, each doing
 * acquire + release cycles back to back, on its own lock name or all on one shared name. Clients are
 * opened before the clock starts; only cycles that end within the measured window count.
 */
record Workload(String key, String title, int clients, boolean shared) {

    static final Workload DISTINCT_16 = new Workload("distinct16", "16 clients, distinct locks", 16, false);
    static final Workload SINGLE_1 = new Workload("single1", "1 client", 1, false);
    static final Workload HOT_16 = new Workload("hot16", "16 clients, one shared lock", 16, true);
    static final Workload DISTINCT_64 = new Workload("distinct64", "64 clients, distinct locks", 64, false);
    static final List<Workload> ALL = List.of(DISTINCT_16, SINGLE_1, HOT_16, DISTINCT_64);

    static Workload byKey(String key) {
        return ALL.stream().filter(w -> w.key.equals(key)).findFirst().orElseThrow();
    }

    /** What one run measured. Latencies in nanoseconds, sorted. */
    record Result(Workload workload, double seconds, long[] latencies, int errors, double cpuSeconds, List<String> firstErrors) {
        int cycles() {
            return latencies.length;
        }

        double cyclesPerSecond() {
            return latencies.length / seconds;
        }

        double percentileMs(double p) {
            if (latencies.length == 0) {
                return Double.NaN;
            }
            int i = (int) Math.ceil(p / 100.0 * latencies.length) - 1;
            return latencies[Math.max(0, Math.min(i, latencies.length - 1))] / 1e6;
        }
    }

    private static final long KEEPALIVE_NS = TimeUnit.SECONDS.toNanos(20);

    Result run(String system, String endpoint, double seconds, ProcStats procs) throws Exception {
        CountDownLatch opened = new CountDownLatch(clients);
        CountDownLatch go = new CountDownLatch(1);
        long[] deadline = new long[1];
        AtomicInteger errors = new AtomicInteger();
        ConcurrentLinkedQueue<String> firstErrors = new ConcurrentLinkedQueue<>();
        long[][] perClient = new long[clients][];
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int id = c;
            String name = shared ? key + "-shared" : key + "-c" + c;
            Thread t = new Thread(() -> {
                LockClient client = null;
                try {
                    client = LockClient.open(system, endpoint);
                } catch (Exception e) {
                    errors.incrementAndGet();
                    note(firstErrors, e);
                } finally {
                    opened.countDown();
                }
                try {
                    go.await();
                    perClient[id] = client == null ? new long[0] : loop(client, name, deadline[0], errors, firstErrors);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    if (client != null) {
                        client.close();
                    }
                }
            }, "client-" + key + "-" + c);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        if (!opened.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException(key + ": clients not connected within 120 s");
        }
        double cpu0 = procs.cpuSeconds();
        long t0 = System.nanoTime();
        deadline[0] = t0 + (long) (seconds * 1e9);
        go.countDown();
        long left;
        while ((left = deadline[0] - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
        double cpu = procs.cpuSeconds() - cpu0;
        double elapsed = (System.nanoTime() - t0) / 1e9;
        for (Thread t : threads) {
            t.join(30_000);
            if (t.isAlive()) {
                errors.incrementAndGet();
                note(firstErrors, new IllegalStateException(t.getName() + " still running 30 s after the run"));
            }
        }
        long[] all = Arrays.stream(perClient).filter(a -> a != null).flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result(this, Math.max(seconds, elapsed), all, errors.get(), cpu, List.copyOf(firstErrors));
    }

    private static long[] loop(LockClient client, String name, long deadline, AtomicInteger errors,
            ConcurrentLinkedQueue<String> firstErrors) throws InterruptedException {
        long[] lat = new long[1024];
        int n = 0;
        long nextKeepAlive = System.nanoTime() + KEEPALIVE_NS;
        long start;
        while ((start = System.nanoTime()) < deadline) {
            if (start >= nextKeepAlive) {
                nextKeepAlive = start + KEEPALIVE_NS;
                try {
                    client.keepAlive();
                } catch (Exception e) {
                    errors.incrementAndGet();
                    note(firstErrors, e);
                }
                continue;
            }
            try {
                client.acquire(name);
                client.release(name);
            } catch (Exception e) {
                errors.incrementAndGet();
                note(firstErrors, e);
                Thread.sleep(10); // no hot loop on a failing system
                continue;
            }
            long end = System.nanoTime();
            if (end <= deadline) {
                if (n == lat.length) {
                    lat = Arrays.copyOf(lat, n * 2);
                }
                lat[n++] = end - start;
            }
        }
        return Arrays.copyOf(lat, n);
    }

    private static void note(ConcurrentLinkedQueue<String> firstErrors, Exception e) {
        if (firstErrors.size() < 3) {
            firstErrors.add(String.valueOf(e));
        }
    }
}
