package io.warden.http;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static io.warden.http.Api.acquire;
import static io.warden.http.Api.assertProblem;
import static io.warden.http.Api.hold;
import static io.warden.http.Api.json;
import static io.warden.http.Api.lock;
import static io.warden.http.Api.newSession;
import static io.warden.http.Api.number;
import static io.warden.http.Api.release;
import static io.warden.http.Api.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class LockApiTest {

    @Test
    void acquiringAFreeLockAnswersTheGrant() {
        String session = newSession("30s");
        String name = unique("free");
        Response granted = acquire(name, session, null);
        granted.then().statusCode(200)
                .contentType("application/json")
                .header(Api.INDEX, matchesPattern("\\d+"))
                .body("name", equalTo(name))
                .body("session", equalTo(session))
                .body("fence", equalTo(granted.path("fence")));
        lock(name).then().statusCode(200)
                .body("holder.session", equalTo(session))
                .body("fence", equalTo(granted.path("fence")));
    }

    @Test
    void reacquiringAHeldLockIsANoOpWithTheSameFence() {
        String session = newSession("30s");
        String name = unique("again");
        long fence = hold(name, session);
        acquire(name, session, "1s").then().statusCode(200)
                .body("session", equalTo(session));
        assertEquals(fence, number(acquire(name, session, null), "fence"));
        lock(name).then().body("waiters", equalTo(0));
    }

    @Test
    void acquiringAHeldLockWithoutWaitIsRefusedWithHolderAndFence() {
        String holder = newSession("30s", "owner-1");
        String other = newSession("30s");
        String name = unique("busy");
        long fence = hold(name, holder);

        Response refused = acquire(name, other, null);
        assertProblem(refused, 409, "urn:warden:lock-held")
                .body("holder.session", equalTo(holder))
                .body("holder.name", equalTo("owner-1"));
        assertEquals(fence, number(refused, "fence"));
        lock(name).then().body("holder.session", equalTo(holder)).body("waiters", equalTo(0));
    }

    @Test
    void acquiringWithAnUnknownSessionIsNotFound() {
        String name = unique("nosession");
        assertProblem(acquire(name, unique("ghost"), null), 404, "urn:warden:session-not-found");
        lock(name).then().body("holder", nullValue());
    }

    @Test
    void releaseByTheHolderFreesTheLock() {
        String session = newSession("30s");
        String name = unique("release");
        hold(name, session);
        release(name, session).then().statusCode(200)
                .header(Api.INDEX, matchesPattern("\\d+"))
                .body("name", equalTo(name))
                .body("released", equalTo(true));
        lock(name).then().statusCode(200)
                .body("name", equalTo(name))
                .body("holder", nullValue())
                .body("fence", nullValue())
                .body("waiters", equalTo(0));
        given().when().get("/v1/sessions/{id}", session).then().statusCode(200).body("locks.size()", equalTo(0));
    }

    @Test
    void releaseByNonHolderIsRefused() {
        String holder = newSession("30s");
        String other = newSession("30s");
        String name = unique("not-mine");
        long fence = hold(name, holder);
        assertProblem(release(name, other), 409, "urn:warden:not-holder");
        lock(name).then().body("holder.session", equalTo(holder));
        assertEquals(fence, number(lock(name), "fence"));
    }

    @Test
    void releaseOfAFreeLockIsRefusedAsNotHolder() {
        assertProblem(release(unique("never-held"), newSession("30s")), 409, "urn:warden:not-holder");
    }

    @Test
    void releaseWithAnUnknownSessionIsNotFound() {
        String holder = newSession("30s");
        String name = unique("release-ghost");
        hold(name, holder);
        assertProblem(release(name, unique("ghost")), 404, "urn:warden:session-not-found");
        lock(name).then().body("holder.session", equalTo(holder));
    }

    @Test
    void aLockThatWasNeverUsedReadsAsFree() {
        String name = unique("untouched");
        lock(name).then().statusCode(200)
                .header(Api.INDEX, matchesPattern("\\d+"))
                .body("name", equalTo(name))
                .body("holder", nullValue())
                .body("fence", nullValue())
                .body("waiters", equalTo(0));
    }

    @Test
    void readingAHeldLockShowsTheHolderSessionAndName() {
        String session = newSession("30s", "named-holder");
        String name = unique("shown");
        long fence = hold(name, session);
        Response read = lock(name);
        read.then().statusCode(200)
                .body("holder.session", equalTo(session))
                .body("holder.name", equalTo("named-holder"))
                .body("waiters", equalTo(0));
        assertEquals(fence, number(read, "fence"));
    }

    @Test
    void listShowsHeldLocksUnderAPrefixAndNotFreeOnes() {
        String prefix = unique("listing") + ".";
        String session = newSession("30s");
        hold(prefix + "a", session);
        hold(prefix + "b", session);
        hold(prefix + "c", session);
        release(prefix + "c", session).then().statusCode(200);

        given().queryParam("prefix", prefix).when().get("/v1/locks")
                .then().statusCode(200)
                .header(Api.INDEX, matchesPattern("\\d+"))
                .body("locks.name", containsInAnyOrder(prefix + "a", prefix + "b"))
                .body("locks.holder.session", everyItem(equalTo(session)))
                .body("locks.waiters", everyItem(equalTo(0)));
    }

    @Test
    void listWithoutPrefixIncludesEveryHeldLock() {
        String name = unique("all-locks");
        hold(name, newSession("30s"));
        given().when().get("/v1/locks")
                .then().statusCode(200)
                .body("locks.name", hasItem(name));
    }

    @Test
    void listCountsTheWaitersOfEachLock() {
        String prefix = unique("waited") + ".";
        String holder = newSession("30s");
        String waiter = newSession("30s");
        hold(prefix + "x", holder);
        var waiting = Api.async(() -> acquire(prefix + "x", waiter, "3s"));
        Api.awaitWaiters(prefix + "x", 1);
        given().queryParam("prefix", prefix).when().get("/v1/locks")
                .then().statusCode(200)
                .body("locks.name", contains(prefix + "x"))
                .body("locks[0].waiters", equalTo(1));
        release(prefix + "x", holder).then().statusCode(200);
        Api.join(waiting).then().statusCode(200).body("session", equalTo(waiter));
    }

    @Test
    void locksAreKeptPerName() {
        String session = newSession("30s");
        String other = newSession("30s");
        String base = unique("per-name");
        hold(base + "-1", session);
        // A different name is a different lock, even with a shared prefix.
        hold(base + "-10", other);
        json().body("{\"session\":\"" + other + "\"}").when().post("/v1/locks/{name}/acquire", base + "-1")
                .then().statusCode(409);
    }
}
