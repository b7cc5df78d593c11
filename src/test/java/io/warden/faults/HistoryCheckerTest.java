package io.warden.faults;

import io.warden.faults.History.Create;
import io.warden.faults.History.Gone;
import io.warden.faults.History.Grant;
import io.warden.faults.History.Marker;
import io.warden.faults.History.Read;
import io.warden.faults.HistoryChecker.FinalLock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The campaign's checker must fail when the history breaks a promise, or a clean campaign proves
 * nothing: one history per check, each breaking that promise alone, with times in milliseconds.
 */
class HistoryCheckerTest {

    private static final String DURABLE = "durable";
    private static final Duration TTL = Duration.ofSeconds(4);
    private static final Marker M1 = new Marker("mark-1", 7, ms(0), ms(5));

    private final History history = new History();

    @Test
    void aCleanHistoryPasses() {
        cleanHistory();
        Map<String, List<String>> results = check(List.of(kept(M1)), Map.of("once-1", List.of("s-once")));
        assertEquals(8, results.size(), results::toString);
        results.forEach((check, violations) -> assertTrue(violations.isEmpty(), check + ": " + violations));
    }

    @Test
    void aFenceGrantedTwiceIsCaught() {
        history.grants.add(grant("a", "s1", 10, 0, 5, 20, 200));
        history.grants.add(grant("b", "s2", 10, 30, 35, 40, 200));
        assertCaught("fences unique");
    }

    @Test
    void twoHoldersAtOnceAreCaught() {
        history.grants.add(grant("a", "s1", 10, 0, 5, 50, 200));
        history.grants.add(grant("a", "s2", 11, 10, 20, 60, 200)); // answered before s1 sent its release
        assertCaught("one holder at a time");
    }

    @Test
    void aHolderThatLostItsLockMayOverlapItsSuccessor() {
        history.grants.add(grant("a", "s1", 10, 0, 5, 50, 409)); // its session had expired
        history.grants.add(grant("a", "s2", 11, 10, 20, 60, 200));
        assertTrue(checker().exclusive().isEmpty());
    }

    @Test
    void aSmallerFenceAfterALargerOneIsCaught() {
        history.grants.add(grant("a", "s1", 12, 0, 5, 10, 200));
        history.grants.add(grant("b", "s2", 11, 20, 25, 30, 200)); // sent after fence 12 was answered
        assertCaught("fences grow in real-time order");
    }

    @Test
    void aRefusedWriteByAHolderIsCaught() {
        history.grants.add(new Grant("a", "s1", 10, ms(0), ms(5), ms(10), 200, true));
        assertCaught("fenced resource refused no holder");
    }

    @Test
    void aLostMarkerIsCaught() {
        history.marker(M1);
        Map<String, List<String>> results = check(List.of(new FinalLock("n1", "mark-1", null, null)), Map.of());
        assertEquals(1, results.get("acknowledged writes kept").size(), results::toString);
    }

    @Test
    void aSessionGoneWithinItsTtlIsCaughtAndOneGonePastItIsNot() {
        history.renewed("s1", ms(1_000));
        history.gone.add(new Gone("s1", ms(4_000), "keepalive"));
        history.renewed("s2", ms(1_000));
        history.gone.add(new Gone("s2", ms(5_100), "keepalive"));
        List<String> violations = checker().liveSessionsKept();
        assertEquals(1, violations.size(), violations::toString);
        assertTrue(violations.get(0).contains("s1"), violations::toString);
    }

    @Test
    void aRetryAppliedTwiceIsCaught() {
        history.creates.add(new Create("once-1", ms(0), 201, "s-a"));
        assertEquals(1, checker().appliedOnce(Map.of("once-1", List.of("s-a", "s-b"))).size());
        assertEquals(1, checker().appliedOnce(Map.of()).size(), "an acknowledged create that is not there");
    }

    @Test
    void aStaleReadIsCaught() {
        history.marker(M1);
        history.reads.add(new Read(M1, ms(10), ms(12), 200, null, null));
        assertCaught("reads not stale");
    }

    private void cleanHistory() {
        history.grants.add(grant("a", "s1", 10, 0, 5, 20, 200));
        history.grants.add(grant("a", "s2", 11, 10, 25, 40, 200));
        history.grants.add(grant("b", "s1", 12, 30, 35, 45, 409));
        history.marker(M1);
        history.reads.add(new Read(M1, ms(10), ms(12), 200, DURABLE, 7L));
        history.reads.add(new Read(M1, ms(20), ms(30), 503, null, null));
        history.renewed("s3", ms(0));
        history.gone.add(new Gone("s3", ms(4_200), "acquire"));
        history.creates.add(new Create("once-1", ms(0), 201, "s-once"));
        history.creates.add(new Create("once-2", ms(0), -1, null));
    }

    private void assertCaught(String check) {
        Map<String, List<String>> results = check(List.of(), Map.of());
        assertTrue(!results.get(check).isEmpty(), () -> check + " passed a history that breaks it: " + results);
    }

    private Map<String, List<String>> check(List<FinalLock> finals, Map<String, List<String>> sessions) {
        return checker().check(finals, sessions);
    }

    private HistoryChecker checker() {
        return new HistoryChecker(history, DURABLE, TTL);
    }

    private static FinalLock kept(Marker m) {
        return new FinalLock("n1", m.lock(), DURABLE, m.fence());
    }

    private static Grant grant(String lock, String session, long fence, long sent, long received, long releaseSent,
                               int releaseStatus) {
        return new Grant(lock, session, fence, ms(sent), ms(received), ms(releaseSent), releaseStatus, false);
    }

    private static long ms(long millis) {
        return millis * 1_000_000;
    }
}
