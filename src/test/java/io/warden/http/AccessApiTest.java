package io.warden.http;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.warden.http.Api.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Access control over HTTP: every endpoint against every kind of caller (no token, a wrong one, a
 * read-only token, the owner of the session used, another token with the same rules, an admin),
 * session ids hidden from tokens they do not belong to, the token lifecycle, and the Authorization
 * header's malformed forms.
 */
@QuarkusTest
@TestProfile(AccessApiTest.AuthOn.class)
class AccessApiTest {

    static final String BOOTSTRAP = "bootstrap-token-for-the-access-tests";

    public static class AuthOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path file = Files.createTempFile("warden-bootstrap", ".token");
                Files.writeString(file, BOOTSTRAP + "\n");
                file.toFile().deleteOnExit();
                // Few PBKDF2 rounds: the tests verify many fresh tokens on 2 cores; the default is in the README.
                return Map.of("warden.auth.enabled", "true", "warden.auth.bootstrap-token-file", file.toString(),
                        "warden.auth.hash-iterations", "1000", "warden.auth.protect-operations", "true");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private enum Who { NONE, WRONG, READER, OWNER, OTHER, ADMIN }

    private static final Map<Who, String> TOKENS = new LinkedHashMap<>();
    private static String session;

    /** Once per class, on the first test: the application is up by then (it is not yet in a static @BeforeAll). */
    @BeforeEach
    void tokens() {
        if (session != null) {
            return;
        }
        TOKENS.put(Who.NONE, null);
        TOKENS.put(Who.WRONG, "00000000-0000-0000-0000-000000000000.not-a-secret");
        TOKENS.put(Who.ADMIN, BOOTSTRAP);
        String rw = "[{\"kind\":\"lock\",\"prefix\":\"acc.\",\"access\":\"write\"},"
                + "{\"kind\":\"group\",\"prefix\":\"acc.\",\"access\":\"write\"},"
                + "{\"kind\":\"election\",\"prefix\":\"acc.\",\"access\":\"write\"},"
                + "{\"kind\":\"session\",\"prefix\":\"\",\"access\":\"write\"}]";
        TOKENS.put(Who.READER, create("reader", "[{\"kind\":\"lock\",\"prefix\":\"acc.\",\"access\":\"read\"},"
                + "{\"kind\":\"group\",\"prefix\":\"acc.\",\"access\":\"read\"},"
                + "{\"kind\":\"election\",\"prefix\":\"acc.\",\"access\":\"read\"}]"));
        TOKENS.put(Who.OWNER, create("owner", rw));
        TOKENS.put(Who.OTHER, create("other", rw));
        session = as(Who.OWNER).body("{\"ttl\":\"5m\"}").post("/v1/sessions").then().statusCode(201).extract().path("id");
        as(Who.OWNER).body(sessionBody()).post("/v1/locks/acc.held/acquire").then().statusCode(200);
        as(Who.OWNER).body(sessionBody()).put("/v1/groups/acc.g/members/m0").then().statusCode(200);
        as(Who.OWNER).body(sessionBody()).post("/v1/elections/acc.e/campaign").then().statusCode(200);
    }

    /**
     * A watch is judged on its filter: its own session's watch for the owner, a watch of names the
     * token may read for a reader; and what it shows is masked like every other answer.
     */
    @Test
    void aWatchNeedsReadOnEverythingItCanMatchAndHidesOtherTokensSessions() {
        String base = "http://127.0.0.1:" + RestAssured.port;
        record Try(Who who, String query, int status) {
        }
        for (Try t : List.of(new Try(Who.OWNER, "?session=" + session, 200),
                new Try(Who.OTHER, "?session=" + session, 403),
                new Try(Who.READER, "?session=" + session, 403),
                new Try(Who.READER, "?prefix=acc.&types=lock,member,election", 200),
                new Try(Who.READER, "?prefix=acc.", 403),               // session events too: no session rule
                new Try(Who.READER, "?prefix=other.&types=lock", 403),
                new Try(Who.READER, "?types=lock", 403),                // every lock, not only acc.
                new Try(Who.OWNER, "?prefix=acc.&types=lock", 200),
                new Try(Who.NONE, "?session=" + session, 401))) {
            try (SseStream stream = TOKENS.get(t.who()) == null
                    ? SseStream.open(base, "/v1/watch" + t.query())
                    : SseStream.open(base, "/v1/watch" + t.query(),
                    "Authorization", "Bearer " + TOKENS.get(t.who()))) {
                String refusal = stream.status() == 200 ? "" : stream.body();
                assertEquals(t.status(), stream.status(), t.who() + " " + t.query() + ": " + refusal);
                if (t.status() == 403) {
                    assertTrue(refusal.contains("urn:warden:forbidden"), refusal);
                }
            }
        }

        String mine = as(Who.OWNER).body("{\"ttl\":\"5m\"}").post("/v1/sessions").then().statusCode(201).extract().path("id");
        try (SseStream reader = SseStream.open(base, "/v1/watch?prefix=acc.w&types=lock",
                "Authorization", "Bearer " + TOKENS.get(Who.READER));
             SseStream owner = SseStream.open(base, "/v1/watch?session=" + mine,
                     "Authorization", "Bearer " + TOKENS.get(Who.OWNER))) {
            assertEquals(200, reader.status());
            assertEquals(200, owner.status());
            int fence = as(Who.OWNER).body("{\"session\":\"" + mine + "\"}").post("/v1/locks/acc.w1/acquire")
                    .then().statusCode(200).extract().path("fence");
            as(Who.OWNER).delete("/v1/sessions/" + mine).then().statusCode(204);

            Duration soon = Duration.ofSeconds(10);
            SseStream.Event granted = reader.nextEvent(soon);
            assertEquals("lock.granted", granted.event());
            assertEquals("acc.w1", granted.data().get("lock"));
            assertEquals(fence, ((Number) granted.data().get("fence")).intValue());
            assertTrue(granted.data().containsKey("session") && granted.data().get("session") == null,
                    "a reader sees the holder's fence, not its session id: " + granted.data());

            List<SseStream.Event> own = owner.until(e -> e.event().equals("session.ended"), soon);
            assertEquals(mine, own.get(own.size() - 1).data().get("session"), "the owner sees its own session end");
            assertTrue(own.stream().anyMatch(e -> e.event().equals("lock.granted") && mine.equals(e.data().get("session"))),
                    "and its own grant, with its session id: " + own);
        }
    }

    private static String create(String name, String rules) {
        Response r = as(Who.ADMIN).body("{\"name\":\"" + name + "\",\"rules\":" + rules + "}").post("/v1/acl/tokens");
        r.then().statusCode(201).body("name", equalTo(name)).body("admin", equalTo(false));
        String secret = r.path("secret");
        assertTrue(secret.startsWith(r.<String>path("id") + "."), secret);
        return secret;
    }

    private static String sessionBody() {
        return "{\"session\":\"" + session + "\"}";
    }

    private static RequestSpecification as(Who who) {
        RequestSpecification spec = given().contentType(ContentType.JSON);
        String token = TOKENS.get(who);
        return token == null ? spec : spec.header("Authorization", "Bearer " + token);
    }

    /** One endpoint's expected status per caller, in {@link Who} order; the request may name the caller. */
    private record Case(String label, java.util.function.BiFunction<Who, RequestSpecification, Response> request, int... statuses) {
    }

    @Test
    void everyEndpointAnswersEveryCallerAsItsRulesSay() {
        List<Case> cases = List.of(
                new Case("GET lock", (w, s) -> s.get("/v1/locks/acc.held"), 401, 401, 200, 200, 200, 200),
                new Case("GET locks under acc.", (w, s) -> s.get("/v1/locks?prefix=acc."), 401, 401, 200, 200, 200, 200),
                new Case("GET every lock", (w, s) -> s.get("/v1/locks"), 401, 401, 403, 403, 403, 200),
                new Case("acquire with the owner's session", (w, s) -> s.body(sessionBody()).post("/v1/locks/acc.l-" + w + "/acquire"),
                        401, 401, 403, 200, 403, 200),
                new Case("acquire outside the rules", (w, s) -> s.body(sessionBody()).post("/v1/locks/other.l-" + w + "/acquire"),
                        401, 401, 403, 403, 403, 200),
                new Case("release with the owner's session", (w, s) -> s.body(sessionBody()).post("/v1/locks/acc.l-" + w + "/release"),
                        401, 401, 403, 200, 403, 200),
                new Case("keepalive", (w, s) -> s.put("/v1/sessions/" + session + "/keepalive"), 401, 401, 403, 200, 403, 200),
                new Case("GET session", (w, s) -> s.get("/v1/sessions/" + session), 401, 401, 403, 200, 403, 200),
                new Case("GET sessions", (w, s) -> s.get("/v1/sessions"), 401, 401, 403, 403, 403, 200),
                new Case("GET members", (w, s) -> s.get("/v1/groups/acc.g/members"), 401, 401, 200, 200, 200, 200),
                new Case("GET ring", (w, s) -> s.get("/v1/groups/acc.g/ring"), 401, 401, 200, 200, 200, 200),
                new Case("PUT member", (w, s) -> s.body(sessionBody()).put("/v1/groups/acc.g/members/m-" + w), 401, 401, 403, 200, 403, 200),
                new Case("GET election", (w, s) -> s.get("/v1/elections/acc.e"), 401, 401, 200, 200, 200, 200),
                new Case("campaign", (w, s) -> s.body(sessionBody()).post("/v1/elections/acc.e-" + w + "/campaign"),
                        401, 401, 403, 200, 403, 200),
                new Case("resign with the owner's session", (w, s) -> s.body(sessionBody()).post("/v1/elections/acc.e-" + w + "/resign"),
                        401, 401, 403, 200, 403, 200),
                new Case("POST peer", (w, s) -> s.body("{}").post("/v1/cluster/peers"), 401, 401, 403, 403, 403, 400),
                new Case("DELETE peer", (w, s) -> s.delete("/v1/cluster/peers/n9"), 401, 401, 403, 403, 403, 404),
                new Case("GET cluster", (w, s) -> s.get("/v1/cluster"), 401, 401, 200, 200, 200, 200),
                new Case("POST snapshot", (w, s) -> s.post("/v1/cluster/snapshot"), 401, 401, 403, 403, 403, 200),
                new Case("POST leader", (w, s) -> s.body("{\"id\":\"n9\"}").post("/v1/cluster/leader"), 401, 401, 403, 403, 403, 404),
                new Case("GET tokens", (w, s) -> s.get("/v1/acl/tokens"), 401, 401, 403, 403, 403, 200),
                new Case("POST token", (w, s) -> s.body("{\"name\":\"x\"}").post("/v1/acl/tokens"), 401, 401, 403, 403, 403, 201),
                new Case("watch (an admin's stream is tested in WatchApiTest)", (w, s) -> w == Who.ADMIN ? null
                        : s.get("/v1/watch"), 401, 401, 403, 403, 403, -1));
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Case c : cases) {
            for (Who who : Who.values()) {
                int expected = c.statuses()[who.ordinal()];
                if (expected < 0) {
                    continue;
                }
                Response r = c.request().apply(who, as(who));
                checked++;
                if (r.statusCode() != expected) {
                    wrong.add(c.label() + " as " + who + ": " + r.statusCode() + " " + r.asString());
                } else if (expected == 401) {
                    assertProblem(r, 401, "urn:warden:unauthorized").header("WWW-Authenticate", equalTo("Bearer realm=\"warden\""));
                } else if (expected == 403) {
                    assertProblem(r, 403, "urn:warden:forbidden");
                }
            }
        }
        assertEquals(List.of(), wrong);
        assertEquals(cases.size() * 6 - 1, checked);
        // Probes carry no token; metrics and OpenAPI need one when protect-operations is set (here).
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
        assertProblem(given().get("/q/metrics"), 401, "urn:warden:unauthorized");
        assertProblem(given().get("/q/openapi"), 401, "urn:warden:unauthorized");
        as(Who.READER).get("/q/metrics").then().statusCode(200);
        as(Who.READER).get("/q/openapi").then().statusCode(200);
    }

    @Test
    void sessionIdsAreShownOnlyToTheirOwnerAndAdmins() {
        for (Who who : List.of(Who.READER, Who.OTHER)) {
            as(who).get("/v1/locks/acc.held").then().statusCode(200).body("holder.session", nullValue())
                    .body("fence", org.hamcrest.Matchers.notNullValue());
            as(who).get("/v1/groups/acc.g/members").then().statusCode(200).body("members[0].session", nullValue())
                    .body("members[0].member", equalTo("m0"));
            as(who).get("/v1/elections/acc.e").then().statusCode(200).body("leader.session", nullValue());
        }
        for (Who who : List.of(Who.OWNER, Who.ADMIN)) {
            as(who).get("/v1/locks/acc.held").then().body("holder.session", equalTo(session));
            as(who).get("/v1/groups/acc.g/members").then().body("members[0].session", equalTo(session));
            as(who).get("/v1/elections/acc.e").then().body("leader.session", equalTo(session));
        }
        // A refused acquire's problem names the holder without its session for another token.
        String other = as(Who.OTHER).body("{\"ttl\":\"1m\"}").post("/v1/sessions").then().statusCode(201).extract().path("id");
        Response held = as(Who.OTHER).body("{\"session\":\"" + other + "\"}").post("/v1/locks/acc.held/acquire");
        assertProblem(held, 409, "urn:warden:lock-held").body("holder.session", nullValue());
    }

    @Test
    void anIdempotencyKeyReusedByAnotherTokenIsRefusedNotAnsweredWithTheFirstResult() {
        String key = Api.unique("acc-key");
        String body = "{\"ttl\":\"1m\",\"name\":\"k\"}";
        String first = as(Who.OWNER).header("Idempotency-Key", key).body(body).post("/v1/sessions")
                .then().statusCode(201).extract().path("id");
        as(Who.OWNER).header("Idempotency-Key", key).body(body).post("/v1/sessions")
                .then().statusCode(201).body("id", equalTo(first));
        assertProblem(as(Who.OTHER).header("Idempotency-Key", key).body(body).post("/v1/sessions"), 422,
                "urn:warden:idempotency-key-reused");
    }

    @Test
    void aTokenIsShownOnceListedWithoutItsSecretAndEndsWhenDeleted() {
        Response created = as(Who.ADMIN).body("{\"name\":\"temp\",\"rules\":[{\"kind\":\"lock\",\"prefix\":\"t.\",\"access\":\"read\"}]}")
                .post("/v1/acl/tokens");
        String id = created.then().statusCode(201).extract().path("id");
        String secret = created.path("secret");
        given().header("Authorization", "Bearer " + secret).get("/v1/locks/t.x").then().statusCode(200);
        // The scheme is case-insensitive (RFC 9110); the secret is not.
        given().header("Authorization", "bearer " + secret).get("/v1/locks/t.x").then().statusCode(200);
        given().header("Authorization", "Bearer " + secret.toUpperCase()).get("/v1/locks/t.x").then().statusCode(401);

        as(Who.ADMIN).get("/v1/acl/tokens/" + id).then().statusCode(200).body("secret", nullValue())
                .body("rules[0].prefix", equalTo("t."));
        String listed = as(Who.ADMIN).get("/v1/acl/tokens?limit=1000").then().statusCode(200).extract().asString();
        assertTrue(listed.contains(id));
        assertFalse(listed.contains(secret.substring(id.length() + 1)), "a listing shows no secret");

        as(Who.ADMIN).delete("/v1/acl/tokens/" + id).then().statusCode(204);
        assertProblem(given().header("Authorization", "Bearer " + secret).get("/v1/locks/t.x"), 401, "urn:warden:unauthorized");
        assertProblem(as(Who.ADMIN).delete("/v1/acl/tokens/" + id), 404, "urn:warden:not-found");
    }

    @Test
    void badTokenRequestsAre400AndCreateNothing() {
        int before = as(Who.ADMIN).get("/v1/acl/tokens?limit=1000").then().extract().path("tokens.size()");
        Api.assertInvalid(as(Who.ADMIN).body("{\"rules\":[{\"kind\":\"bogus\",\"access\":\"read\"}]}").post("/v1/acl/tokens"), "rules.kind");
        Api.assertInvalid(as(Who.ADMIN).body("{\"rules\":[{\"kind\":\"lock\"}]}").post("/v1/acl/tokens"), "access");
        Api.assertInvalid(as(Who.ADMIN).body("{\"rules\":[{\"kind\":\"lock\",\"prefix\":\"a b\",\"access\":\"read\"}]}")
                .post("/v1/acl/tokens"), "rules.prefix");
        Api.assertInvalid(as(Who.ADMIN).body("{\"rules\":{}}").post("/v1/acl/tokens"), "rules");
        Api.assertInvalid(as(Who.ADMIN).body("{\"admin\":\"yes\"}").post("/v1/acl/tokens"), "admin");
        int after = as(Who.ADMIN).get("/v1/acl/tokens?limit=1000").then().extract().path("tokens.size()");
        assertEquals(before, after);
    }

    @Test
    void malformedAuthorizationHeadersAre401() {
        List<String> headers = List.of("", "Bearer", "Bearer ", "Basic " + BOOTSTRAP, "Token " + BOOTSTRAP, BOOTSTRAP,
                "Bearer " + BOOTSTRAP + "x", "Bearer x." , "Bearer .x", "Bearer " + "a".repeat(600),
                "Bearer 00000000-0000-0000-0000-000000000000", "Bearer \u00e9.\u00e9");
        int checked = 0;
        for (String h : headers) {
            Response r = given().header("Authorization", h).get("/v1/locks/acc.held");
            assertProblem(r, 401, "urn:warden:unauthorized");
            checked++;
        }
        assertEquals(headers.size(), checked);
        // Random headers (seeded): a scheme or none, then printable ASCII of random length, some shaped
        // like a real token with a dot after a UUID-length id. None may pass, none may fail the server.
        java.util.Random random = new java.util.Random(0xA117L);
        String[] schemes = {"Bearer ", "bearer ", "BEARER ", "Basic ", "", "Bearer  "};
        int fuzzed = 0;
        for (int i = 0; i < 300; i++) {
            StringBuilder token = new StringBuilder();
            int length = random.nextInt(90);
            for (int c = 0; c < length; c++) {
                token.append((char) (0x21 + random.nextInt(0x7e - 0x21)));
            }
            if (random.nextBoolean() && token.length() > 37) {
                token.setCharAt(36, '.');
            }
            Response r = given().header("Authorization", schemes[random.nextInt(schemes.length)] + token)
                    .get("/v1/locks/acc.held");
            assertEquals(401, r.statusCode(), "header " + token + ": " + r.asString());
            fuzzed++;
        }
        assertEquals(300, fuzzed);
        assertNotNull(TOKENS.get(Who.ADMIN));
    }
}
