package io.warden.http;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static io.warden.http.Api.acquire;
import static io.warden.http.Api.assertProblem;
import static io.warden.http.Api.async;
import static io.warden.http.Api.awaitWaiters;
import static io.warden.http.Api.hold;
import static io.warden.http.Api.join;
import static io.warden.http.Api.lock;
import static io.warden.http.Api.newSession;
import static io.warden.http.Api.number;
import static io.warden.http.Api.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class SessionExpiryApiTest {

    /** Polls until the session is gone, then checks the full problem answer once. */
    private static void awaitGone(String session) {
        Eventually.within(Duration.ofSeconds(4), () ->
                assertEquals(404, given().when().get("/v1/sessions/{id}", session).statusCode()));
        assertProblem(given().when().get("/v1/sessions/{id}", session), 404, "urn:warden:session-not-found");
    }

    @Test
    void aSessionThatIsNotKeptAliveExpires() {
        String session = newSession("1s");
        given().when().get("/v1/sessions/{id}", session).then().statusCode(200);
        awaitGone(session);
        assertProblem(given().when().put("/v1/sessions/{id}/keepalive", session), 404, "urn:warden:session-not-found");
    }

    @Test
    void anExpiredHoldersLockPassesToTheNextWaiterWithALargerFence() {
        String holder = newSession("1s");
        String waiter = newSession("30s");
        String name = unique("expiring");
        long fence = hold(name, holder);

        CompletableFuture<Response> waiting = async(() -> acquire(name, waiter, "3s"));
        Response granted = join(waiting);
        granted.then().statusCode(200).body("session", equalTo(waiter));
        assertTrue(number(granted, "fence") > fence, "the next grant carries a larger fence");
        assertProblem(given().when().get("/v1/sessions/{id}", holder), 404, "urn:warden:session-not-found");
        lock(name).then().body("holder.session", equalTo(waiter)).body("waiters", equalTo(0));
    }

    @Test
    void anExpiredWaiterLeavesTheQueue() {
        String holder = newSession("30s");
        String waiter = newSession("1s");
        String name = unique("expiring-waiter");
        hold(name, holder);

        CompletableFuture<Response> waiting = async(() -> acquire(name, waiter, "3s"));
        awaitWaiters(name, 1);
        assertProblem(join(waiting), 404, "urn:warden:session-not-found");
        lock(name).then().body("waiters", equalTo(0)).body("holder.session", equalTo(holder));
    }

    @Test
    void keepalivesKeepASessionAlivePastItsTtl() {
        String kept = newSession("1s");
        String control = newSession("1s");
        ScheduledExecutorService keeper = Executors.newSingleThreadScheduledExecutor();
        try {
            keeper.scheduleAtFixedRate(() -> given().when().put("/v1/sessions/{id}/keepalive", kept),
                    0, 150, TimeUnit.MILLISECONDS);
            // The control session, made after the kept one and never kept alive, marks that a full TTL has passed.
            awaitGone(control);
            given().when().get("/v1/sessions/{id}", kept).then().statusCode(200);
        } finally {
            keeper.shutdownNow();
        }
        awaitGone(kept);
    }
}
