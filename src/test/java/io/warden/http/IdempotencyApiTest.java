package io.warden.http;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static io.restassured.RestAssured.given;
import static io.warden.http.Api.assertInvalid;
import static io.warden.http.Api.assertProblem;
import static io.warden.http.Api.hold;
import static io.warden.http.Api.json;
import static io.warden.http.Api.lock;
import static io.warden.http.Api.members;
import static io.warden.http.Api.newSession;
import static io.warden.http.Api.number;
import static io.warden.http.Api.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class IdempotencyApiTest {

    private static final String KEY = "Idempotency-Key";

    private static Response createSession(String key, String body) {
        return json().header(KEY, key).body(body).when().post("/v1/sessions");
    }

    private static Response acquire(String key, String lock, String session) {
        return json().header(KEY, key).body("{\"session\":\"" + session + "\"}").when().post("/v1/locks/{name}/acquire", lock);
    }

    private static void assertSameAnswer(Response first, Response repeat) {
        assertEquals(first.statusCode(), repeat.statusCode(), "same status");
        assertEquals(first.asString(), repeat.asString(), "same body");
    }

    @Test
    void aRepeatedSessionCreateAnswersTheSameSessionAndMakesOnlyOne() {
        String key = unique("create");
        Set<String> before = Api.sessionIds();
        Response first = createSession(key, "{\"ttl\":\"30s\",\"name\":\"retry\"}");
        first.then().statusCode(201);
        Response repeat = createSession(key, "{\"ttl\":\"30s\",\"name\":\"retry\"}");

        assertSameAnswer(first, repeat);
        Set<String> created = Api.sessionIds();
        created.removeAll(before);
        assertEquals(Set.of(first.<String>path("id")), created, "exactly one session exists for the key");
    }

    @Test
    void aRepeatedAcquireAnswersTheFirstGrantAndChangesNothing() {
        String session = newSession("30s");
        String name = unique("idem-acquire");
        String key = unique("acquire");
        Response first = acquire(key, name, session);
        first.then().statusCode(200);
        Api.release(name, session).then().statusCode(200);

        Response repeat = acquire(key, name, session);
        assertSameAnswer(first, repeat);
        lock(name).then().body("holder", nullValue());
    }

    @Test
    void aRepeatedRefusalAnswersTheSameRefusal() {
        String holder = newSession("30s");
        String other = newSession("30s");
        String name = unique("idem-refused");
        hold(name, holder);
        String key = unique("refused");
        Response first = acquire(key, name, other);
        first.then().statusCode(409);
        Api.release(name, holder).then().statusCode(200);

        Response repeat = acquire(key, name, other);
        assertSameAnswer(first, repeat);
        assertProblem(repeat, 409, "urn:warden:lock-held");
        lock(name).then().body("holder", nullValue());
    }

    @Test
    void aRepeatedReleaseAnswersTheSameAndDoesNotReleaseALaterGrant() {
        String session = newSession("30s");
        String name = unique("idem-release");
        String key = unique("release");
        hold(name, session);
        Response first = json().header(KEY, key).body("{\"session\":\"" + session + "\"}")
                .when().post("/v1/locks/{name}/release", name);
        first.then().statusCode(200);
        long regranted = hold(name, session);

        Response repeat = json().header(KEY, key).body("{\"session\":\"" + session + "\"}")
                .when().post("/v1/locks/{name}/release", name);
        assertSameAnswer(first, repeat);
        assertEquals(regranted, number(lock(name), "fence"), "the later grant is still held");
    }

    @Test
    void aRepeatedSessionDeleteAnswers204Again() {
        String session = newSession("30s");
        String key = unique("delete");
        given().header(KEY, key).when().delete("/v1/sessions/{id}", session).then().statusCode(204);
        given().header(KEY, key).when().delete("/v1/sessions/{id}", session).then().statusCode(204);
        // Without the key the same request tells the truth: the session is gone.
        assertProblem(given().when().delete("/v1/sessions/{id}", session), 404, "urn:warden:session-not-found");
    }

    @Test
    void aRepeatedKeepaliveAnswersTheFirstAnswer() {
        String session = newSession("30s");
        String key = unique("keepalive");
        Response first = given().header(KEY, key).when().put("/v1/sessions/{id}/keepalive", session);
        first.then().statusCode(200);
        Response repeat = given().header(KEY, key).when().put("/v1/sessions/{id}/keepalive", session);
        assertSameAnswer(first, repeat);
    }

    @Test
    void aRepeatedMemberPutAnswersTheSameIndexAndChangesNothing() {
        String session = newSession("30s");
        String group = unique("idem-group");
        String key = unique("put");
        String body = "{\"session\":\"" + session + "\",\"address\":\"a:1\"}";
        Response first = json().header(KEY, key).body(body).when().put("/v1/groups/{g}/members/{m}", group, "m");
        first.then().statusCode(200);
        json().body("{\"session\":\"" + session + "\",\"address\":\"a:2\"}")
                .when().put("/v1/groups/{g}/members/{m}", group, "m").then().statusCode(200);
        long indexBefore = number(members(group), "index");

        Response repeat = json().header(KEY, key).body(body).when().put("/v1/groups/{g}/members/{m}", group, "m");
        assertSameAnswer(first, repeat);
        members(group).then().body("members[0].address", equalTo("a:2"));
        assertEquals(indexBefore, number(members(group), "index"), "a repeat is no change to the group");
    }

    @Test
    void aRepeatedMemberDeleteAnswers204Again() {
        String session = newSession("30s");
        String group = unique("idem-delete");
        Api.putMember(group, "m", session).then().statusCode(200);
        String key = unique("member-delete");
        given().header(KEY, key).when().delete("/v1/groups/{g}/members/{m}", group, "m").then().statusCode(204);
        given().header(KEY, key).when().delete("/v1/groups/{g}/members/{m}", group, "m").then().statusCode(204);
    }

    @Test
    void reusingAKeyWithADifferentBodyIsRefused() {
        String key = unique("reused");
        Response first = createSession(key, "{\"ttl\":\"30s\",\"name\":\"one\"}");
        first.then().statusCode(201);
        Set<String> before = Api.sessionIds();

        assertProblem(createSession(key, "{\"ttl\":\"30s\",\"name\":\"two\"}"), 422, "urn:warden:idempotency-key-reused");
        Set<String> after = Api.sessionIds();
        after.removeAll(before);
        assertEquals(Set.of(), after, "a refused reuse creates nothing");
    }

    @Test
    void reusingAKeyOnAnotherEndpointIsRefused() {
        String session = newSession("30s");
        String key = unique("other-path");
        given().header(KEY, key).when().put("/v1/sessions/{id}/keepalive", session).then().statusCode(200);
        String name = unique("idem-other");
        assertProblem(acquire(key, name, session), 422, "urn:warden:idempotency-key-reused");
        lock(name).then().body("holder", nullValue());
    }

    @Test
    void aKeyThatIsTooLongIsInvalid() {
        Set<String> before = Api.sessionIds();
        assertInvalid(createSession("k".repeat(129), "{\"ttl\":\"30s\"}"), "Idempotency-Key");
        Set<String> after = Api.sessionIds();
        after.removeAll(before);
        assertTrue(after.isEmpty());
    }

    @Test
    void aKeyWithASpaceIsInvalid() {
        assertInvalid(createSession("has space", "{\"ttl\":\"30s\"}"), "Idempotency-Key");
    }

    @Test
    void anEmptyKeyIsInvalid() {
        assertInvalid(createSession("", "{\"ttl\":\"30s\"}"), "Idempotency-Key");
    }

    @Test
    void aKeyOf128VisibleCharactersIsAccepted() {
        String key = (unique("max") + "~!#$%&'*+-.^_`|").repeat(10).substring(0, 128);
        Response first = createSession(key, "{\"ttl\":\"30s\"}");
        first.then().statusCode(201);
        assertSameAnswer(first, createSession(key, "{\"ttl\":\"30s\"}"));
    }
}
