package io.warden.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The README's job runner (examples/locked-job/run-locked, bash and curl) against a 3-node group: a job
 * that outlives its lease's TTL keeps the lock (the runner keeps the one-shot session alive), a second
 * run meanwhile is turned away with exit code 75, the lock is free once the job ends, the next run gets
 * a larger fence, and the command's own exit code is the runner's.
 */
class LockedJobIT extends ClusterTest {

    @Test
    @Timeout(180)
    void aJobHoldsItsLockPastTheTtlAndASecondRunIsTurnedAway() throws Exception {
        assumeTrue(onPath("curl"), "the runner needs curl");
        cluster = WardenCluster.start("locked-job", 3);
        String url = cluster.nodes().get(1).baseUrl();
        Path dir = cluster.nodes().get(0).logDir();
        Path firstFence = dir.resolve("first.fence");

        // TTL 2 s, job 5 s: without the runner's keepalives the lease would end mid-job.
        Process first = runLocked(url, dir.resolve("first.out"), "2s", "0s",
                "echo $WARDEN_FENCE > " + firstFence + "; sleep 5");
        Eventually.await(Duration.ofSeconds(30), "the first job started", () -> Files.exists(firstFence));
        Process second = runLocked(url, dir.resolve("second.out"), "2s", "0s", "echo ran");
        assertTrue(second.waitFor(30, TimeUnit.SECONDS));
        assertEquals(75, second.exitValue(), "a run while the lock is held exits 75");
        assertTrue(!Files.readString(dir.resolve("second.out")).contains("ran"), "its command never ran");

        assertTrue(first.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, first.exitValue(), output(dir.resolve("first.out")));
        assertTrue(!output(dir.resolve("first.out")).contains("lost"), "the lease held for the whole job");
        long fence = Long.parseLong(Files.readString(firstFence).trim());

        String other = cluster.nodes().get(2).baseUrl();
        Eventually.await(Duration.ofSeconds(10), "the lock is free after the job",
                () -> Http.get(other + "/v1/locks/nightly").body().contains("\"holder\":null"));

        Path thirdFence = dir.resolve("third.fence");
        Process third = runLocked(url, dir.resolve("third.out"), "10s", "5s",
                "echo $WARDEN_FENCE > " + thirdFence + "; exit 3");
        assertTrue(third.waitFor(30, TimeUnit.SECONDS));
        assertEquals(3, third.exitValue(), "the command's exit code is the runner's");
        assertTrue(Long.parseLong(Files.readString(thirdFence).trim()) > fence, "the next run's fence is larger");
    }

    private static Process runLocked(String url, Path out, String ttl, String wait, String script) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(List.of("bash", "examples/locked-job/run-locked", "nightly",
                "--ttl", ttl, "--wait", wait, "--", "bash", "-c", script))
                .redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().put("WARDEN_URL", url);
        return builder.start();
    }

    private static String output(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private static boolean onPath(String tool) throws IOException, InterruptedException {
        Process which = new ProcessBuilder("sh", "-c", "command -v " + tool).start();
        return which.waitFor(10, TimeUnit.SECONDS) && which.exitValue() == 0;
    }
}
