package io.warden.http;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static io.warden.http.Api.assertInvalid;
import static io.warden.http.Api.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ?limit=&after=} on the list endpoints: pages in key order, {@code next} to continue, bad values 400. */
@QuarkusTest
class PagingApiTest {

    @Test
    void lockPagesUnderAPrefixWalkEveryLockOnce() {
        String s = Api.newSession("1m");
        String prefix = unique("paged") + ".";
        List<String> held = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            held.add(prefix + i);
            Api.hold(prefix + i, s);
        }

        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            var request = given().queryParam("prefix", prefix).queryParam("limit", 2);
            if (after != null) {
                request = request.queryParam("after", after);
            }
            var page = request.when().get("/v1/locks").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("locks.name"));
            after = page.getString("next");
            pages++;
        } while (after != null);

        assertEquals(held, seen);
        assertEquals(3, pages);
    }

    @Test
    void sessionPagesAreCappedAndContinueWithNext() {
        for (int i = 0; i < 3; i++) {
            Api.newSession("1m");
        }
        var page = given().queryParam("limit", 2).when().get("/v1/sessions").then().statusCode(200).extract().jsonPath();
        assertEquals(2, page.getList("sessions").size());
        String next = page.getString("next");
        assertEquals(page.getString("sessions[1].id"), next);
        var rest = given().queryParam("after", next).when().get("/v1/sessions").then().statusCode(200).extract().jsonPath();
        assertTrue(rest.getList("sessions.id").stream().allMatch(id -> ((String) id).compareTo(next) > 0));
    }

    @Test
    void groupsPageToo() {
        String s = Api.newSession("1m");
        String g = unique("pg");
        Api.putMember(g + "-a", "m", s).then().statusCode(200);
        Api.putMember(g + "-b", "m", s).then().statusCode(200);
        var page = given().queryParam("limit", 1).queryParam("after", g + "-a").when().get("/v1/groups")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(g + "-b", page.getString("groups[0].group"));
    }

    @Test
    void limitsOutOfRangeAndOverlongAfterAreInvalid() {
        assertInvalid(given().queryParam("limit", 0).when().get("/v1/sessions"), "limit");
        assertInvalid(given().queryParam("limit", 1001).when().get("/v1/locks"), "limit");
        assertInvalid(given().queryParam("limit", "ten").when().get("/v1/groups"), "limit");
        assertInvalid(given().queryParam("after", "x".repeat(201)).when().get("/v1/sessions"), "after");
    }
}
