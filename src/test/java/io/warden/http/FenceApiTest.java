package io.warden.http;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static io.warden.http.Api.assertProblem;
import static io.warden.http.Api.hold;
import static io.warden.http.Api.lock;
import static io.warden.http.Api.newSession;
import static io.warden.http.Api.number;
import static io.warden.http.Api.release;
import static io.warden.http.Api.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class FenceApiTest {

    @Test
    void fencesStrictlyIncreaseOverEveryGrantOfEveryLock() {
        String a = newSession("30s");
        String b = newSession("30s");
        String lockX = unique("fence-x");
        String lockY = unique("fence-y");
        List<Long> fences = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            String session = round % 2 == 0 ? a : b;
            fences.add(hold(lockX, session));
            fences.add(hold(lockY, session));
            release(lockX, session).then().statusCode(200);
            release(lockY, session).then().statusCode(200);
        }
        for (int i = 1; i < fences.size(); i++) {
            assertTrue(fences.get(i) > fences.get(i - 1), "fences must strictly increase: " + fences);
        }
    }

    @Test
    void checkingTheCurrentFenceAnswersTheLock() {
        String session = newSession("30s");
        String name = unique("fence-ok");
        long fence = hold(name, session);
        Response read = given().queryParam("fence", fence).when().get("/v1/locks/{name}", name);
        read.then().statusCode(200)
                .header(Api.INDEX, matchesPattern("\\d+"))
                .body("name", equalTo(name))
                .body("holder.session", equalTo(session))
                .body("waiters", equalTo(0));
        assertEquals(fence, number(read, "fence"));
    }

    @Test
    void checkingAnOlderFenceIsRefusedAsStale() {
        String first = newSession("30s");
        String second = newSession("30s");
        String name = unique("fence-old");
        long old = hold(name, first);
        release(name, first).then().statusCode(200);
        long current = hold(name, second);

        assertProblem(given().queryParam("fence", old).when().get("/v1/locks/{name}", name),
                409, "urn:warden:stale-fence");
        given().queryParam("fence", current).when().get("/v1/locks/{name}", name).then().statusCode(200);
    }

    @Test
    void checkingANewerFenceThanTheCurrentOneIsRefusedAsStale() {
        String name = unique("fence-future");
        long fence = hold(name, newSession("30s"));
        assertProblem(given().queryParam("fence", fence + 1000).when().get("/v1/locks/{name}", name),
                409, "urn:warden:stale-fence");
    }

    @Test
    void checkingAnyFenceOfAFreeLockIsRefusedAsStale() {
        String session = newSession("30s");
        String name = unique("fence-free");
        long fence = hold(name, session);
        release(name, session).then().statusCode(200);
        assertProblem(given().queryParam("fence", fence).when().get("/v1/locks/{name}", name),
                409, "urn:warden:stale-fence");
    }

    @Test
    void releaseWithAStaleFenceIsRefusedAndNothingChanges() {
        String first = newSession("30s");
        String name = unique("fence-release");
        long old = hold(name, first);
        release(name, first).then().statusCode(200);
        long current = hold(name, first);

        assertProblem(release(name, first, old), 409, "urn:warden:stale-fence");
        Response after = lock(name);
        after.then().statusCode(200).body("holder.session", equalTo(first)).body("waiters", equalTo(0));
        assertEquals(current, number(after, "fence"));
        given().when().get("/v1/sessions/{id}", first).then().body("locks[0]", equalTo(name));
    }

    @Test
    void releaseWithTheCurrentFenceFreesTheLock() {
        String session = newSession("30s");
        String name = unique("fence-current");
        long fence = hold(name, session);
        release(name, session, fence).then().statusCode(200).body("released", equalTo(true));
        lock(name).then().body("holder", nullValue()).body("fence", nullValue());
    }

    @Test
    void aHolderKeepsItsFenceUntilItReleases() {
        String session = newSession("30s");
        String name = unique("fence-stable");
        long fence = hold(name, session);
        hold(unique("fence-other"), session);
        assertEquals(fence, number(lock(name), "fence"), "a grant of another lock must not change this lock's fence");
    }
}
