package io.warden.sidebyside;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Reads the runs' CSV and prints one markdown table: per workload (warm, then cold) and per system the
 * median over rounds, then Warden's ratio to each peer that ran.
 *
 *   java -cp side-by-side.jar:lib/* io.warden.sidebyside.Report --csv runs.csv --out table.md
 *        --systems etcd,zookeeper,warden --rounds 2 --warmup 60 --run 10 --cold 10
 */
public final class Report {

    private static final List<String> SYSTEMS = List.of("etcd", "zookeeper", "warden");
    private static final Map<String, String> NAMES = Map.of("etcd", "etcd", "zookeeper", "ZooKeeper", "warden", "Warden");

    private record Row(String system, String label, int round, String phase, String workload, double cyclesPerS,
            double p50, double p99, int errors, double cpuPer1k, double rssMin, double rssMax) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = Bench.options(args);
        List<Row> rows = new ArrayList<>();
        Path csv = Path.of(a.get("csv"));
        if (Files.exists(csv)) {
            for (String line : Files.readAllLines(csv)) {
                if (line.isBlank() || line.startsWith("system,")) {
                    continue;
                }
                String[] f = line.split(",");
                rows.add(new Row(f[0], f[1], Integer.parseInt(f[2]), f[3], f[4], d(f[8]), d(f[9]), d(f[10]),
                        Integer.parseInt(f[11]), d(f[13]), d(f[14]), d(f[15])));
            }
        }
        List<String> asked = List.of(a.getOrDefault("systems", String.join(",", SYSTEMS)).split(","));
        Map<String, String> labels = new LinkedHashMap<>();
        for (String s : SYSTEMS) {
            labels.put(s, rows.stream().filter(r -> r.system.equals(s)).map(Row::label).findFirst().orElse(NAMES.get(s)));
        }
        int rounds = (int) rows.stream().mapToInt(Row::round).distinct().count();

        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT,
                "Lock cycles (acquire + release) on 3-node groups on loopback, fsync on, %d cores, JDK %s. "
                        + "Median of %d round%s; each run %s s after a %s s warm-up; cold = the first %s s of a fresh group. "
                        + "One load-generator JVM drives the leader, one connection or session per client. "
                        + "CPU: the three server processes, CPU-seconds per 1,000 cycles. RSS: min–max over the 3 nodes after the run. "
                        + "Errors: failed operations, all rounds. Ratios are Warden ÷ peer.%n%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), rounds, rounds == 1 ? "" : "s",
                a.getOrDefault("run", "?"), a.getOrDefault("warmup", "?"), a.getOrDefault("cold", "?")));
        out.append("| workload | system | cycles/s | p50 ms | p99 ms | CPU-s / 1k cycles | RSS per node MiB | errors |\n");
        out.append("|---|---|--:|--:|--:|--:|--:|--:|\n");
        List<String[]> sections = new ArrayList<>();
        for (Workload w : Workload.ALL) {
            sections.add(new String[] {"warm", w.key(), w.title()});
        }
        sections.add(new String[] {"cold", Workload.DISTINCT_16.key(), Workload.DISTINCT_16.title() + ", cold"});
        for (String[] sec : sections) {
            Map<String, double[]> med = new LinkedHashMap<>();
            boolean first = true;
            for (String s : SYSTEMS) {
                List<Row> rs = rows.stream().filter(r -> r.system.equals(s) && r.phase.equals(sec[0]) && r.workload.equals(sec[1])).toList();
                String wcol = first ? sec[2] : "";
                first = false;
                if (!asked.contains(s) || rs.isEmpty()) {
                    out.append("| ").append(wcol).append(" | ").append(labels.get(s)).append(" | – | – | – | – | – | – |\n");
                    continue;
                }
                double[] m = {median(rs, Row::cyclesPerS), median(rs, Row::p50), median(rs, Row::p99), median(rs, Row::cpuPer1k)};
                med.put(s, m);
                out.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %s | %s | %s | %.0f–%.0f | %d |%n", wcol, labels.get(s),
                        m[0], ms(m[1]), ms(m[2]), cpu(m[3]), median(rs, Row::rssMin), median(rs, Row::rssMax),
                        rs.stream().mapToInt(Row::errors).sum()));
            }
            double[] w = med.get("warden");
            for (String peer : List.of("etcd", "zookeeper")) {
                double[] p = med.get(peer);
                if (w == null || p == null) {
                    continue;
                }
                out.append(String.format(Locale.ROOT, "| | *Warden ÷ %s* | *%s* | *%s* | *%s* | *%s* | | |%n", NAMES.get(peer),
                        ratio(w[0], p[0]), ratio(w[1], p[1]), ratio(w[2], p[2]), ratio(w[3], p[3])));
            }
        }
        System.out.print(out);
        if (a.containsKey("out")) {
            Files.writeString(Path.of(a.get("out")), out.toString());
        }
    }

    private static double d(String s) {
        return s.isEmpty() || s.equals("NaN") ? Double.NaN : Double.parseDouble(s);
    }

    private static double median(List<Row> rs, ToDoubleFunction<Row> f) {
        double[] v = rs.stream().mapToDouble(f).filter(x -> !Double.isNaN(x)).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String ms(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, v < 10 ? "%.2f" : v < 100 ? "%.1f" : "%.0f", v);
    }

    private static String cpu(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, v < 1 ? "%.3f" : v < 10 ? "%.2f" : "%.1f", v);
    }

    private static String ratio(double w, double p) {
        return Double.isNaN(w) || Double.isNaN(p) || p == 0 ? "–" : String.format(Locale.ROOT, "%.2f×", w / p);
    }

}
