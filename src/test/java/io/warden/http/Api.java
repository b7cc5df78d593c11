package io.warden.http;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Shared request helpers: the node is shared by every test class, so every name made here is unique. */
final class Api {

    static final String INDEX = "X-Warden-Index";
    static final String PROBLEM_JSON = "application/problem+json";

    /** Waiters run on threads of their own so a test can release while a request is held open. */
    private static final ExecutorService WAITERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "api-test-waiter");
        t.setDaemon(true);
        return t;
    });

    private Api() {
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static RequestSpecification json() {
        return given().contentType(ContentType.JSON);
    }

    static String newSession(String ttl) {
        return newSession(ttl, null);
    }

    static String newSession(String ttl, String name) {
        StringBuilder body = new StringBuilder("{\"ttl\":\"").append(ttl).append('"');
        if (name != null) {
            body.append(",\"name\":\"").append(name).append('"');
        }
        body.append('}');
        return json().body(body.toString())
                .when().post("/v1/sessions")
                .then().statusCode(201)
                .extract().path("id");
    }

    static Response acquire(String lock, String session, String wait) {
        String body = wait == null
                ? "{\"session\":\"" + session + "\"}"
                : "{\"session\":\"" + session + "\",\"wait\":\"" + wait + "\"}";
        return json().body(body).when().post("/v1/locks/{name}/acquire", lock);
    }

    /** Acquires a free lock and answers its fence. */
    static long hold(String lock, String session) {
        return number(acquire(lock, session, null).then().statusCode(200).extract().response(), "fence");
    }

    static Response release(String lock, String session) {
        return json().body(Map.of("session", session)).when().post("/v1/locks/{name}/release", lock);
    }

    static Response release(String lock, String session, long fence) {
        return json().body(Map.of("session", session, "fence", fence)).when().post("/v1/locks/{name}/release", lock);
    }

    static Response lock(String lock) {
        return given().when().get("/v1/locks/{name}", lock);
    }

    static Response putMember(String group, String member, String session) {
        return json().body(Map.of("session", session))
                .when().put("/v1/groups/{group}/members/{member}", group, member);
    }

    static Response members(String group) {
        return given().when().get("/v1/groups/{group}/members", group);
    }

    /** Ids of every live session; tests compare before/after sets since the node is never empty. */
    static Set<String> sessionIds() {
        List<String> ids = given().when().get("/v1/sessions").then().statusCode(200).extract().path("sessions.id");
        return new HashSet<>(ids);
    }

    /** JSON numbers come back as Integer or Long by size; fences and indexes compare as long. */
    static long number(Response response, String path) {
        return ((Number) response.path(path)).longValue();
    }

    static long index(Response response) {
        return Long.parseLong(response.getHeader(INDEX));
    }

    /** Waits, by polling, until the lock shows {@code waiters} queued sessions. */
    static void awaitWaiters(String lock, int waiters) {
        Eventually.within(Duration.ofSeconds(3), () -> assertEquals(waiters, ((Number) lock(lock).path("waiters")).intValue()));
    }

    static <T> CompletableFuture<T> async(Supplier<T> request) {
        return CompletableFuture.supplyAsync(request, WAITERS);
    }

    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the held-open request did not answer", e);
        }
    }

    /** The RFC 9457 shape every error shares, with its X-Warden-Index. */
    static ValidatableResponse assertProblem(Response response, int status, String type) {
        return response.then()
                .statusCode(status)
                .header("Content-Type", startsWith(PROBLEM_JSON))
                .header(INDEX, matchesPattern("\\d+"))
                .body("type", equalTo(type))
                .body("title", not(emptyOrNullString()))
                .body("status", equalTo(status))
                .body("detail", not(emptyOrNullString()));
    }

    /** A 400 invalid-request that names the offending field in errors[]. */
    static ValidatableResponse assertInvalid(Response response, String field) {
        return assertProblem(response, 400, "urn:warden:invalid-request")
                .body("errors.size()", equalTo(1))
                .body("errors[0].field", equalTo(field))
                .body("errors[0].message", not(emptyOrNullString()));
    }
}
