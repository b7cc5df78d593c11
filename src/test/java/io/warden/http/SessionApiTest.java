package io.warden.http;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static io.restassured.RestAssured.given;
import static io.warden.http.Api.acquire;
import static io.warden.http.Api.assertProblem;
import static io.warden.http.Api.async;
import static io.warden.http.Api.awaitWaiters;
import static io.warden.http.Api.hold;
import static io.warden.http.Api.join;
import static io.warden.http.Api.json;
import static io.warden.http.Api.newSession;
import static io.warden.http.Api.putMember;
import static io.warden.http.Api.unique;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class SessionApiTest {

    @Test
    void createAnswers201WithIdNameTtlAndExpiry() {
        json().body("{\"ttl\":\"5s\",\"name\":\"worker-7\"}")
                .when().post("/v1/sessions")
                .then().statusCode(201)
                .contentType("application/json")
                .header(Api.INDEX, matchesPattern("\\d+"))
                .body("id", matchesPattern("[A-Za-z0-9._:-]{16,}"))
                .body("name", equalTo("worker-7"))
                .body("ttl", equalTo("5s"))
                .body("expiresInMs", allOf(greaterThan(0), lessThanOrEqualTo(5000)));
    }

    @Test
    void createWithoutBodyUsesDefaultTtlAndNoName() {
        given().when().post("/v1/sessions")
                .then().statusCode(201)
                .body("name", nullValue())
                .body("ttl", equalTo("15s"))
                .body("expiresInMs", allOf(greaterThan(10_000), lessThanOrEqualTo(15_000)));
    }

    @Test
    void eachCreateMakesADistinctUnguessableId() {
        String first = newSession("15s");
        String second = newSession("15s");
        assertNotEquals(first, second);
        // A random UUID carries 122 random bits; anything much shorter would be guessable.
        assertTrue(first.length() >= 32, "id too short to be unguessable: " + first);
    }

    @Test
    void keepaliveRestartsTheTtl() {
        String id = newSession("1h", "kept");
        json().when().put("/v1/sessions/{id}/keepalive", id)
                .then().statusCode(200)
                .header(Api.INDEX, matchesPattern("\\d+"))
                .body("id", equalTo(id))
                .body("name", equalTo("kept"))
                .body("ttl", equalTo("1h"))
                .body("expiresInMs", allOf(greaterThan(3_590_000), lessThanOrEqualTo(3_600_000)));
    }

    @Test
    void keepaliveOfUnknownSessionIsNotFound() {
        assertProblem(json().when().put("/v1/sessions/{id}/keepalive", unique("nobody")),
                404, "urn:warden:session-not-found");
    }

    @Test
    void getShowsTheSessionWithItsLocksAndMemberships() {
        String id = newSession("30s", "reader");
        String lock = unique("session-lock");
        String group = unique("session-group");
        hold(lock, id);
        putMember(group, "m1", id).then().statusCode(200);

        given().when().get("/v1/sessions/{id}", id)
                .then().statusCode(200)
                .header(Api.INDEX, matchesPattern("\\d+"))
                .body("id", equalTo(id))
                .body("name", equalTo("reader"))
                .body("ttl", equalTo("30s"))
                .body("expiresInMs", allOf(greaterThan(0), lessThanOrEqualTo(30_000)))
                .body("locks", contains(lock))
                .body("memberships.size()", equalTo(1))
                .body("memberships[0].group", equalTo(group))
                .body("memberships[0].member", equalTo("m1"));
    }

    @Test
    void getOfUnknownSessionIsNotFound() {
        assertProblem(given().when().get("/v1/sessions/{id}", unique("nobody")), 404, "urn:warden:session-not-found");
    }

    @Test
    void listIncludesLiveSessions() {
        String id = newSession("30s", "listed");
        given().when().get("/v1/sessions")
                .then().statusCode(200)
                .header(Api.INDEX, matchesPattern("\\d+"))
                .body("sessions.id", hasItem(id))
                .body("sessions.find { it.id == '" + id + "' }.name", equalTo("listed"))
                .body("sessions.find { it.id == '" + id + "' }.locks", empty());
    }

    @Test
    void deleteAnswers204AndTheSessionIsGone() {
        String id = newSession("30s");
        given().when().delete("/v1/sessions/{id}", id)
                .then().statusCode(204)
                .header(Api.INDEX, matchesPattern("\\d+"));
        assertProblem(given().when().get("/v1/sessions/{id}", id), 404, "urn:warden:session-not-found");
        assertTrue(!Api.sessionIds().contains(id));
    }

    @Test
    void deleteOfUnknownSessionIsNotFound() {
        assertProblem(given().when().delete("/v1/sessions/{id}", unique("nobody")), 404, "urn:warden:session-not-found");
    }

    @Test
    void deletingTwiceIsNotFoundTheSecondTime() {
        String id = newSession("30s");
        given().when().delete("/v1/sessions/{id}", id).then().statusCode(204);
        assertProblem(given().when().delete("/v1/sessions/{id}", id), 404, "urn:warden:session-not-found");
    }

    @Test
    void deleteGrantsItsLocksToTheNextWaiterAndRemovesItsMembers() {
        String holder = newSession("30s");
        String waiter = newSession("30s");
        String lock = unique("handover");
        String group = unique("leavers");
        long fence = hold(lock, holder);
        putMember(group, "gone", holder).then().statusCode(200);
        putMember(group, "stays", waiter).then().statusCode(200);

        CompletableFuture<Response> waiting = async(() -> acquire(lock, waiter, "3s"));
        awaitWaiters(lock, 1);
        given().when().delete("/v1/sessions/{id}", holder).then().statusCode(204);

        Response granted = join(waiting);
        granted.then().statusCode(200).body("session", equalTo(waiter));
        assertTrue(Api.number(granted, "fence") > fence, "the next grant must carry a larger fence");
        Api.lock(lock).then().body("holder.session", equalTo(waiter)).body("waiters", equalTo(0));
        Api.members(group).then().statusCode(200).body("members.member", contains("stays"));
        given().when().get("/v1/sessions/{id}", waiter).then().body("locks", contains(lock));
    }

    @Test
    void createdSessionAppearsOnceInTheList() {
        Set<String> before = Api.sessionIds();
        String id = newSession("30s");
        Set<String> after = Api.sessionIds();
        after.removeAll(before);
        assertEquals(Set.of(id), after);
        assertTrue(!before.contains(id));
        given().when().get("/v1/sessions").then().body("sessions.findAll { it.id == '" + id + "' }.size()", equalTo(1));
    }
}
