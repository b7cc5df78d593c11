package io.warden.http;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static io.restassured.RestAssured.given;
import static io.warden.http.Api.assertProblem;
import static io.warden.http.Api.async;
import static io.warden.http.Api.index;
import static io.warden.http.Api.join;
import static io.warden.http.Api.json;
import static io.warden.http.Api.newSession;
import static io.warden.http.Api.number;
import static io.warden.http.Api.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The election endpoints of the API: campaign, proclaim, resign, observe, the term check. */
@QuarkusTest
class ElectionApiTest {

    private static Response campaign(String election, String session, String value, String wait) {
        return json().body(wait == null ? Map.of("session", session, "value", value)
                        : Map.of("session", session, "value", value, "wait", wait))
                .when().post("/v1/elections/{name}/campaign", election);
    }

    private static void awaitCandidates(String election, int candidates) {
        Eventually.within(Duration.ofSeconds(3),
                () -> assertEquals(candidates, ((Number) read(election, "").path("candidates")).intValue()));
    }

    private static Response read(String election, String query) {
        return given().when().get("/v1/elections/{name}" + query, election);
    }

    @Test
    void aCampaignWinsATermAndAnyoneCanObserveAndCheckIt() {
        String primary = newSession("30s");
        String election = unique("db-primary");
        Response won = campaign(election, primary, "10.0.0.5:5432", null);
        won.then().statusCode(200)
                .body("election", equalTo(election))
                .body("leader.session", equalTo(primary))
                .body("leader.value", equalTo("10.0.0.5:5432"));
        long term = number(won, "term");

        read(election, "").then().statusCode(200)
                .body("election", equalTo(election))
                .body("leader.session", equalTo(primary))
                .body("leader.value", equalTo("10.0.0.5:5432"))
                .body("term", equalTo((int) term))
                .body("candidates", equalTo(0))
                .body("index", equalTo((int) index(won)));
        read(election, "?term=" + term).then().statusCode(200);
        assertProblem(read(election, "?term=" + (term - 1)), 409, "urn:warden:stale-term").body("term", equalTo((int) term));
        assertProblem(read(election, "?term="), 400, "urn:warden:invalid-request");

        // Campaigning again while leading: the same term (safe to retry).
        assertEquals(term, number(campaign(election, primary, "other", null), "term"));
        given().when().get("/v1/elections").then().statusCode(200).body("elections.election", hasItem(election));
    }

    @Test
    void aStandbyIsToldWhoLeadsAndTakesOverWhenThePrimaryResigns() {
        String primary = newSession("30s");
        String standby = newSession("30s");
        String election = unique("svc");
        long term = number(campaign(election, primary, "a:1", null), "term");

        assertProblem(campaign(election, standby, "b:1", "0s"), 409, "urn:warden:not-elected")
                .body("leader.session", equalTo(primary))
                .body("leader.value", equalTo("a:1"))
                .body("term", equalTo((int) term));

        CompletableFuture<Response> waiting = async(() -> campaign(election, standby, "b:1", "10s"));
        awaitCandidates(election, 1);
        assertFalse(waiting.isDone(), "the standby waits while the primary leads");

        json().body(Map.of("session", primary, "term", term)).when().post("/v1/elections/{name}/resign", election)
                .then().statusCode(200).body("resigned", equalTo(true));
        Response tookOver = join(waiting);
        tookOver.then().statusCode(200).body("leader.session", equalTo(standby)).body("leader.value", equalTo("b:1"));
        assertTrue(number(tookOver, "term") > term, "the new term is larger");
        assertProblem(read(election, "?term=" + term), 409, "urn:warden:stale-term");
    }

    @Test
    void whenThePrimarysSessionEndsTheStandbyLeads() {
        String primary = newSession("30s");
        String standby = newSession("30s");
        String election = unique("failover");
        campaign(election, primary, "a", null).then().statusCode(200);
        CompletableFuture<Response> waiting = async(() -> campaign(election, standby, "b", "10s"));
        awaitCandidates(election, 1);
        given().when().delete("/v1/sessions/{id}", primary).then().statusCode(204);
        join(waiting).then().statusCode(200).body("leader.session", equalTo(standby));
    }

    @Test
    void aWaitThatRunsOutIsWithdrawnAtomically() {
        String primary = newSession("30s");
        String standby = newSession("30s");
        String election = unique("timeout");
        campaign(election, primary, "a", null);
        assertProblem(campaign(election, standby, "b", "300ms"), 409, "urn:warden:not-elected");
        read(election, "").then().body("candidates", equalTo(0));
        json().body(Map.of("session", primary)).when().post("/v1/elections/{name}/resign", election).then().statusCode(200);
        read(election, "").then().body("leader", nullValue()).body("term", nullValue());
    }

    @Test
    void proclaimAndResignNeedTheLeaderAndItsTerm() {
        String primary = newSession("30s");
        String other = newSession("30s");
        String election = unique("proclaim");
        long term = number(campaign(election, primary, "v1", null), "term");
        json().body(Map.of("session", primary, "term", term, "value", "v2"))
                .when().post("/v1/elections/{name}/proclaim", election)
                .then().statusCode(200).body("leader.value", equalTo("v2")).body("term", equalTo((int) term));
        read(election, "").then().body("leader.value", equalTo("v2"));

        assertProblem(json().body(Map.of("session", other, "term", term, "value", "x"))
                .when().post("/v1/elections/{name}/proclaim", election), 409, "urn:warden:not-leader");
        assertProblem(json().body(Map.of("session", primary, "term", term + 7, "value", "x"))
                .when().post("/v1/elections/{name}/proclaim", election), 409, "urn:warden:stale-term");
        assertProblem(json().body(Map.of("session", other)).when().post("/v1/elections/{name}/resign", election),
                409, "urn:warden:not-leader");
        read(election, "").then().body("leader.session", equalTo(primary)).body("leader.value", equalTo("v2"));
    }

    @Test
    void aBlockingQueryAnswersWhenTheLeaderChanges() {
        String primary = newSession("30s");
        String election = unique("observe");
        Response won = campaign(election, primary, "a", null);
        long index = index(won);
        CompletableFuture<Response> observing = async(() -> read(election, "?index=" + index + "&wait=10s"));
        json().body(Map.of("session", primary)).when().post("/v1/elections/{name}/resign", election).then().statusCode(200);
        Response changed = join(observing);
        changed.then().statusCode(200).body("leader", nullValue());
        assertTrue(index(changed) > index);
    }

    @Test
    void aBlockingQueryForAnIndexNoReadGaveAnswersAtOnce() {
        String election = unique("future");
        long started = System.nanoTime();
        read(election, "?index=" + Long.MAX_VALUE / 2 + "&wait=20s").then().statusCode(200).body("leader", nullValue());
        given().when().get("/v1/groups/{g}/ring?index=" + Long.MAX_VALUE / 2 + "&wait=20s", election).then().statusCode(200);
        assertTrue(System.nanoTime() - started < java.util.concurrent.TimeUnit.SECONDS.toNanos(10),
                "an index from the future does not hold the request for its wait");
    }

    @Test
    void aRetryWithTheSameKeyAnswersTheFirstOutcome() {
        String primary = newSession("30s");
        String election = unique("retry");
        String body = "{\"session\":\"" + primary + "\",\"value\":\"a\"}";
        Response first = json().header("Idempotency-Key", "k-" + election).body(body)
                .when().post("/v1/elections/{name}/campaign", election);
        Response again = json().header("Idempotency-Key", "k-" + election).body(body)
                .when().post("/v1/elections/{name}/campaign", election);
        assertEquals(first.asString(), again.asString());
    }

    @Test
    void badInputIsRefusedAndChangesNothing() {
        String session = newSession("30s");
        String election = unique("bad");
        for (String body : List.of("{}", "{\"session\":\"" + session + "\",\"wait\":\"6m\"}",
                "{\"session\":\"" + session + "\",\"value\":\"" + "v".repeat(4097) + "\"}",
                "{\"session\":\"" + session + "\",\"value\":7}", "{not json")) {
            assertProblem(json().body(body).when().post("/v1/elections/{name}/campaign", election), 400,
                    "urn:warden:invalid-request");
        }
        for (String body : List.of("{\"session\":\"" + session + "\",\"value\":\"v\"}",
                "{\"session\":\"" + session + "\",\"term\":0,\"value\":\"v\"}",
                "{\"session\":\"" + session + "\",\"term\":\"1\",\"value\":\"v\"}",
                "{\"session\":\"" + session + "\",\"term\":1}")) {
            assertProblem(json().body(body).when().post("/v1/elections/{name}/proclaim", election), 400,
                    "urn:warden:invalid-request");
        }
        assertProblem(campaign(election, "00000000-0000-0000-0000-000000000000", "v", null), 404,
                "urn:warden:session-not-found");
        assertProblem(read("bad name!", ""), 400, "urn:warden:invalid-request");
        assertProblem(read(election, "?index=-1"), 400, "urn:warden:invalid-request");
        assertProblem(read(election, "?term=x"), 400, "urn:warden:invalid-request");
        read(election, "").then().statusCode(200).body("leader", nullValue()).body("candidates", equalTo(0));
    }
}
