package io.warden.sidebyside;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** CPU time and resident memory of the server processes, read from /proc (Linux). */
final class ProcStats {

    private final List<Long> pids;
    private final long clockTicks;

    /** @param clockTicks the kernel's clock ticks per second ({@code getconf CLK_TCK}) */
    ProcStats(List<Long> pids, long clockTicks) {
        this.pids = List.copyOf(pids);
        this.clockTicks = clockTicks;
    }

    /** utime + stime of all the processes, in seconds. */
    double cpuSeconds() throws IOException {
        long ticks = 0;
        for (long pid : pids) {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // fields after the command name in parentheses: state is field 3, utime 14, stime 15
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
        }
        return (double) ticks / clockTicks;
    }

    /** VmRSS of each process, in MiB. */
    double[] rssMiB() throws IOException {
        double[] rss = new double[pids.size()];
        for (int i = 0; i < rss.length; i++) {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pids.get(i)), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss[i] = Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        }
        return rss;
    }
}
