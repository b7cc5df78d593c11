package io.warden.faults;

import io.warden.faults.History.Create;
import io.warden.faults.History.Gone;
import io.warden.faults.History.Grant;
import io.warden.faults.History.Marker;
import io.warden.faults.History.Read;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Judges a fault campaign's {@link History} against what Warden promises, one check per promise. Each
 * check lists its violations; an empty list is a pass. The checks only use what a client can know: an
 * operation took effect at some instant between its first send and its final answer.
 */
final class HistoryChecker {

    /** Leeway for the test's and the nodes' clocks ticking at slightly different moments. */
    private static final long CLOCK_SLACK_NANOS = Duration.ofMillis(100).toNanos();

    /** What the group held at the end, read through every node: per lock its holder and fence. */
    record FinalLock(String node, String lock, String holder, Long fence) {}

    private final History history;
    private final String durableSession;
    private final Duration ttl;

    HistoryChecker(History history, String durableSession, Duration ttl) {
        this.history = history;
        this.durableSession = durableSession;
        this.ttl = ttl;
    }

    /** Every check by name, in order, with its violations. */
    Map<String, List<String>> check(List<FinalLock> finalMarkers, Map<String, List<String>> sessionsByName) {
        Map<String, List<String>> results = new LinkedHashMap<>();
        results.put("fences unique", uniqueFences());
        results.put("one holder at a time", exclusive());
        results.put("fences grow in real-time order", fenceOrder());
        results.put("fenced resource refused no holder", fencedWrites());
        results.put("acknowledged writes kept", acknowledgedKept(finalMarkers));
        results.put("sessions kept alive never expired", liveSessionsKept());
        results.put("retries applied once", appliedOnce(sessionsByName));
        results.put("reads not stale", freshReads());
        return results;
    }

    private record Acquired(String what, long fence, long sent, long received) {}

    private List<Acquired> allAcquired() {
        List<Acquired> all = new ArrayList<>();
        history.grants.forEach(g -> all.add(new Acquired(g.toString(), g.fence(), g.acquireSent(), g.acquireReceived())));
        history.markers.forEach(m -> all.add(new Acquired(m.toString(), m.fence(), m.acquireSent(), m.acquireReceived())));
        return all;
    }

    List<String> uniqueFences() {
        return allAcquired().stream().collect(Collectors.groupingBy(Acquired::fence)).values().stream()
                .filter(same -> same.size() > 1)
                .map(same -> "fence " + same.get(0).fence() + " granted " + same.size() + " times: " + same).toList();
    }

    /** Per lock in fence order: a grant released as still held ended before the next one was answered. */
    List<String> exclusive() {
        List<String> violations = new ArrayList<>();
        Map<String, List<Grant>> byLock = new HashMap<>();
        history.grants.forEach(g -> byLock.computeIfAbsent(g.lock(), k -> new ArrayList<>()).add(g));
        for (List<Grant> ofLock : byLock.values()) {
            ofLock.sort(Comparator.comparingLong(Grant::fence));
            for (int i = 1; i < ofLock.size(); i++) {
                Grant earlier = ofLock.get(i - 1);
                Grant later = ofLock.get(i);
                if (earlier.releaseStatus() == 200 && earlier.releaseSent() > later.acquireReceived()) {
                    violations.add(earlier + " still held when " + later + " was answered ("
                            + (earlier.releaseSent() - later.acquireReceived()) / 1_000 + " us)");
                }
            }
        }
        return violations;
    }

    /** An acquire sent after another was answered carries the larger fence (the fence is the log's). */
    List<String> fenceOrder() {
        List<Acquired> bySent = allAcquired().stream().sorted(Comparator.comparingLong(Acquired::sent)).toList();
        List<Acquired> byReceived = allAcquired().stream().sorted(Comparator.comparingLong(Acquired::received)).toList();
        List<String> violations = new ArrayList<>();
        Acquired witness = null;
        int r = 0;
        for (Acquired b : bySent) {
            while (r < byReceived.size() && byReceived.get(r).received() < b.sent()) {
                Acquired a = byReceived.get(r++);
                if (witness == null || a.fence() > witness.fence()) {
                    witness = a;
                }
            }
            if (witness != null && b.fence() <= witness.fence()) {
                violations.add(b.what() + " sent after " + witness.what() + " was answered, yet its fence is not larger");
            }
        }
        return violations;
    }

    /** A refused write means a higher fence was in use: the grant must have been lost, not released as held. */
    List<String> fencedWrites() {
        return history.grants.stream().filter(g -> g.refused() && g.releaseStatus() == 200)
                .map(g -> "the resource refused " + g + " although its session still held the lock").toList();
    }

    /** Every marker acknowledged is held by the durable session with its fence, as every node reads it. */
    List<String> acknowledgedKept(List<FinalLock> finalMarkers) {
        Map<String, List<FinalLock>> byLock = finalMarkers.stream().collect(Collectors.groupingBy(FinalLock::lock));
        List<String> violations = new ArrayList<>();
        for (Marker m : history.markers) {
            List<FinalLock> seen = byLock.getOrDefault(m.lock(), List.of());
            if (seen.isEmpty()) {
                violations.add(m + " was never read at the end");
            }
            for (FinalLock f : seen) {
                if (!durableSession.equals(f.holder()) || f.fence() == null || f.fence() != m.fence()) {
                    violations.add(m + " lost: " + f);
                }
            }
        }
        return violations;
    }

    /** A session found gone must have gone a whole TTL without an acknowledged renewal. */
    List<String> liveSessionsKept() {
        List<String> violations = new ArrayList<>();
        for (Gone g : history.gone) {
            for (long renewedSent : history.renewalsOf(g.session())) {
                long earliestExpiry = renewedSent + ttl.toNanos() - CLOCK_SLACK_NANOS;
                if (renewedSent < g.received() && g.received() < earliestExpiry) {
                    violations.add("session " + g.session() + " found gone (" + g.how() + ") "
                            + (earliestExpiry - g.received()) / 1_000_000 + " ms before a TTL had passed since a renewal");
                    break;
                }
            }
        }
        return violations;
    }

    /** Each create, however often retried, made at most one session, and an acknowledged one made it. */
    List<String> appliedOnce(Map<String, List<String>> sessionsByName) {
        List<String> violations = new ArrayList<>();
        for (Create c : history.creates) {
            List<String> made = sessionsByName.getOrDefault(c.name(), List.of());
            if (made.size() > 1) {
                violations.add(c + " made " + made.size() + " sessions: " + made);
            } else if (c.id() != null && !made.equals(List.of(c.id()))) {
                violations.add(c + " was acknowledged, yet the group has " + made);
            }
        }
        return violations;
    }

    /** A read sent after a marker was acknowledged shows it: held by the durable session with its fence. */
    List<String> freshReads() {
        List<String> violations = new ArrayList<>();
        for (Read r : history.reads) {
            if (r.status() == 200) {
                if (!durableSession.equals(r.holder()) || r.fence() == null || r.fence() != r.marker().fence()) {
                    violations.add("stale read " + r);
                }
            } else if (r.status() != -1 && r.status() != 503) {
                violations.add("read answered " + r);
            }
        }
        return violations;
    }
}
