package io.warden.http;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.warden.http.Api.acquire;
import static io.warden.http.Api.assertProblem;
import static io.warden.http.Api.hold;
import static io.warden.http.Api.index;
import static io.warden.http.Api.json;
import static io.warden.http.Api.newSession;
import static io.warden.http.Api.putMember;
import static io.warden.http.Api.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class ProtocolApiTest {

    @Test
    void everyKindOfAnswerCarriesTheWardenIndex() {
        String session = newSession("30s");
        String lock = unique("indexed");
        String group = unique("indexed");
        Map<String, Integer> expected = new LinkedHashMap<>();
        Map<String, Response> answers = new LinkedHashMap<>();
        answers.put("create", json().body("{\"ttl\":\"30s\"}").when().post("/v1/sessions"));
        expected.put("create", 201);
        answers.put("keepalive", given().when().put("/v1/sessions/{id}/keepalive", session));
        expected.put("keepalive", 200);
        answers.put("session", given().when().get("/v1/sessions/{id}", session));
        expected.put("session", 200);
        answers.put("sessions", given().when().get("/v1/sessions"));
        expected.put("sessions", 200);
        answers.put("acquire", acquire(lock, session, null));
        expected.put("acquire", 200);
        answers.put("lock", given().when().get("/v1/locks/{name}", lock));
        expected.put("lock", 200);
        answers.put("locks", given().when().get("/v1/locks"));
        expected.put("locks", 200);
        answers.put("put member", putMember(group, "m", session));
        expected.put("put member", 200);
        answers.put("members", given().when().get("/v1/groups/{g}/members", group));
        expected.put("members", 200);
        answers.put("groups", given().when().get("/v1/groups"));
        expected.put("groups", 200);
        answers.put("cluster", given().when().get("/v1/cluster"));
        expected.put("cluster", 200);
        answers.put("delete member", given().when().delete("/v1/groups/{g}/members/{m}", group, "m"));
        expected.put("delete member", 204);
        answers.put("unknown session", given().when().get("/v1/sessions/{id}", unique("ghost")));
        expected.put("unknown session", 404);
        answers.put("lock held", acquire(lock, newSession("30s"), null));
        expected.put("lock held", 409);
        answers.put("bad ttl", json().body("{\"ttl\":\"15\"}").when().post("/v1/sessions"));
        expected.put("bad ttl", 400);
        answers.put("bad key", json().header("Idempotency-Key", "k k").when().post("/v1/sessions"));
        expected.put("bad key", 400);
        String key = unique("k");
        answers.put("keyed keepalive", given().header("Idempotency-Key", key).when().put("/v1/sessions/{id}/keepalive", session));
        expected.put("keyed keepalive", 200);
        answers.put("key reused", json().header("Idempotency-Key", key).body("{\"session\":\"" + session + "\"}")
                .when().post("/v1/locks/{name}/acquire", lock));
        expected.put("key reused", 422);
        answers.put("too large", json().body("{\"pad\":\"" + "x".repeat(70_000) + "\"}").when().post("/v1/sessions"));
        expected.put("too large", 413);
        answers.put("unknown path", given().when().get("/v1/nothing-here"));
        expected.put("unknown path", 404);
        answers.put("wrong method", given().when().delete("/v1/locks"));
        expected.put("wrong method", 405);
        answers.put("delete session", given().when().delete("/v1/sessions/{id}", session));
        expected.put("delete session", 204);
        answers.forEach((what, answer) -> {
            assertEquals(expected.get(what), answer.statusCode(), what);
            assertTrue(answer.getHeader(Api.INDEX) != null && answer.getHeader(Api.INDEX).matches("\\d+"),
                    what + " answered X-Warden-Index " + answer.getHeader(Api.INDEX));
        });
    }

    @Test
    void writesAreServedAtIncreasingIndexes() {
        String session = newSession("30s");
        long first = index(given().when().put("/v1/sessions/{id}/keepalive", session));
        long second = index(given().when().put("/v1/sessions/{id}/keepalive", session));
        assertTrue(first > 0 && second > first, "each write is a later log entry: " + first + " then " + second);
        long read = index(given().when().get("/v1/sessions/{id}", session));
        assertTrue(read >= second, "a linearizable read is served at or after the last write");
    }

    @Test
    void staleReadsAnswerFromLocalState() {
        String session = newSession("30s", "stale-reader");
        String lock = unique("stale");
        String group = unique("stale");
        hold(lock, session);
        putMember(group, "m", session).then().statusCode(200);

        given().queryParam("consistency", "stale").when().get("/v1/sessions/{id}", session)
                .then().statusCode(200).header(Api.INDEX, matchesPattern("\\d+")).body("name", equalTo("stale-reader"));
        given().queryParam("consistency", "stale").when().get("/v1/sessions")
                .then().statusCode(200).body("sessions.id", hasItem(session));
        given().queryParam("consistency", "stale").when().get("/v1/locks/{name}", lock)
                .then().statusCode(200).body("holder.session", equalTo(session));
        given().queryParam("consistency", "stale").queryParam("prefix", lock).when().get("/v1/locks")
                .then().statusCode(200).body("locks.name", hasItem(lock));
        given().queryParam("consistency", "stale").when().get("/v1/groups/{g}/members", group)
                .then().statusCode(200).body("members.member", hasItem("m"));
        given().queryParam("consistency", "stale").when().get("/v1/groups")
                .then().statusCode(200).body("groups.group", hasItem(group));
    }

    @Test
    void explicitLinearizableReadsAreAccepted() {
        String session = newSession("30s");
        given().queryParam("consistency", "linearizable").when().get("/v1/sessions/{id}", session)
                .then().statusCode(200).body("id", equalTo(session));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/nothing-here", "/v1/sessions/a/b/c", "/nothing", "/v2/locks/x"})
    void anUnknownPathIsAProblemNotAnHtmlPage(String path) {
        assertProblem(given().when().get(path), 404, "urn:warden:not-found")
                .body(not(containsString("<html")));
    }

    @Test
    void aWrongMethodIsAProblem() {
        Response response = given().when().delete("/v1/locks");
        response.then().statusCode(405).header("Content-Type", startsWith(Api.PROBLEM_JSON))
                .body("status", equalTo(405)).body("type", notNullValue()).body("detail", notNullValue());
    }

    @Test
    void theClusterDescribesThisNodeAsLeaderOfItsGroup() {
        given().when().get("/v1/cluster").then().statusCode(200)
                .header(Api.INDEX, matchesPattern("\\d+"))
                .body("groupId", notNullValue())
                .body("self", equalTo("n1"))
                .body("leader", equalTo("n1"))
                .body("term", greaterThan(0))
                .body("commitIndex", greaterThan(0))
                .body("appliedIndex", greaterThan(0))
                .body("peers.size()", equalTo(1))
                .body("peers[0].id", equalTo("n1"))
                .body("peers[0].address", equalTo("127.0.0.1:19871"))
                .body("peers[0].role", equalTo("LEADER"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/q/health/live", "/q/health/ready", "/q/health/started", "/q/health"})
    void healthIsUp(String path) {
        Eventually.within(Duration.ofSeconds(5), () -> assertEquals(200, given().when().get(path).statusCode()));
        given().when().get(path).then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsExposeWardenMeters() {
        String session = newSession("30s");
        hold(unique("metered"), session);
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String name : new String[] {"warden_sessions ", "warden_lock_grants_total ", "warden_raft_term ",
                "warden_raft_leader ", "warden_raft_applied_index ", "warden_locks_held ", "warden_members ",
                "warden_session_expiries_total ", "warden_http_request_seconds_count{"}) {
            assertTrue(metrics.contains("\n" + name) || metrics.contains(name), "missing metric " + name);
        }
        assertTrue(metrics.matches("(?s).*\nwarden_lock_grants_total(\\{[^}]*})? [1-9].*"), "a grant was counted");
        assertTrue(metrics.matches("(?s).*warden_http_request_seconds_count\\{[^}]*endpoint=\"lock.acquire\".*"),
                "latency is recorded per endpoint");
    }

    @Test
    void openApiListsTheContract() {
        given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .body("paths", hasKey("/v1/locks/{name}/acquire"))
                .body("paths", hasKey("/v1/locks/{name}/release"))
                .body("paths", hasKey("/v1/sessions"))
                .body("paths", hasKey("/v1/groups/{group}/members/{member}"));
    }

    @Test
    void swaggerUiIsServed() {
        given().when().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }

    @Test
    void answersAreJson() {
        given().when().get("/v1/locks").then().statusCode(200).header("Content-Type", startsWith("application/json"))
                .body("locks.size()", greaterThanOrEqualTo(0));
    }
}
