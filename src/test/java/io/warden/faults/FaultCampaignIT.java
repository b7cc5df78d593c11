package io.warden.faults;

import io.warden.faults.History.Create;
import io.warden.faults.History.Gone;
import io.warden.faults.History.Grant;
import io.warden.faults.History.Marker;
import io.warden.faults.History.Read;
import io.warden.faults.HistoryChecker.FinalLock;
import io.warden.process.Eventually;
import io.warden.process.Http;
import io.warden.process.Http.Reply;
import io.warden.process.LoadThreads;
import io.warden.process.RetryingClient;
import io.warden.process.RetryingClient.Outcome;
import io.warden.process.WardenCluster;
import io.warden.process.WardenProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import static io.warden.process.WardenApi.acquire;
import static io.warden.process.WardenApi.deleteSession;
import static io.warden.process.WardenApi.keepAlive;
import static io.warden.process.WardenApi.lock;
import static io.warden.process.WardenApi.postSession;
import static io.warden.process.WardenApi.release;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A fault campaign on three real processes: one fault after another of every {@link FaultKind} (kills,
 * pauses past the sessions' TTL, restarts, leadership moves, a member replaced, and, where network
 * namespaces can be made, a leader or follower cut off both ways or one way) while clients work through
 * random nodes: lock cycles on two contended locks guarding a {@link FencedResource}, sessions with a 4 s
 * TTL kept alive every 500 ms, acknowledged writes that must last (marker locks), sessions created once
 * under retried Idempotency-Keys, and linearizable reads of the latest acknowledged write. Timeouts and
 * 503s are unknown outcomes, retried with the same key. {@link HistoryChecker} then judges the history.
 *
 * <p>The default (CI) run injects each kind once; {@code -Dwarden.campaign.faults=N} runs N faults, the
 * kinds shuffled round by round ({@code -Dwarden.campaign.seed=S}, default 11). Network faults need root
 * and iproute2; without them the campaign runs on loopback and says which kinds it left out.
 */
class FaultCampaignIT {

    private static final int FAULTS = Integer.getInteger("warden.campaign.faults", 0);
    private static final long SEED = Long.getLong("warden.campaign.seed", 11);
    private static final Duration TTL = Duration.ofSeconds(4);
    private static final Duration KEEPALIVE_EVERY = Duration.ofMillis(500);
    /** A paused or cut-off node stays out longer than a TTL, so a lease alone would have run out. */
    private static final Duration OUT = Duration.ofSeconds(5);
    private static final int LOCK_CLIENTS = 4;
    private static final List<String> LOCKS = List.of("contended-a", "contended-b");
    /** Every this many cycles a client also writes a marker and creates a session once. */
    private static final int MARK_EVERY = 6;
    private static final int MAX_ATTEMPTS = 100;
    private static final Duration OP_BUDGET = Duration.ofSeconds(30);
    /** Grants to see after each fault before the next: each fault meets a group under load. */
    private static final int GRANTS_BETWEEN_FAULTS = 5;

    private final History history = new History();
    private final FencedResource resource = new FencedResource();
    private final LoadThreads load = new LoadThreads();
    private final AtomicBoolean keeping = new AtomicBoolean(true);
    private final Set<String> kept = ConcurrentHashMap.newKeySet();
    private final ExecutorService senders = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "campaign-keepalive");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger keepalivesSent = new AtomicInteger();
    private final AtomicInteger keepalivesOk = new AtomicInteger();
    private final AtomicInteger lockHeld = new AtomicInteger();
    private final AtomicInteger unknown = new AtomicInteger();
    private NetworkLab lab;
    private WardenCluster cluster;
    private RetryingClient client;
    private String durable;

    @AfterEach
    void stopEverything() throws InterruptedException {
        keeping.set(false);
        load.stop();
        senders.shutdownNow();
        senders.awaitTermination(15, TimeUnit.SECONDS);
        if (cluster != null) {
            cluster.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.HOURS) // the long run's bound; the fault loop has its own deadline
    void noFaultBreaksFencingDurabilityLivenessOfKeptSessionsOnceOnlyRetriesOrFreshReads() throws Exception {
        String noLab = NetworkLab.unavailableBecause();
        if (noLab == null) {
            lab = new NetworkLab();
            cluster = WardenCluster.start("campaign", lab.hosts(3));
        } else {
            System.out.println("FaultCampaignIT: no network faults here (" + noLab + "); running on loopback");
            cluster = WardenCluster.start("campaign", 3);
        }
        List<FaultKind> kinds = FaultKind.available(lab != null);
        List<FaultKind> plan = plan(kinds, FAULTS > 0 ? FAULTS : kinds.size(), new Random(SEED));
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10 + plan.size());

        client = new RetryingClient(cluster::nodes, MAX_ATTEMPTS, OP_BUDGET);
        durable = created(postSession(cluster.leader().baseUrl(), "1h", "durable", null));
        kept.add(durable);
        Thread keeper = new Thread(this::keepAliveForever, "campaign-keeper");
        keeper.setDaemon(true);
        keeper.start();
        load.start(LOCK_CLIENTS, "campaign-client", this::lockClient);
        load.start(1, "campaign-reader", id -> reader());
        awaitGrants(GRANTS_BETWEEN_FAULTS);

        FaultInjector injector = new FaultInjector(cluster, lab, new Random(SEED), OUT);
        Map<FaultKind, Integer> injected = new EnumMap<>(FaultKind.class);
        for (int i = 0; i < plan.size(); i++) {
            assertTrue(System.nanoTime() < deadline, "the campaign ran past its deadline after " + i + " faults");
            FaultKind kind = plan.get(i);
            int before = history.grants.size();
            long at = System.nanoTime();
            String what = injector.inject(kind);
            injected.merge(kind, 1, Integer::sum);
            System.out.printf("FaultCampaignIT: fault %d/%d %s: %s; group whole again after %d ms%n", i + 1, plan.size(),
                    kind, what, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - at));
            awaitGrants(before + GRANTS_BETWEEN_FAULTS);
        }

        load.stopAndAssertEnded();
        keeping.set(false);
        keeper.join(TimeUnit.SECONDS.toMillis(15));
        senders.shutdown();
        senders.awaitTermination(30, TimeUnit.SECONDS);

        Map<String, List<String>> results = new HistoryChecker(history, durable, TTL)
                .check(finalMarkers(), sessionsByName());
        report(injected, kinds, results);
        for (var check : results.entrySet()) {
            assertTrue(check.getValue().isEmpty(), () -> check.getKey() + ": " + check.getValue().size()
                    + " violations, first " + check.getValue().subList(0, Math.min(5, check.getValue().size())));
        }
        assertEquals(plan.size(), injected.values().stream().mapToInt(Integer::intValue).sum(), "faults injected");
        assertTrue(history.grants.size() >= GRANTS_BETWEEN_FAULTS * (plan.size() + 1), "grants under faults");
        assertTrue(!history.markers.isEmpty() && !history.reads.isEmpty() && !history.creates.isEmpty(),
                "every kind of operation ran");
    }

    /** Round after round of every kind, each round shuffled, cut to {@code count} faults. */
    private static List<FaultKind> plan(List<FaultKind> kinds, int count, Random random) {
        List<FaultKind> plan = new ArrayList<>();
        while (plan.size() < count) {
            List<FaultKind> round = new ArrayList<>(kinds);
            Collections.shuffle(round, random);
            plan.addAll(round);
        }
        return List.copyOf(plan.subList(0, count));
    }

    // ---- clients ---------------------------------------------------------------------------------

    private void lockClient(int id) {
        String session = null;
        for (int cycle = 0; load.running(); cycle++) {
            if (session == null) {
                session = newSession(id);
                if (session == null) {
                    continue;
                }
            }
            if (cycle % MARK_EVERY == 0) {
                marker("mark-" + id + "-" + cycle);
                createOnce("once-" + id + "-" + cycle);
            }
            String s = session;
            String lock = LOCKS.get(ThreadLocalRandom.current().nextInt(LOCKS.size()));
            Outcome acquired = client.call((url, key) -> acquire(url, lock, s, "2s", key));
            if (isProblem(acquired, 409, "urn:warden:lock-held")) {
                lockHeld.incrementAndGet();
                continue;
            }
            if (isProblem(acquired, 404, "urn:warden:session-not-found")) {
                session = gone(s, acquired, "acquire");
                continue;
            }
            if (acquired.status() != 200 || !s.equals(acquired.reply().string("session"))) {
                session = abandon(s, acquired); // the lock may be ours without our knowing
                continue;
            }
            long fence = acquired.reply().number("fence");
            boolean accepted = resource.write(lock, fence);
            // The critical section: short, so the two locks see contention and many grants.
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(ThreadLocalRandom.current().nextInt(5, 20)));
            accepted &= resource.write(lock, fence);
            Outcome released = client.call((url, key) -> release(url, lock, s, fence, key));
            history.grants.add(new Grant(lock, s, fence, acquired.firstSentNanos(), acquired.receivedNanos(),
                    released.firstSentNanos(), released.status(), !accepted));
            if (released.status() == 404 || released.status() == 409) {
                session = gone(s, released, "release answered " + released.status());
            } else if (released.status() != 200) {
                session = abandon(s, released);
            }
        }
        if (session != null) {
            String s = session;
            kept.remove(s);
            client.call((url, key) -> deleteSession(url, s, key));
        }
    }

    private String newSession(int id) {
        Outcome made = client.call((url, key) -> postSession(url, TTL.toSeconds() + "s", "campaign-" + id, key));
        if (made.status() != 201) {
            unknown.incrementAndGet();
            return null;
        }
        String session = made.reply().string("id");
        history.renewed(session, made.firstSentNanos());
        kept.add(session);
        return session;
    }

    private String gone(String session, Outcome outcome, String how) {
        kept.remove(session);
        history.gone.add(new Gone(session, outcome.receivedNanos(), how + ": " + outcome));
        return null;
    }

    /** Ends a session whose state the client no longer knows, so it cannot block the others. */
    private String abandon(String session, Outcome outcome) {
        unknown.incrementAndGet();
        kept.remove(session);
        client.call((url, key) -> deleteSession(url, session, key));
        return null;
    }

    private void marker(String lock) {
        Outcome acquired = client.call((url, key) -> acquire(url, lock, durable, "0s", key));
        if (acquired.status() == 200 && durable.equals(acquired.reply().string("session"))) {
            history.marker(new Marker(lock, acquired.reply().number("fence"), acquired.firstSentNanos(),
                    acquired.receivedNanos()));
        } else {
            unknown.incrementAndGet();
        }
    }

    private void createOnce(String name) {
        Outcome made = client.call((url, key) -> postSession(url, "1h", name, key));
        String id = made.status() == 201 ? made.reply().string("id") : null;
        history.creates.add(new Create(name, made.firstSentNanos(), made.status(), id));
    }

    /** Reads, through random nodes, the latest acknowledged marker, now and then an older one. */
    private void reader() {
        while (load.running()) {
            Marker latest = history.latestMarker();
            if (latest == null) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50)); // nothing to read yet
                continue;
            }
            List<Marker> all = List.copyOf(history.markers);
            Marker m = ThreadLocalRandom.current().nextInt(4) == 0 ? all.get(ThreadLocalRandom.current().nextInt(all.size()))
                    : latest;
            Outcome read = client.call((url, key) -> lock(url, m.lock()));
            Reply r = read.reply();
            boolean ok = read.status() == 200;
            history.reads.add(new Read(m, read.firstSentNanos(), read.receivedNanos(), read.status(),
                    ok ? r.string("holder.session") : null, ok && r.json().get("fence") != null ? r.number("fence") : null));
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // a steady trickle of reads, not a flood
        }
    }

    /** Every 500 ms, one keepalive per live session to a random running node, not waiting for answers. */
    private void keepAliveForever() {
        while (keeping.get()) {
            long round = System.nanoTime();
            List<WardenProcess> up = cluster.nodes().stream().filter(WardenProcess::isAlive).toList();
            for (String session : kept) {
                if (up.isEmpty()) {
                    break;
                }
                WardenProcess to = up.get(ThreadLocalRandom.current().nextInt(up.size()));
                keepalivesSent.incrementAndGet();
                senders.execute(() -> keepOnce(session, to));
            }
            LockSupport.parkNanos(round + KEEPALIVE_EVERY.toNanos() - System.nanoTime()); // the keepalive period
        }
    }

    private void keepOnce(String session, WardenProcess to) {
        long sent = System.nanoTime();
        try {
            Reply r = keepAlive(to.baseUrl(), session);
            if (r.status() == 200) {
                keepalivesOk.incrementAndGet();
                history.renewed(session, sent);
            } else if (r.status() == 404 && kept.remove(session)) {
                history.gone.add(new Gone(session, System.nanoTime(), "keepalive through " + to.nodeId() + ": " + r));
            }
        } catch (RuntimeException e) {
            // refused or timed out: the node is down or paused; the next round goes elsewhere
        }
    }

    private void awaitGrants(int atLeast) {
        Eventually.await(WardenCluster.START, atLeast + " grants", () -> history.grants.size() >= atLeast);
    }

    private static boolean isProblem(Outcome outcome, int status, String type) {
        return outcome.status() == status && type.equals(outcome.reply().string("type"));
    }

    private static String created(Reply reply) {
        assertEquals(201, reply.status(), reply::toString);
        return reply.string("id");
    }

    // ---- the end state ---------------------------------------------------------------------------

    /** Every marker lock as each node reads it (linearizable), paged. */
    private List<FinalLock> finalMarkers() {
        List<FinalLock> seen = new ArrayList<>();
        for (WardenProcess n : cluster.nodes()) {
            pages(n.baseUrl() + "/v1/locks?prefix=mark-", "locks", lock -> seen.add(new FinalLock(n.nodeId(),
                    (String) lock.get("name"), (String) ((Map<?, ?>) lock.getOrDefault("holder", Map.of())).get("session"),
                    lock.get("fence") == null ? null : ((Number) lock.get("fence")).longValue())));
        }
        return seen;
    }

    /** Live sessions by name, paged through the leader. */
    private Map<String, List<String>> sessionsByName() {
        Map<String, List<String>> byName = new HashMap<>();
        pages(cluster.leader().baseUrl() + "/v1/sessions?", "sessions", s -> byName
                .computeIfAbsent(String.valueOf(s.get("name")), k -> new ArrayList<>()).add((String) s.get("id")));
        return byName;
    }

    /** Walks a paged list ({@code ?limit=&after=}, then {@code next}) and hands each item on. */
    private static void pages(String url, String field, Consumer<Map<String, Object>> each) {
        String after = null;
        do {
            String page = url + (url.endsWith("?") ? "" : "&") + "limit=1000" + (after == null ? "" : "&after=" + after);
            Reply reply = WardenCluster.settled("GET " + page, () -> Http.get(page));
            assertEquals(200, reply.status(), reply::toString);
            List<Map<String, Object>> items = reply.json().getList(field);
            items.forEach(each);
            after = reply.string("next");
        } while (after != null);
    }

    private void report(Map<FaultKind, Integer> injected, List<FaultKind> kinds, Map<String, List<String>> results) {
        int faults = injected.values().stream().mapToInt(Integer::intValue).sum();
        List<FaultKind> leftOut = List.of(FaultKind.values()).stream().filter(k -> !kinds.contains(k)).toList();
        long retriedCreates = history.creates.stream().filter(c -> c.status() == 201).count();
        System.out.printf("FaultCampaignIT: faults injected %d %s%s (network faults by the lab: %d)%n", faults, injected,
                leftOut.isEmpty() ? "" : ", left out " + leftOut, lab == null ? 0 : lab.faultsInjected());
        System.out.printf("FaultCampaignIT: operations: grants %d, lock-held answers %d, markers %d, reads %d, creates %d"
                        + " (%d acknowledged), keepalives %d (%d ok), sessions found gone %d, unknown outcomes %d;"
                        + " fenced resource accepted %d, refused %d; client %s%n",
                history.grants.size(), lockHeld.get(), history.markers.size(), history.reads.size(),
                history.creates.size(), retriedCreates, keepalivesSent.get(), keepalivesOk.get(), history.gone.size(),
                unknown.get(), resource.accepted(), resource.refused(), client.counts());
        results.forEach((check, violations) -> System.out.printf("FaultCampaignIT: check '%s': %d violations%n",
                check, violations.size()));
    }
}
