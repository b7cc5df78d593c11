package io.warden.sidebyside;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One system, one round, against a running 3-node cluster: the cold run (16 distinct clients measured
 * from the moment the cluster is ready), the warm-up, then each workload measured in turn. Appends one
 * CSV row per measured run.
 *
 *   java -jar side-by-side.jar --system etcd|zookeeper|warden --endpoint 127.0.0.1:PORT --pids P1,P2,P3
 *        --clk-tck 100 --round 1 --cold 10 --warmup 60 --run 10 --csv runs.csv [--label "etcd 3.4"]
 *
 * {@code java -cp side-by-side.jar:lib/* io.warden.sidebyside.Report ...} prints the table.
 */
public final class Bench {

    static final String HEADER = "system,label,round,phase,workload,clients,seconds,cycles,cycles_per_s,p50_ms,p99_ms,errors,"
            + "cpu_s,cpu_s_per_1k_cycles,rss_min_mib,rss_max_mib";

    public static void main(String[] args) throws Exception {
        Map<String, String> a = options(args);
        String system = a.get("system");
        String endpoint = a.get("endpoint");
        List<Long> pids = Arrays.stream(a.get("pids").split(",")).map(Long::parseLong).toList();
        ProcStats procs = new ProcStats(pids, Long.parseLong(a.getOrDefault("clk-tck", "100")));
        int round = Integer.parseInt(a.getOrDefault("round", "1"));
        double cold = Double.parseDouble(a.getOrDefault("cold", "10"));
        double warmup = Double.parseDouble(a.getOrDefault("warmup", "60"));
        double run = Double.parseDouble(a.getOrDefault("run", "10"));
        Path csv = Path.of(a.get("csv"));
        String label = a.getOrDefault("label", system);

        // cold: the first seconds of a fresh cluster
        record(csv, system, label, round, "cold", Workload.DISTINCT_16.run(system, endpoint, cold, procs), procs);

        // warm-up: mostly the 16-client workload, a little of each other one
        double rest = warmup * 0.1;
        for (Workload w : Workload.ALL) {
            double s = w == Workload.DISTINCT_16 ? warmup - 3 * rest : rest;
            Workload.Result r = w.run(system, endpoint, s, procs);
            log(system, round, "warm-up", r);
        }

        for (Workload w : Workload.ALL) {
            record(csv, system, label, round, "warm", w.run(system, endpoint, run, procs), procs);
        }
    }

    private static void record(Path csv, String system, String label, int round, String phase, Workload.Result r,
            ProcStats procs) throws IOException {
        log(system, round, phase, r);
        double[] rss = procs.rssMiB();
        double perK = r.cycles() == 0 ? Double.NaN : r.cpuSeconds() / r.cycles() * 1000;
        String row = String.format(Locale.ROOT, "%s,%s,%d,%s,%s,%d,%.3f,%d,%.1f,%.3f,%.3f,%d,%.3f,%.4f,%.1f,%.1f%n",
                system, label.replace(',', ' '), round, phase, r.workload().key(), r.workload().clients(), r.seconds(),
                r.cycles(), r.cyclesPerSecond(), r.percentileMs(50), r.percentileMs(99), r.errors(), r.cpuSeconds(), perK,
                Arrays.stream(rss).min().orElse(0), Arrays.stream(rss).max().orElse(0));
        boolean fresh = !Files.exists(csv);
        Files.writeString(csv, (fresh ? HEADER + "\n" : "") + row, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static void log(String system, int round, String phase, Workload.Result r) {
        System.out.printf(Locale.ROOT, "  %-9s round %d %-7s %-28s %7.0f cycles/s  p50 %7.2f ms  p99 %8.2f ms  cpu %6.2f s  errors %d%n",
                system, round, phase, r.workload().title(), r.cyclesPerSecond(), r.percentileMs(50), r.percentileMs(99),
                r.cpuSeconds(), r.errors());
        for (String e : r.firstErrors()) {
            System.out.println("    error: " + e);
        }
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            m.put(args[i].substring(2), args[i + 1]);
        }
        return m;
    }
}
