package io.warden.http;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static io.restassured.RestAssured.given;
import static io.warden.http.Api.assertProblem;
import static io.warden.http.Api.json;
import static io.warden.http.Api.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every limit answers 429 urn:warden:limit with Retry-After, names what is full, changes nothing, and
 * frees up again when what it counts goes away. Small limits here; the defaults are in the README.
 */
@QuarkusTest
@TestProfile(LimitsApiTest.SmallLimits.class)
class LimitsApiTest {

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("warden.limits.max-sessions", "12", "warden.limits.max-locks", "3",
                    "warden.limits.max-waiters-per-lock", "1", "warden.limits.max-members-per-group", "2",
                    "warden.limits.max-long-polls", "1");
        }
    }

    private final List<String> sessions = new ArrayList<>();

    @AfterEach
    void endSessions() {
        sessions.forEach(s -> given().when().delete("/v1/sessions/" + s));
    }

    private String session() {
        String id = Api.newSession("5m");
        sessions.add(id);
        return id;
    }

    private static void assertLimit(Response response, String what, int max) {
        assertProblem(response, 429, "urn:warden:limit")
                .header("Retry-After", notNullValue())
                .body("limit", equalTo(what))
                .body("max", equalTo(max));
    }

    @Test
    void sessionsBeyondTheLimitAre429UntilOneEnds() {
        int before = Api.sessionIds().size();
        for (int i = before; i < 12; i++) {
            session();
        }
        assertLimit(json().body("{\"ttl\":\"5m\"}").when().post("/v1/sessions"), "sessions", 12);
        assertLimit(json().body("{\"ttl\":\"5m\"}").when().post("/v1/locks/" + unique("one-shot") + "/acquire"),
                "sessions", 12);
        assertEquals(12, Api.sessionIds().size(), "a refused create changed nothing");

        given().when().delete("/v1/sessions/" + sessions.remove(0)).then().statusCode(204);
        sessions.add(json().body("{\"ttl\":\"5m\"}").when().post("/v1/sessions").then().statusCode(201)
                .extract().path("id"));
    }

    @Test
    void locksInUseBeyondTheLimitAre429ButALockInUseStillServes() {
        String s = session();
        List<String> held = List.of(unique("l"), unique("l"), unique("l"));
        held.forEach(l -> Api.hold(l, s));

        assertLimit(Api.acquire(unique("l"), s, "0s"), "locks", 3);
        Api.acquire(held.get(0), s, "0s").then().statusCode(200); // already held: re-acquire answers its grant
        Api.release(held.get(0), s).then().statusCode(200);
        Api.acquire(unique("l"), s, "0s").then().statusCode(200);
    }

    @Test
    void waitersBeyondTheLimitAre429AndOpenRequestsBeyondTheirsToo() {
        String holder = session();
        String lock = unique("busy");
        Api.hold(lock, holder);
        String first = session();
        CompletableFuture<Response> waiting = Api.async(() -> Api.acquire(lock, first, "30s"));
        Api.awaitWaiters(lock, 1);

        assertLimit(Api.acquire(lock, session(), "30s"), "waiters", 1);
        // The one open request this node allows is the waiting acquire: a blocking query must wait its turn.
        assertLimit(given().when().get("/v1/groups/" + unique("g") + "/members?index=1&wait=10s"), "long-polls", 1);
        Api.acquire(unique("free"), holder, "1s").then().statusCode(429); // might wait: needs a place too

        Api.release(lock, holder).then().statusCode(200);
        assertEquals(200, Api.join(waiting).statusCode());
        // Its place is free again once the waiter was answered.
        given().when().get("/v1/groups/" + unique("g") + "/members?index=1&wait=0s").then().statusCode(200);
    }

    @Test
    void membersBeyondTheLimitAre429ButAnUpdateOfOneStillServes() {
        String s = session();
        String group = unique("g");
        Api.putMember(group, "m1", s).then().statusCode(200);
        Api.putMember(group, "m2", s).then().statusCode(200);

        assertLimit(Api.putMember(group, "m3", s), "members", 2);
        Api.putMember(group, "m2", s).then().statusCode(200);
        assertEquals(2, Api.members(group).jsonPath().getList("members").size());
    }
}
