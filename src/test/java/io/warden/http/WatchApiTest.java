package io.warden.http;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.warden.domain.watch.EventId;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.warden.http.Api.acquire;
import static io.warden.http.Api.hold;
import static io.warden.http.Api.json;
import static io.warden.http.Api.newSession;
import static io.warden.http.Api.putMember;
import static io.warden.http.Api.release;
import static io.warden.http.Api.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /v1/watch}: events in log order with ids a client resumes from, the filters, progress and
 * compaction, and every refusal as problem+json. The test node keeps 500 events and sends progress after 300 ms.
 */
@QuarkusTest
class WatchApiTest {

    private static final Duration SOON = Duration.ofSeconds(5);

    @Inject
    WatchHub hub;

    private final List<SseStream> opened = new ArrayList<>();

    private SseStream watch(String query, String... headers) {
        SseStream stream = SseStream.open("http://127.0.0.1:" + RestAssured.port, "/v1/watch" + query, headers);
        opened.add(stream);
        return stream;
    }

    @BeforeEach
    void noStreamsLeftOpen() {
        opened.forEach(SseStream::close);
        Eventually.within(SOON, () -> assertEquals(0, hub.openStreams(), "streams of earlier tests closed"));
    }

    @org.junit.jupiter.api.AfterEach
    void closeStreams() {
        opened.forEach(SseStream::close);
        opened.clear();
    }

    @Test
    void aLockCycleIsToldInLogOrderWithIdsOfTheLog() {
        String lock = unique("watch-cycle");
        SseStream stream = watch("?prefix=" + lock);
        assertEquals(200, stream.status());
        assertTrue(stream.header("Content-Type").startsWith("text/event-stream"));
        long opened = Long.parseLong(stream.header(Api.INDEX));

        String session = newSession("30s");
        Response acquired = acquire(lock, session, null);
        long fence = Api.number(acquired, "fence");
        release(lock, session).then().statusCode(200);

        SseStream.Event granted = stream.nextEvent(SOON);
        assertEquals("lock.granted", granted.event());
        assertEquals(Map.of("type", "lock.granted", "index", granted.data().get("index"), "lock", lock,
                "session", session, "fence", (int) fence), granted.data());
        EventId grantedId = EventId.parse(granted.id()).orElseThrow();
        assertEquals(granted.index(), grantedId.index());
        assertTrue(grantedId.index() > opened && grantedId.index() <= Api.index(acquired),
                "the grant's entry lies between the watch's start and the acquire's answer");

        SseStream.Event released = stream.nextEvent(SOON);
        assertEquals("lock.released", released.event());
        assertEquals("released", released.data().get("reason"));
        assertEquals((int) fence, released.data().get("fence"));
        assertTrue(EventId.parse(released.id()).orElseThrow().compareTo(grantedId) > 0, "ids increase");
    }

    @Test
    void aResumedWatchGetsEveryLaterEventExactlyOnce() {
        String prefix = unique("watch-resume");
        long start = Api.index(given().get("/v1/locks"));
        String session = newSession("30s");
        for (int i = 0; i < 6; i++) {
            hold(prefix + "." + i, session);
        }
        SseStream all = watch("?prefix=" + prefix + "&from=" + start);
        List<SseStream.Event> six = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            six.add(all.nextEvent(SOON));
        }
        assertEquals(List.of(prefix + ".0", prefix + ".1", prefix + ".2", prefix + ".3", prefix + ".4", prefix + ".5"),
                six.stream().map(e -> e.data().get("lock")).toList());
        all.close();

        SseStream resumed = watch("?prefix=" + prefix + "&from=" + start, "Last-Event-ID", six.get(2).id());
        hold(prefix + ".6", session);
        List<Object> after = resumed.until(e -> (prefix + ".6").equals(e.data().get("lock")), SOON).stream()
                .map(e -> e.data().get("lock")).toList();
        assertEquals(List.of(prefix + ".3", prefix + ".4", prefix + ".5", prefix + ".6"), after,
                "Last-Event-ID wins over from, and nothing is repeated or skipped");

        SseStream fromIndex = watch("?prefix=" + prefix + "&from=" + six.get(4).index());
        assertEquals(prefix + ".5", fromIndex.nextEvent(SOON).data().get("lock"));
        assertEquals(prefix + ".6", fromIndex.nextEvent(SOON).data().get("lock"));
    }

    @Test
    void aHolderWatchingItsSessionLearnsItLostItsLock() {
        String lock = unique("watch-loss");
        String holder = newSession("1s");
        String other = newSession("30s");
        SseStream stream = watch("?session=" + holder);
        long fence = hold(lock, holder);
        hold(unique("watch-other"), other);
        assertEquals("lock.granted", stream.nextEvent(SOON).event());
        // No keepalive: the session expires about a second later and the lock goes with it.
        SseStream.Event lost = stream.nextEvent(SOON);
        assertEquals("lock.released", lost.event());
        assertEquals(Map.of("type", "lock.released", "index", lost.data().get("index"), "lock", lock, "session", holder,
                "fence", (int) fence, "reason", "session-ended"), lost.data());
        SseStream.Event ended = stream.nextEvent(SOON);
        assertEquals("session.ended", ended.event());
        assertEquals("expired", ended.data().get("reason"));
        assertEquals(lost.index(), ended.index(), "one expiry entry");
    }

    @Test
    void typesSelectKindsAndMembersAndElectionsAreTold() {
        String group = unique("watch-group");
        String session = newSession("30s");
        SseStream members = watch("?types=member&prefix=" + group);
        SseStream elections = watch("?types=election,session&session=" + session);
        hold(group + "-lock", session);
        putMember(group, "m1", session).then().statusCode(200);
        json().body(Map.of("session", session, "address", "10.0.0.9:80", "weight", 3))
                .put("/v1/groups/{g}/members/{m}", group, "m1").then().statusCode(200);
        given().delete("/v1/groups/{g}/members/{m}", group, "m1").then().statusCode(204);
        String election = unique("watch-election");
        Response won = json().body(Map.of("session", session, "value", "a")).post("/v1/elections/{e}/campaign", election);
        long term = Api.number(won, "term");
        json().body(Map.of("session", session, "term", term, "value", "b")).post("/v1/elections/{e}/proclaim", election)
                .then().statusCode(200);
        json().body(Map.of("session", session, "term", term)).post("/v1/elections/{e}/resign", election)
                .then().statusCode(200);

        assertEquals(List.of("member.joined", "member.updated", "member.left"),
                List.of(members.nextEvent(SOON).event(), members.nextEvent(SOON).event(), members.nextEvent(SOON).event()));
        SseStream.Event elected = elections.nextEvent(SOON);
        assertEquals("election.elected", elected.event());
        assertEquals(Map.of("type", "election.elected", "index", elected.data().get("index"), "election", election,
                "session", session, "term", (int) term, "value", "a"), elected.data());
        SseStream.Event proclaimed = elections.nextEvent(SOON);
        assertEquals("election.proclaimed", proclaimed.event());
        assertEquals("b", proclaimed.data().get("value"));
        SseStream.Event resigned = elections.nextEvent(SOON);
        assertEquals("election.resigned", resigned.event());
        assertEquals("resigned", resigned.data().get("reason"));
    }

    @Test
    void aQuietWatchSendsProgressThatResumesWhereItStands() {
        SseStream stream = watch("?prefix=" + unique("watch-quiet"));
        hold(unique("watch-noise"), newSession("30s"));
        SseStream.Event progress = stream.next(SOON);
        assertEquals("progress", progress.event());
        assertEquals(progress.id(), Long.toString(progress.index()), "a progress id is the bare index");
        assertTrue(progress.index() >= Long.parseLong(stream.header(Api.INDEX)));
    }

    @Test
    void aResumePointOlderThanTheHistoryIsToldCompactedAndTheStreamEnds() {
        String session = newSession("30s");
        String lock = unique("watch-flood");
        for (int i = 0; i < 260; i++) {
            long fence = hold(lock, session);
            release(lock, session, fence).then().statusCode(200);
        }
        SseStream stream = watch("?from=0");
        SseStream.Event compacted = stream.next(SOON);
        assertEquals("compacted", compacted.event());
        assertTrue(((Number) compacted.data().get("compactedTo")).longValue() > 0);
        assertTrue(compacted.index() >= ((Number) compacted.data().get("compactedTo")).longValue());
        assertTrue(stream.endsWithin(SOON), "the stream ends after compacted");
        Eventually.within(SOON, () -> assertEquals(0, hub.openStreams()));
    }

    @Test
    void badFiltersAndResumePointsAreRefusedAsProblems() {
        String valid = "00000000-0000-0000-0000-000000000000";
        assertInvalid(watch("?types=lock,bogus"), "types");
        assertInvalid(watch("?from=-1"), "from");
        assertInvalid(watch("?from=ten"), "from");
        assertInvalid(watch("", "Last-Event-ID", "12.x"), "Last-Event-ID");
        assertInvalid(watch("?session=nope"), "session");
        assertInvalid(watch("?prefix=a%20b"), "prefix");
        assertInvalid(watch("?prefix=a&prefix=b"), "prefix");
        assertEquals(200, watch("?session=" + valid + "&types=lock").status());

        SseStream json = watch("", "Accept", "application/json");
        assertEquals(406, json.status());
        assertTrue(json.body().contains("urn:warden:not-acceptable"));

        Response post = given().post("/v1/watch");
        Api.assertProblem(post, 405, "urn:warden:method-not-allowed").header("Allow", "GET");
    }

    @Test
    void oneStreamOverTheLimitIsAnswered429() {
        // The test node serves 16 streams.
        for (int i = 0; i < 16; i++) {
            assertEquals(200, watch("?prefix=limit").status());
        }
        SseStream refused = watch("?prefix=limit");
        assertEquals(429, refused.status());
        assertNotNull(refused.header("Retry-After"));
        assertTrue(refused.body().contains("urn:warden:limit"));
        opened.get(0).close();
        Eventually.within(SOON, () -> assertEquals(200, watch("?prefix=limit").status()));
    }

    private static void assertInvalid(SseStream stream, String field) {
        assertEquals(400, stream.status(), field);
        assertTrue(stream.header("Content-Type").startsWith(Api.PROBLEM_JSON), field);
        String body = stream.body();
        assertTrue(body.contains("urn:warden:invalid-request") && body.contains("\"field\":\"" + field + "\""), body);
        assertFalse(stream.ended() && stream.status() == 200);
    }
}
