package io.warden.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs the README's primary/backup demo (examples/primary-backup/demo.sh, bash and curl) against a
 * 3-node group: a frozen primary is replaced by a standby with a higher term and its writes are
 * refused when it resumes; a killed primary is replaced too. The demo itself checks the resource's
 * log (at least three terms wrote, at least one write refused) and exits non-zero otherwise.
 */
class PrimaryBackupDemoIT extends ClusterTest {

    @Test
    @Timeout(300)
    void aStandbyTakesOverAFrozenOrKilledPrimaryAndTheOldPrimarysWritesAreRefused() throws Exception {
        assumeTrue(onPath("curl") && onPath("setsid") && onPath("flock"), "the demo needs curl, setsid and flock");
        cluster = WardenCluster.start("primary-backup", 3);
        Path out = cluster.nodes().get(0).logDir().resolve("demo.out");
        Process demo = new ProcessBuilder("bash", "examples/primary-backup/demo.sh", cluster.leader().baseUrl())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        boolean ended = demo.waitFor(240, TimeUnit.SECONDS);
        if (!ended) {
            demo.destroyForcibly();
        }
        String printed = Files.readString(out, StandardCharsets.UTF_8);
        System.out.println("PrimaryBackupDemoIT: demo output:\n" + printed);
        assertTrue(ended, "the demo ended within 240 s");
        assertEquals(0, demo.exitValue(), "the demo's own checks passed");
        assertTrue(printed.contains("no longer the primary"), "the resumed primary learned it lost leadership");
        assertEquals(2, printed.lines().filter(l -> l.contains("took over")).count(), "two take-overs");
    }

    private static boolean onPath(String tool) throws IOException, InterruptedException {
        Process which = new ProcessBuilder("sh", "-c", "command -v " + tool).start();
        return which.waitFor(10, TimeUnit.SECONDS) && which.exitValue() == 0;
    }
}
