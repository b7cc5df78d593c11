package io.warden.http;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CompletableFuture;

import static io.restassured.RestAssured.given;
import static io.warden.http.Api.acquire;
import static io.warden.http.Api.assertProblem;
import static io.warden.http.Api.async;
import static io.warden.http.Api.awaitWaiters;
import static io.warden.http.Api.hold;
import static io.warden.http.Api.join;
import static io.warden.http.Api.json;
import static io.warden.http.Api.lock;
import static io.warden.http.Api.newSession;
import static io.warden.http.Api.number;
import static io.warden.http.Api.release;
import static io.warden.http.Api.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class LockWaitApiTest {

    @Test
    void aBlockingAcquireIsGrantedWhenTheHolderReleases() {
        String holder = newSession("30s");
        String waiter = newSession("30s");
        String name = unique("blocking");
        long first = hold(name, holder);

        CompletableFuture<Response> waiting = async(() -> acquire(name, waiter, "3s"));
        awaitWaiters(name, 1);
        assertFalse(waiting.isDone(), "the request is held open while the lock is held");
        release(name, holder).then().statusCode(200);

        Response granted = join(waiting);
        granted.then().statusCode(200)
                .header(Api.INDEX, matchesPattern("\\d+"))
                .body("name", equalTo(name))
                .body("session", equalTo(waiter));
        assertTrue(number(granted, "fence") > first);
        lock(name).then().body("holder.session", equalTo(waiter)).body("waiters", equalTo(0));
    }

    @Test
    void waitersAreGrantedInFifoOrder() {
        String holder = newSession("30s");
        String second = newSession("30s");
        String third = newSession("30s");
        String name = unique("fifo");
        long first = hold(name, holder);

        CompletableFuture<Response> secondWaits = async(() -> acquire(name, second, "3s"));
        awaitWaiters(name, 1);
        CompletableFuture<Response> thirdWaits = async(() -> acquire(name, third, "3s"));
        awaitWaiters(name, 2);

        release(name, holder).then().statusCode(200);
        Response secondGrant = join(secondWaits);
        secondGrant.then().statusCode(200).body("session", equalTo(second));
        lock(name).then().body("holder.session", equalTo(second)).body("waiters", equalTo(1));
        assertFalse(thirdWaits.isDone(), "the later waiter keeps waiting behind the earlier one");

        release(name, second, number(secondGrant, "fence")).then().statusCode(200);
        Response thirdGrant = join(thirdWaits);
        thirdGrant.then().statusCode(200).body("session", equalTo(third));
        assertTrue(first < number(secondGrant, "fence"));
        assertTrue(number(secondGrant, "fence") < number(thirdGrant, "fence"));
    }

    @Test
    void aWaitThatRunsOutIsRefusedAndLeavesNoWaiterBehind() {
        String holder = newSession("30s", "keeper");
        String waiter = newSession("30s");
        String name = unique("timeout");
        long fence = hold(name, holder);

        Response refused = acquire(name, waiter, "300ms");
        assertProblem(refused, 409, "urn:warden:lock-held")
                .body("holder.session", equalTo(holder))
                .body("holder.name", equalTo("keeper"));
        assertEquals(fence, number(refused, "fence"));
        lock(name).then().body("waiters", equalTo(0)).body("holder.session", equalTo(holder));

        // Withdrawn, the waiter must not be granted the lock when the holder lets go.
        release(name, holder).then().statusCode(200);
        lock(name).then().body("holder", nullValue()).body("waiters", equalTo(0));
        given().when().get("/v1/sessions/{id}", waiter).then().statusCode(200).body("locks.size()", equalTo(0));
    }

    @Test
    void aWaiterIsNeverToldItLacksALockItWasGranted() throws Exception {
        ScheduledExecutorService releaser = Executors.newSingleThreadScheduledExecutor();
        try {
            // Releases land around the end of the wait, so grant and withdrawal race; the answer must match the state.
            for (int delayMs : new int[] {150, 190, 210, 250}) {
                String holder = newSession("30s");
                String waiter = newSession("30s");
                String name = unique("race");
                hold(name, holder);
                CompletableFuture<Response> waiting = async(() -> acquire(name, waiter, "200ms"));
                awaitWaiters(name, 1);
                releaser.schedule(() -> release(name, holder), delayMs, TimeUnit.MILLISECONDS);
                Response answer = join(waiting);
                Eventually.within(Duration.ofSeconds(3), () -> assertNotEquals(holder, lock(name).path("holder.session")));
                if (answer.statusCode() == 200) {
                    lock(name).then().body("holder.session", equalTo(waiter));
                } else {
                    assertProblem(answer, 409, "urn:warden:lock-held");
                    lock(name).then().body("holder", nullValue()).body("waiters", equalTo(0));
                }
            }
        } finally {
            releaser.shutdownNow();
        }
    }

    @Test
    void aWaiterWhoseSessionIsDeletedGetsSessionNotFound() {
        String holder = newSession("30s");
        String waiter = newSession("30s");
        String name = unique("orphan");
        hold(name, holder);

        CompletableFuture<Response> waiting = async(() -> acquire(name, waiter, "3s"));
        awaitWaiters(name, 1);
        given().when().delete("/v1/sessions/{id}", waiter).then().statusCode(204);

        assertProblem(join(waiting), 404, "urn:warden:session-not-found");
        lock(name).then().body("waiters", equalTo(0)).body("holder.session", equalTo(holder));
    }

    @Test
    void aOneShotLeaseCreatesASessionThatEndsWithTheRelease() {
        String name = unique("one-shot");
        Response granted = json().body("{\"ttl\":\"30s\"}").when().post("/v1/locks/{name}/acquire", name);
        granted.then().statusCode(200).body("name", equalTo(name));
        String session = granted.path("session");
        given().when().get("/v1/sessions/{id}", session).then().statusCode(200)
                .body("ttl", equalTo("30s"))
                .body("locks[0]", equalTo(name));

        release(name, session, number(granted, "fence")).then().statusCode(200).body("released", equalTo(true));
        assertProblem(given().when().get("/v1/sessions/{id}", session), 404, "urn:warden:session-not-found");
        lock(name).then().body("holder", nullValue());
    }

    @Test
    void aOneShotLeaseThatIsNotAcquiredEndsItsSessionAtOnce() {
        String holder = newSession("30s");
        String name = unique("one-shot-busy");
        hold(name, holder);
        Set<String> before = Api.sessionIds();

        assertProblem(json().body("{\"ttl\":\"30s\"}").when().post("/v1/locks/{name}/acquire", name),
                409, "urn:warden:lock-held").body("holder.session", equalTo(holder));

        Set<String> after = Api.sessionIds();
        after.removeAll(before);
        assertEquals(Set.of(), after, "the one-shot session must not outlive its refusal");
    }

    @Test
    void aOneShotLeaseNotAcquiredWithinItsWaitEndsItsSession() {
        String holder = newSession("30s");
        String name = unique("one-shot-wait");
        hold(name, holder);
        Set<String> before = Api.sessionIds();

        assertProblem(json().body("{\"ttl\":\"30s\",\"wait\":\"300ms\"}").when().post("/v1/locks/{name}/acquire", name),
                409, "urn:warden:lock-held").body("holder.session", equalTo(holder));

        Set<String> after = Api.sessionIds();
        after.removeAll(before);
        assertEquals(Set.of(), after, "the one-shot session must end with its withdrawn wait");
        lock(name).then().body("waiters", equalTo(0));
    }

    @Test
    void aOneShotLeaseWaitsForTheLockLikeASession() {
        String holder = newSession("30s");
        String name = unique("one-shot-queued");
        long first = hold(name, holder);

        CompletableFuture<Response> waiting = async(() -> json().body("{\"ttl\":\"30s\",\"wait\":\"3s\"}")
                .when().post("/v1/locks/{name}/acquire", name));
        awaitWaiters(name, 1);
        release(name, holder).then().statusCode(200);

        Response granted = join(waiting);
        granted.then().statusCode(200).body("name", equalTo(name));
        assertTrue(number(granted, "fence") > first);
        String session = granted.path("session");
        lock(name).then().body("holder.session", equalTo(session));
        release(name, session).then().statusCode(200);
        assertProblem(given().when().get("/v1/sessions/{id}", session), 404, "urn:warden:session-not-found");
    }
}
