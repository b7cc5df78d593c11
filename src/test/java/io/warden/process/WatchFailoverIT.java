package io.warden.process;

import io.warden.http.SseStream;
import io.warden.process.Http.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.warden.process.WardenApi.createSession;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A watch opened on the leader, the leader killed with SIGKILL mid-stream, the watch resumed on a
 * survivor with the last id it saw: together the two streams must equal a third one read from the start
 * on the other survivor, event for event (no gap, no repeat), while locks cycle through retries across the
 * kill and an election passes from a primary whose session ends to its standby, with a higher term.
 */
class WatchFailoverIT extends ClusterTest {

    private static final Duration SOON = Duration.ofSeconds(20);
    private static final String WATCH = "/v1/watch?prefix=wf.&from=0";

    private final AtomicBoolean keepPrimary = new AtomicBoolean(true);
    private final AtomicBoolean running = new AtomicBoolean(true);
    private Thread keepalives;

    @Override
    protected void beforeStop() throws Exception {
        running.set(false);
        if (keepalives != null) {
            keepalives.join(10_000);
        }
    }

    @Test
    @Timeout(240)
    void aWatchResumedOnASurvivorAfterTheLeaderIsKilledMissesNothingAndSeesTheStandbyWin() throws Exception {
        cluster = WardenCluster.start("watch-failover", 3);
        WardenProcess leader = cluster.leader();
        List<WardenProcess> survivors = cluster.except(leader);
        WardenProcess a = survivors.get(0);
        WardenProcess b = survivors.get(1);
        RetryingClient client = new RetryingClient(() -> cluster.nodes(), 60, Duration.ofSeconds(30));

        String primary = createSession(a.baseUrl(), "3s", "primary");
        String standby = createSession(a.baseUrl(), "30s", "standby");
        String writer = createSession(a.baseUrl(), "30s", "writer");
        keepalives = new Thread(() -> keepAlive(client, primary, standby, writer), "keepalives");
        keepalives.setDaemon(true);
        keepalives.start();

        SseStream first = SseStream.open(leader.baseUrl(), WATCH);
        assertEquals(200, first.status());
        Reply won = client.call((url, key) -> Http.post(url + "/v1/elections/wf.db/campaign",
                "{\"session\":\"" + primary + "\",\"value\":\"primary\"}")).reply();
        assertEquals(200, won.status(), won::toString);
        long firstTerm = won.number("term");
        CompletableFuture<Reply> standbyCampaign = Http.postAsync(b.baseUrl() + "/v1/elections/wf.db/campaign",
                "{\"session\":\"" + standby + "\",\"value\":\"standby\",\"wait\":\"2m\"}", Duration.ofMinutes(3));

        List<Long> fences = new ArrayList<>();
        cycles(client, writer, 0, 15, fences);
        List<SseStream.Event> firstPart = new ArrayList<>(first.until(
                e -> "wf.lock.14".equals(e.data().get("lock")) && e.event().equals("lock.released"), SOON));
        assertEquals(137, leader.kill9(), "the leader was killed while a watch streamed from it");
        firstPart.addAll(first.drainUntilEnd(SOON));
        String lastSeen = firstPart.get(firstPart.size() - 1).id();

        cycles(client, writer, 15, 30, fences);
        SseStream resumed = SseStream.open(b.baseUrl(), WATCH, "Last-Event-ID", lastSeen);
        assertEquals(200, resumed.status());
        keepPrimary.set(false);
        Reply standbyWon = standbyCampaign.get(60, TimeUnit.SECONDS);
        assertEquals(200, standbyWon.status(), standbyWon::toString);
        long secondTerm = standbyWon.number("term");
        assertTrue(secondTerm > firstTerm, "the standby's term " + secondTerm + " is above " + firstTerm);
        List<SseStream.Event> secondPart = resumed.until(e -> e.event().equals("election.elected")
                && standby.equals(e.data().get("session")), SOON);
        resumed.close();

        List<SseStream.Event> told = new ArrayList<>(firstPart);
        told.addAll(secondPart);
        List<SseStream.Event> reference = readFromStart(a, told.get(told.size() - 1).id());
        assertEquals(ids(reference), ids(told), "the kill and the resume on another node lost or repeated nothing");
        assertEquals(reference, told, "every node tells the same events under the same ids");

        for (long fence : fences) {
            assertEquals(1, reference.stream().filter(e -> e.event().equals("lock.granted")
                    && ((Number) e.data().get("fence")).longValue() == fence).count(), "grant of fence " + fence);
        }
        int resigned = indexOf(reference, "election.resigned", primary);
        int elected = indexOf(reference, "election.elected", standby);
        assertTrue(resigned >= 0 && resigned < elected, "the primary's term ended before the standby's began");
        assertEquals("session-ended", reference.get(resigned).data().get("reason"));
        assertEquals(firstTerm, ((Number) reference.get(resigned).data().get("term")).longValue());
        assertEquals(secondTerm, ((Number) reference.get(elected).data().get("term")).longValue());
        System.out.printf("WatchFailoverIT: %d events told across the kill (%d before, %d after the resume), %d grants checked%n",
                reference.size(), firstPart.size(), secondPart.size(), fences.size());
    }

    /** Every event on {@code node} from the start up to and including {@code lastId}. */
    private static List<SseStream.Event> readFromStart(WardenProcess node, String lastId) {
        try (SseStream stream = SseStream.open(node.baseUrl(), WATCH)) {
            assertEquals(200, stream.status());
            return stream.until(e -> e.id().equals(lastId), SOON);
        }
    }

    private static void cycles(RetryingClient client, String session, int from, int to, List<Long> fences) {
        for (int i = from; i < to; i++) {
            String lock = "wf.lock." + i;
            RetryingClient.Outcome acquired = client.call((url, key) -> WardenApi.acquire(url, lock, session, "0s", key));
            assertEquals(200, acquired.status(), acquired::toString);
            long fence = acquired.reply().number("fence");
            fences.add(fence);
            RetryingClient.Outcome released = client.call((url, key) -> WardenApi.release(url, lock, session, fence, key));
            assertEquals(200, released.status(), released::toString);
        }
    }

    private void keepAlive(RetryingClient client, String primary, String standby, String writer) {
        while (running.get()) {
            for (String session : keepPrimary.get() ? List.of(primary, standby, writer) : List.of(standby, writer)) {
                client.call((url, key) -> WardenApi.keepAlive(url, session, key));
            }
            Pause.until(System.nanoTime() + Duration.ofMillis(500).toNanos());
        }
    }

    private static List<String> ids(List<SseStream.Event> events) {
        return events.stream().map(SseStream.Event::id).toList();
    }

    private static int indexOf(List<SseStream.Event> events, String type, String session) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).event().equals(type) && session.equals(events.get(i).data().get("session"))) {
                return i;
            }
        }
        return -1;
    }
}
