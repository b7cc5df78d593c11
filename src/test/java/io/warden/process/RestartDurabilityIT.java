package io.warden.process;

import io.warden.process.Http.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.warden.process.WardenApi.acquireFree;
import static io.warden.process.WardenApi.cluster;
import static io.warden.process.WardenApi.createSession;
import static io.warden.process.WardenApi.group;
import static io.warden.process.WardenApi.keepAlive;
import static io.warden.process.WardenApi.lock;
import static io.warden.process.WardenApi.putMember;
import static io.warden.process.WardenApi.release;
import static io.warden.process.WardenApi.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One node, killed with SIGKILL and restarted from its data dir: first the state comes back from the
 * Raft log alone, then (after enough writes to pass the snapshot threshold) from a snapshot plus the log
 * behind it. Sessions, lock holders, fences, waiters and group members must all survive both.
 */
class RestartDurabilityIT {

    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration SHORT = Duration.ofSeconds(15);
    private static final Pattern LOADED_SNAPSHOT = Pattern.compile("loaded snapshot at term (\\d+) index (\\d+)");
    /** ExtendSessions after the restart must have covered both sessions: the restart expires none of them. */
    private static final Pattern EXTENDED_BOTH = Pattern.compile("sessions extended \\(SessionsExtended\\[count=2]\\)");

    private WardenProcess node;

    @AfterEach
    void stopNode() {
        if (node != null) {
            node.close();
            System.out.println("RestartDurabilityIT node logs under " + node.logDir());
        }
    }

    @Test
    @Timeout(180)
    void stateSurvivesKill9FromTheLogAndThenFromASnapshot() throws Exception {
        // A low threshold so a test-sized workload passes it; phase 1 stays well below it.
        node = WardenProcess.single(WardenProcess.scratchDir("restart-durability"), "n1",
                "warden.raft.snapshot-threshold=50");
        node.start().awaitReady(START);
        String url = node.baseUrl();

        // --- phase 1: state that only the Raft log holds ---
        String holder = createSession(url, "1h", "holder");
        String waiter = createSession(url, "20s", "waiter");
        long f1 = acquireFree(url, "A", holder);
        // The node dies while this request waits; the queued waiter must outlive the request.
        CompletableFuture<Reply> cutByKill = Http.postAsync(url + "/v1/locks/A/acquire",
                WardenApi.acquireBody(waiter, "5m"), Duration.ofMinutes(6));
        Eventually.await(SHORT, "the waiter queued on A", () -> lock(url, "A").integer("waiters") == 1);
        assertEquals(200, putMember(url, "workers", "m1", holder, "10.0.0.1:9000").status());
        Reply m2 = putMember(url, "workers", "m2", waiter, "10.0.0.2:9000");
        assertEquals(200, m2.status(), m2::toString);
        long groupIndex = group(url, "workers").number("index");
        assertEquals(m2.number("index"), groupIndex, "the group's index is the log index of its last change");
        assertEquals(200, keepAlive(url, waiter).status());

        Path snapshots = node.dataDir().resolve(cluster(url).string("groupId")).resolve("sm");
        assertTrue(newestSnapshotIndex(snapshots).isEmpty(), "phase 1 must restart from the log alone");

        assertEquals(137, node.kill9(), "killed by SIGKILL while running");
        assertFalse(granted(cutByKill), "a request cut by the kill must not report a grant");
        node.start().awaitReady(START);

        assertSessionAlive(url, holder, Duration.ofMinutes(50));
        assertSessionAlive(url, waiter, Duration.ofSeconds(10));
        assertLock(url, "A", holder, f1, 1);
        assertGroup(url, groupIndex, Map.of("m1", holder, "m2", waiter), "10.0.0.1:9000");
        Eventually.await(SHORT, "the restarted leader extended both sessions", () -> EXTENDED_BOTH.matcher(node.log()).find());

        Reply released = release(url, "A", holder, f1, null);
        assertEquals(200, released.status(), released::toString);
        // The grant to the waiter is applied with the release, so a linearizable read sees it at once.
        long f2 = lock(url, "A").number("fence");
        assertLock(url, "A", waiter, f2, 0);
        assertTrue(f2 > f1, "the waiter's grant gets a fence above " + f1 + ", got " + f2);
        long f3 = acquireFree(url, "B", holder);
        assertTrue(f3 > f2, "a later grant gets a larger fence: " + f3 + " after " + f2);

        // --- phase 2: state held by a snapshot plus the log entries after it ---
        for (int i = 0; i < 130; i++) {
            String id = i % 2 == 0 ? waiter : holder;
            Reply kept = keepAlive(url, id);
            assertEquals(200, kept.status(), kept::toString);
        }
        Eventually.await(SHORT, "a snapshot file under " + snapshots, () -> newestSnapshotIndex(snapshots).isPresent());
        // Written after the snapshot, so the restart must replay the log on top of it.
        Reply m1Moved = putMember(url, "workers", "m1", holder, "10.0.0.1:9001");
        assertEquals(200, m1Moved.status(), m1Moved::toString);
        long groupIndex2 = m1Moved.number("index");
        assertTrue(groupIndex2 > groupIndex);
        long f4 = acquireFree(url, "C", waiter);
        assertTrue(f4 > f3);
        // Make sure at least one entry lies beyond the newest snapshot (a write could have just triggered one).
        long appliedBeforeKill = Eventually.await(SHORT, "an applied entry beyond the newest snapshot", () -> {
            long applied = cluster(url).number("appliedIndex");
            if (applied > newestSnapshotIndex(snapshots).orElse(0)) {
                return applied;
            }
            assertEquals(200, keepAlive(url, waiter).status());
            return -1L;
        }, applied -> applied > 0);

        assertEquals(137, node.kill9(), "killed by SIGKILL while running");
        node.start().awaitReady(START);

        Matcher loaded = LOADED_SNAPSHOT.matcher(node.log());
        assertTrue(loaded.find(), () -> "the restart loads a snapshot; log " + node.logFile());
        long snapshotIndex = Long.parseLong(loaded.group(2));
        assertTrue(snapshotIndex > 0 && snapshotIndex < appliedBeforeKill,
                "snapshot at " + snapshotIndex + " with log entries after it up to " + appliedBeforeKill);
        assertTrue(cluster(url).number("appliedIndex") >= appliedBeforeKill, "the log after the snapshot was replayed");

        assertSessionAlive(url, holder, Duration.ofMinutes(50));
        assertSessionAlive(url, waiter, Duration.ofSeconds(10));
        assertLock(url, "A", waiter, f2, 0);
        assertLock(url, "B", holder, f3, 0);
        assertLock(url, "C", waiter, f4, 0);
        assertGroup(url, groupIndex2, Map.of("m1", holder, "m2", waiter), "10.0.0.1:9001");
        Eventually.await(SHORT, "the restarted leader extended both sessions", () -> EXTENDED_BOTH.matcher(node.log()).find());

        long f5 = acquireFree(url, "D", holder);
        assertTrue(f5 > f4, "the fence counter survives snapshot + log: " + f5 + " after " + f4);
        List<String> holderLocks = session(url, holder).json().getList("locks");
        assertTrue(holderLocks.containsAll(List.of("B", "D")) && holderLocks.size() == 2, holderLocks::toString);
    }

    /** Whether a cut request nevertheless answered with a grant. */
    private static boolean granted(CompletableFuture<Reply> request) {
        Eventually.await(SHORT, "the cut request to end", request::isDone);
        return !request.isCompletedExceptionally() && request.join().status() == 200;
    }

    private static void assertSessionAlive(String url, String id, Duration atLeastLeft) {
        Reply reply = session(url, id);
        assertEquals(200, reply.status(), () -> "session " + id + " after restart: " + reply);
        long left = reply.number("expiresInMs");
        assertTrue(left >= atLeastLeft.toMillis(), "session " + id + " has " + left + " ms left; expected at least "
                + atLeastLeft.toMillis());
    }

    private static void assertLock(String url, String name, String holderSession, long fence, int waiters) {
        Reply reply = lock(url, name);
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(holderSession, reply.string("holder.session"), () -> "holder of " + name + ": " + reply);
        assertEquals(fence, reply.number("fence"), () -> "fence of " + name + ": " + reply);
        assertEquals(waiters, reply.integer("waiters"), () -> "waiters of " + name + ": " + reply);
    }

    private static void assertGroup(String url, long index, Map<String, String> sessionsByMember, String m1Address) {
        Reply reply = group(url, "workers");
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(index, reply.number("index"), reply::toString);
        assertEquals(sessionsByMember.keySet().stream().sorted().toList(), reply.json().getList("members.member"),
                reply::toString);
        for (Map.Entry<String, String> e : sessionsByMember.entrySet()) {
            assertEquals(e.getValue(), reply.string("members.find { it.member == '" + e.getKey() + "' }.session"),
                    reply::toString);
        }
        assertEquals(m1Address, reply.string("members.find { it.member == 'm1' }.address"), reply::toString);
        assertEquals("a", reply.string("members.find { it.member == 'm1' }.metadata.zone"), reply::toString);
    }

    /** The newest snapshot's index among Ratis' {@code snapshot.<term>_<index>} files, if any. */
    private static OptionalLong newestSnapshotIndex(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return OptionalLong.empty();
        }
        Pattern name = Pattern.compile("snapshot\\.\\d+_(\\d+)");
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> name.matcher(p.getFileName().toString()))
                    .filter(Matcher::matches)
                    .mapToLong(m -> Long.parseLong(m.group(1)))
                    .max();
        }
    }
}
