package io.warden.http;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static io.warden.http.Api.assertInvalid;
import static io.warden.http.Api.assertProblem;
import static io.warden.http.Api.json;
import static io.warden.http.Api.lock;
import static io.warden.http.Api.members;
import static io.warden.http.Api.newSession;
import static io.warden.http.Api.unique;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class ValidationApiTest {

    /** Runs a refused session create and checks that no session appeared. */
    private static Response createRefused(String body) {
        Set<String> before = Api.sessionIds();
        Response response = json().body(body).when().post("/v1/sessions");
        Set<String> after = Api.sessionIds();
        after.removeAll(before);
        assertEquals(Set.of(), after, "a refused create must not make a session");
        return response;
    }

    private static Response acquireWith(String lock, String body) {
        return json().body(body).when().post("/v1/locks/{name}/acquire", lock);
    }

    @Test
    // A session id of kilobytes would ride in a log entry if it were proposed; it names no session.
    void sessionIdThatIsNotAUuidIsAnsweredNotFoundWithoutReachingTheLog() {
        String huge = "s".repeat(60 * 1024);
        String name = unique("l");
        assertProblem(json().body("{\"session\":\"" + huge + "\"}").when().post("/v1/locks/{name}/acquire",
                name), 404, "urn:warden:session-not-found").body("detail", not(containsString(huge)));
        lock(name).then().statusCode(200).body("holder", nullValue()).body("waiters", equalTo(0));
        assertProblem(json().body("{\"session\":\"" + huge + "\"}").when().post("/v1/locks/{name}/release",
                unique("l")), 404, "urn:warden:session-not-found");
        assertProblem(given().when().put("/v1/sessions/{id}/keepalive", "not-a-uuid"), 404, "urn:warden:session-not-found");
        assertProblem(given().when().delete("/v1/sessions/{id}", "NOT-A-UUID"), 404, "urn:warden:session-not-found");
    }

    @Test
    void malformedJsonIsInvalid() {
        assertProblem(createRefused("{\"ttl\": \"15s\""), 400, "urn:warden:invalid-request")
                .body(not(containsString("at io.warden")));
    }

    @Test
    // Jackson refuses nesting deeper than 1000; that must surface as a 400, not a 500.
    void aDeeplyNestedBodyIsInvalidNotAServerError() {
        assertProblem(createRefused("{\"a\":" + "[".repeat(1200) + "]".repeat(1200) + "}"), 400, "urn:warden:invalid-request");
    }

    @Test
    void aBodyWithAnotherContentTypeIsStillReadAsJson() {
        given().contentType("text/plain").body("{\"ttl\":\"15\"}").when().post("/v1/sessions")
                .then().statusCode(400).header("Content-Type", org.hamcrest.Matchers.startsWith(Api.PROBLEM_JSON));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"15s\"", "42", "true", "[{\"ttl\":\"15s\"}]"})
    void aBodyThatIsNotAnObjectIsInvalid(String body) {
        assertProblem(createRefused(body), 400, "urn:warden:invalid-request");
    }

    @Test
    void aBareNumberDurationIsInvalid() {
        assertInvalid(createRefused("{\"ttl\":\"15\"}"), "ttl");
    }

    @Test
    void aDurationThatIsAJsonNumberIsInvalid() {
        assertInvalid(createRefused("{\"ttl\":15}"), "ttl");
    }

    @ParameterizedTest
    @ValueSource(strings = {"15d", "15 s", "1.5s", "-1s", "s", "15S", "PT15S"})
    void aDurationWithAnUnknownUnitOrShapeIsInvalid(String ttl) {
        assertInvalid(createRefused("{\"ttl\":\"" + ttl + "\"}"), "ttl");
    }

    @ParameterizedTest
    @ValueSource(strings = {"999ms", "0s", "61m", "2h", "999999999h", "9999999999s"})
    void aTtlOutsideOneSecondToOneHourIsInvalid(String ttl) {
        assertInvalid(createRefused("{\"ttl\":\"" + ttl + "\"}"), "ttl");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1s", "1000ms", "60m", "1h"})
    void aTtlAtTheBoundsIsAccepted(String ttl) {
        json().body("{\"ttl\":\"" + ttl + "\"}").when().post("/v1/sessions").then().statusCode(201);
    }

    @Test
    void aOneShotTtlOutOfRangeIsInvalidAndTakesNoLock() {
        String name = unique("bad-oneshot");
        assertInvalid(acquireWith(name, "{\"ttl\":\"2h\"}"), "ttl");
        lock(name).then().body("holder", nullValue());
    }

    @Test
    void aWaitOverFiveMinutesIsInvalidAndTakesNoLock() {
        String session = newSession("30s");
        String name = unique("bad-wait");
        assertInvalid(acquireWith(name, "{\"session\":\"" + session + "\",\"wait\":\"6m\"}"), "wait");
        assertInvalid(acquireWith(name, "{\"session\":\"" + session + "\",\"wait\":\"5\"}"), "wait");
        lock(name).then().body("holder", nullValue()).body("waiters", equalTo(0));
    }

    @Test
    void aTtlTogetherWithASessionIsInvalid() {
        String session = newSession("30s");
        String name = unique("ttl-and-session");
        assertInvalid(acquireWith(name, "{\"session\":\"" + session + "\",\"ttl\":\"30s\"}"), "ttl");
        lock(name).then().body("holder", nullValue());
    }

    @Test
    void aSessionThatIsNotAStringIsInvalid() {
        String name = unique("numeric-session");
        assertInvalid(acquireWith(name, "{\"session\":42}"), "session");
        lock(name).then().body("holder", nullValue());
    }

    @Test
    void aGroupWaitOutOfRangeIsInvalid() {
        String group = unique("bad-group-wait");
        assertInvalid(given().queryParam("index", 0).queryParam("wait", "6m")
                .when().get("/v1/groups/{g}/members", group), "wait");
        assertInvalid(given().queryParam("index", 0).queryParam("wait", "30")
                .when().get("/v1/groups/{g}/members", group), "wait");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "abc", "1.5"})
    void aBadGroupIndexIsInvalid(String index) {
        assertInvalid(given().queryParam("index", index).when().get("/v1/groups/{g}/members", unique("bad-index")), "index");
    }

    @Test
    void aNameOf200CharactersIsAccepted() {
        String name = unique("long").concat("x".repeat(200)).substring(0, 200);
        String session = newSession("30s");
        Api.hold(name, session);
        Api.putMember(name, name, session).then().statusCode(200);
    }

    @Test
    void aLockNameOf201CharactersIsInvalid() {
        String name = "L".repeat(201);
        assertInvalid(Api.acquire(name, newSession("30s"), null), "name");
        assertInvalid(lock(name), "name");
        assertInvalid(Api.release(name, newSession("30s")), "name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b", "a*b", "caf\u00e9", "semi;colon", "a,b", "<x>", "a@b", "a+b"})
    void aLockNameWithIllegalCharactersIsInvalid(String name) {
        assertInvalid(Api.acquire(name, newSession("30s"), null), "name");
        assertInvalid(lock(name), "name");
    }

    @Test
    void badGroupAndMemberNamesAreInvalidAndRegisterNothing() {
        String session = newSession("30s");
        String group = unique("names");
        assertInvalid(Api.putMember("g".repeat(201), "m", session), "group");
        assertInvalid(Api.putMember(group, "m".repeat(201), session), "member");
        assertInvalid(Api.putMember(group, "m m", session), "member");
        assertInvalid(Api.putMember("g!", "m", session), "group");
        assertInvalid(Api.members("g".repeat(201)), "group");
        assertInvalid(given().when().delete("/v1/groups/{g}/members/{m}", group, "m*"), "member");
        members(group).then().body("members", empty()).body("index", equalTo(0));
    }

    @Test
    void aBadSessionNameIsInvalid() {
        assertInvalid(createRefused("{\"name\":\"" + "n".repeat(201) + "\"}"), "name");
        assertInvalid(createRefused("{\"name\":\"worker 7\"}"), "name");
        assertInvalid(createRefused("{\"name\":\"\"}"), "name");
    }

    @Test
    void metadataOver4KibIsInvalidAndRegistersNothing() {
        String session = newSession("30s");
        String group = unique("big-meta");
        // {"k":"…"} is 8 bytes around the value: 4089 characters make 4097 bytes, one over.
        String tooBig = "{\"session\":\"" + session + "\",\"metadata\":{\"k\":\"" + "x".repeat(4089) + "\"}}";
        assertInvalid(json().body(tooBig).when().put("/v1/groups/{g}/members/{m}", group, "m"), "metadata");
        members(group).then().body("members", empty()).body("index", equalTo(0));

        String justFits = "{\"session\":\"" + session + "\",\"metadata\":{\"k\":\"" + "x".repeat(4088) + "\"}}";
        json().body(justFits).when().put("/v1/groups/{g}/members/{m}", group, "m").then().statusCode(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"zone-a\"", "[1,2]", "7", "true"})
    void metadataThatIsNotAnObjectIsInvalid(String metadata) {
        String session = newSession("30s");
        String group = unique("meta-type");
        assertInvalid(json().body("{\"session\":\"" + session + "\",\"metadata\":" + metadata + "}")
                .when().put("/v1/groups/{g}/members/{m}", group, "m"), "metadata");
        members(group).then().body("members", empty());
    }

    @Test
    void anEmptyAddressIsInvalid() {
        String session = newSession("30s");
        assertInvalid(json().body("{\"session\":\"" + session + "\",\"address\":\"\"}")
                .when().put("/v1/groups/{g}/members/{m}", unique("addr"), "m"), "address");
    }

    @Test
    void aMissingSessionIsInvalidWhereOneIsRequired() {
        String name = unique("no-session");
        assertInvalid(json().body("{\"fence\":1}").when().post("/v1/locks/{name}/release", name), "session");
        assertInvalid(json().body("{\"address\":\"a:1\"}").when().put("/v1/groups/{g}/members/{m}", unique("g"), "m"),
                "session");
    }

    @Test
    void aBodyOver64KibIsTooLarge() {
        String body = "{\"name\":\"big\",\"pad\":\"" + "x".repeat(70_000) + "\"}";
        Set<String> before = Api.sessionIds();
        assertProblem(json().body(body).when().post("/v1/sessions"), 413, "urn:warden:too-large");
        Set<String> after = Api.sessionIds();
        after.removeAll(before);
        assertEquals(Set.of(), after);
    }

    @Test
    void aChunkedBodyOver64KibIsTooLarge() throws Exception {
        // RestAssured always sends a Content-Length; a chunked body has none, so the limit must hold after reading.
        byte[] body = ("{\"name\":\"big\",\"pad\":\"" + "x".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(io.restassured.RestAssured.baseURI + ":"
                        + io.restassured.RestAssured.port + "/v1/sessions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith(Api.PROBLEM_JSON));
        assertTrue(response.body().contains("\"urn:warden:too-large\""), response.body());
        assertTrue(response.headers().firstValue(Api.INDEX).isPresent());
    }

    @Test
    void aRequestTargetOver8KibIsAProblem414() {
        assertProblem(given().when().get("/v1/locks/" + "x".repeat(9_000)), 414, "urn:warden:too-large");
    }

    @Test
    void headersOver16KibAreAProblem431() {
        assertProblem(given().header("X-Padding", "h".repeat(20_000)).when().get("/v1/locks/any"), 431,
                "urn:warden:too-large");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"7\"", "1.5", "true", "[7]", "{\"n\":7}", "99999999999999999999"})
    void aFenceThatIsNotAnIntegerIsInvalidAndReleasesNothing(String fence) {
        String session = newSession("30s");
        String name = unique("bad-fence");
        Api.hold(name, session);
        assertInvalid(json().body("{\"session\":\"" + session + "\",\"fence\":" + fence + "}")
                .when().post("/v1/locks/{name}/release", name), "fence");
        lock(name).then().body("holder.session", equalTo(session));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1.5", "", "99999999999999999999"})
    void aFenceQueryThatIsNotAnIntegerIsInvalid(String fence) {
        assertInvalid(given().queryParam("fence", fence).when().get("/v1/locks/{name}", unique("q-fence")), "fence");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/sessions", "/v1/locks", "/v1/groups", "/v1/locks/x", "/v1/groups/x/members"})
    void anUnknownConsistencyIsInvalid(String path) {
        assertInvalid(given().queryParam("consistency", "eventual").when().get(path), "consistency");
    }

    @Test
    void anUnknownConsistencyIsInvalidForASessionRead() {
        String session = newSession("30s");
        assertInvalid(given().queryParam("consistency", "sloppy").when().get("/v1/sessions/{id}", session), "consistency");
    }
}
