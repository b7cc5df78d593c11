package io.warden.http;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static io.restassured.RestAssured.given;
import static io.warden.http.Api.assertProblem;
import static io.warden.http.Api.async;
import static io.warden.http.Api.index;
import static io.warden.http.Api.join;
import static io.warden.http.Api.json;
import static io.warden.http.Api.members;
import static io.warden.http.Api.newSession;
import static io.warden.http.Api.number;
import static io.warden.http.Api.putMember;
import static io.warden.http.Api.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class MembershipApiTest {

    private static Response put(String group, String member, String body) {
        return json().body(body).when().put("/v1/groups/{group}/members/{member}", group, member);
    }

    @Test
    void putRegistersTheMemberAndAnswersItsIndex() {
        String session = newSession("30s");
        String group = unique("svc");
        Response put = put(group, "i-1",
                "{\"session\":\"" + session + "\",\"address\":\"10.0.0.5:9000\",\"metadata\":{\"zone\":\"a\"}}");
        put.then().statusCode(200)
                .contentType("application/json")
                .body("group", equalTo(group))
                .body("member", equalTo("i-1"))
                .body("session", equalTo(session))
                .body("address", equalTo("10.0.0.5:9000"))
                .body("metadata", equalTo(Map.of("zone", "a")));
        assertEquals(index(put), number(put, "index"), "the member's index is the log index of the change");

        members(group).then().statusCode(200)
                .body("group", equalTo(group))
                .body("members.size()", equalTo(1))
                .body("members[0].group", equalTo(group))
                .body("members[0].member", equalTo("i-1"))
                .body("members[0].session", equalTo(session))
                .body("members[0].address", equalTo("10.0.0.5:9000"))
                .body("members[0].metadata.zone", equalTo("a"));
    }

    @Test
    void addressAndMetadataAreOptional() {
        String session = newSession("30s");
        String group = unique("bare");
        putMember(group, "only", session).then().statusCode(200)
                .body("address", nullValue())
                .body("metadata", nullValue());
    }

    @Test
    void theSameSessionMayPutAgainToUpdate() {
        String session = newSession("30s");
        String group = unique("update");
        Response first = put(group, "m", "{\"session\":\"" + session + "\",\"address\":\"h:1\"}");
        first.then().statusCode(200);
        Response second = put(group, "m", "{\"session\":\"" + session + "\",\"address\":\"h:2\",\"metadata\":{\"v\":2}}");
        second.then().statusCode(200).body("address", equalTo("h:2")).body("metadata.v", equalTo(2));
        assertTrue(number(second, "index") > number(first, "index"));

        members(group).then().body("members.size()", equalTo(1))
                .body("members[0].address", equalTo("h:2"))
                .body("members[0].metadata.v", equalTo(2))
                .body("index", equalTo(second.path("index")));
    }

    @Test
    void aMemberOfAnotherLiveSessionIsTaken() {
        String owner = newSession("30s");
        String intruder = newSession("30s");
        String group = unique("taken");
        put(group, "m", "{\"session\":\"" + owner + "\",\"address\":\"owner:1\"}").then().statusCode(200);
        long before = number(members(group), "index");

        assertProblem(put(group, "m", "{\"session\":\"" + intruder + "\",\"address\":\"intruder:1\"}"),
                409, "urn:warden:member-taken");
        members(group).then().body("members[0].session", equalTo(owner)).body("members[0].address", equalTo("owner:1"));
        assertEquals(before, number(members(group), "index"), "a refused PUT is no change");
    }

    @Test
    void aMemberIdIsFreeAgainOnceItsSessionEnds() {
        String owner = newSession("30s");
        String next = newSession("30s");
        String group = unique("reuse");
        putMember(group, "m", owner).then().statusCode(200);
        given().when().delete("/v1/sessions/{id}", owner).then().statusCode(204);
        putMember(group, "m", next).then().statusCode(200).body("session", equalTo(next));
    }

    @Test
    void putWithAnUnknownSessionIsNotFound() {
        String group = unique("ghosts");
        assertProblem(putMember(group, "m", unique("ghost")), 404, "urn:warden:session-not-found");
        members(group).then().body("members", empty()).body("index", equalTo(0));
    }

    @Test
    void deleteRemovesTheMemberAndThenItIsNotFound() {
        String session = newSession("30s");
        String group = unique("delete");
        putMember(group, "m", session).then().statusCode(200);

        Response deleted = given().when().delete("/v1/groups/{group}/members/{member}", group, "m");
        deleted.then().statusCode(204);
        Response after = members(group);
        after.then().body("members", empty());
        assertEquals(index(deleted), number(after, "index"), "the group's index is the log index of the delete");

        assertProblem(given().when().delete("/v1/groups/{group}/members/{member}", group, "m"),
                404, "urn:warden:member-not-found");
        given().when().get("/v1/sessions/{id}", session).then().body("memberships", empty());
    }

    @Test
    void deletingAMemberThatWasNeverThereIsNotFound() {
        assertProblem(given().when().delete("/v1/groups/{group}/members/{member}", unique("nowhere"), "nobody"),
                404, "urn:warden:member-not-found");
    }

    @Test
    void membersAreSortedByMemberId() {
        String session = newSession("30s");
        String group = unique("sorted");
        for (String member : new String[] {"c", "a", "B", "b-2", "b"}) {
            putMember(group, member, session).then().statusCode(200);
        }
        members(group).then().statusCode(200).body("members.member", contains("B", "a", "b", "b-2", "c"));
    }

    @Test
    void anUnknownGroupIsEmptyAtIndexZero() {
        String group = unique("unknown");
        members(group).then().statusCode(200)
                .header(Api.INDEX, equalTo("0"))
                .body("group", equalTo(group))
                .body("index", equalTo(0))
                .body("members", empty());
    }

    @Test
    void theGroupIndexIsTheIndexOfItsLastChange() {
        String session = newSession("30s");
        String group = unique("indexed");
        Response put = putMember(group, "m1", session);
        Response read = members(group);
        assertEquals(index(put), number(read, "index"));
        assertEquals(index(put), index(read), "X-Warden-Index of a group read is the group's index");

        // Changes elsewhere move the log on but not this group's index.
        putMember(unique("elsewhere"), "m", session).then().statusCode(200);
        assertEquals(index(put), number(members(group), "index"));

        Response second = putMember(group, "m2", session);
        assertEquals(index(second), number(members(group), "index"));
        assertTrue(index(second) > index(put));
    }

    @Test
    void groupsListShowsMemberCountAndIndex() {
        String session = newSession("30s");
        String group = unique("counted");
        putMember(group, "a", session).then().statusCode(200);
        Response last = putMember(group, "b", session);
        given().when().get("/v1/groups").then().statusCode(200)
                .header(Api.INDEX, org.hamcrest.Matchers.matchesPattern("\\d+"))
                .body("groups.group", hasItem(group))
                .body("groups.find { it.group == '" + group + "' }.members", equalTo(2))
                .body("groups.find { it.group == '" + group + "' }.index", equalTo(last.path("index")));
    }

    @Test
    void aBlockingQueryAnswersAsSoonAsTheGroupChanges() {
        String session = newSession("30s");
        String group = unique("watched");
        long index = index(putMember(group, "first", session));

        long started = System.nanoTime();
        CompletableFuture<Response> watching = async(() -> given()
                .queryParam("index", index).queryParam("wait", "3s")
                .when().get("/v1/groups/{group}/members", group));
        Response change = putMember(group, "second", session);

        Response answer = join(watching);
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        answer.then().statusCode(200).body("members.member", contains("first", "second"));
        assertEquals(index(change), number(answer, "index"));
        assertEquals(index(change), index(answer));
        assertTrue(elapsedMs < 2_500, "answered on the change, not at the end of the wait: " + elapsedMs + " ms");
    }

    @Test
    void aBlockingQueryAnswersTheUnchangedStateWhenTheWaitRunsOut() {
        String session = newSession("30s");
        String group = unique("quiet");
        long index = index(putMember(group, "only", session));

        long started = System.nanoTime();
        Response answer = given().queryParam("index", index).queryParam("wait", "300ms")
                .when().get("/v1/groups/{group}/members", group);
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;

        answer.then().statusCode(200).body("members.member", contains("only"));
        assertEquals(index, number(answer, "index"));
        assertEquals(index, index(answer));
        assertTrue(elapsedMs >= 250, "held until the wait ran out: " + elapsedMs + " ms");
    }

    @Test
    void aBlockingQueryBehindTheCurrentIndexAnswersAtOnce() {
        String session = newSession("30s");
        String group = unique("behind");
        long index = index(putMember(group, "m", session));
        long started = System.nanoTime();
        given().queryParam("index", index - 1).queryParam("wait", "3s")
                .when().get("/v1/groups/{group}/members", group)
                .then().statusCode(200).body("index", equalTo((int) index));
        assertTrue((System.nanoTime() - started) / 1_000_000 < 2_500);
    }

    @Test
    void withoutAnIndexTheQueryAnswersAtOnce() {
        String group = unique("no-index");
        long started = System.nanoTime();
        given().queryParam("wait", "3s").when().get("/v1/groups/{group}/members", group)
                .then().statusCode(200).body("members", empty());
        assertTrue((System.nanoTime() - started) / 1_000_000 < 2_500);
    }

    @Test
    void aBlockingQueryOnAnUnknownGroupWakesWhenItsFirstMemberJoins() {
        String session = newSession("30s");
        String group = unique("newborn");
        CompletableFuture<Response> watching = async(() -> given()
                .queryParam("index", 0).queryParam("wait", "3s")
                .when().get("/v1/groups/{group}/members", group));
        Response join = putMember(group, "first", session);
        Response answer = join(watching);
        answer.then().statusCode(200).body("members.member", contains("first"));
        assertEquals(index(join), number(answer, "index"));
    }

    @Test
    void membersLeaveWhenTheirSessionIsDeleted() {
        String leaving = newSession("30s");
        String staying = newSession("30s");
        String group = unique("deleted-session");
        putMember(group, "leaving", leaving).then().statusCode(200);
        putMember(group, "staying", staying).then().statusCode(200);

        Response deleted = given().when().delete("/v1/sessions/{id}", leaving);
        deleted.then().statusCode(204);
        Response after = members(group);
        after.then().body("members.member", contains("staying"));
        assertEquals(index(deleted), number(after, "index"), "the session's end is the group's last change");
    }

    @Test
    void membersLeaveWhenTheirSessionExpires() {
        String shortLived = newSession("1s");
        String group = unique("expired-session");
        long joined = index(putMember(group, "ephemeral", shortLived));

        Response answer = given().queryParam("index", joined).queryParam("wait", "3s")
                .when().get("/v1/groups/{group}/members", group);
        answer.then().statusCode(200).body("members", empty());
        assertTrue(number(answer, "index") > joined);
        Eventually.within(Duration.ofSeconds(3), () ->
                assertEquals(404, given().when().get("/v1/sessions/{id}", shortLived).statusCode()));
        assertProblem(given().when().get("/v1/sessions/{id}", shortLived), 404, "urn:warden:session-not-found");
    }
}
