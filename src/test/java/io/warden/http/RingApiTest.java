package io.warden.http;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.warden.domain.member.Member;
import io.warden.domain.ring.Rendezvous;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static io.restassured.RestAssured.given;
import static io.warden.http.Api.assertProblem;
import static io.warden.http.Api.async;
import static io.warden.http.Api.index;
import static io.warden.http.Api.join;
import static io.warden.http.Api.json;
import static io.warden.http.Api.newSession;
import static io.warden.http.Api.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /v1/groups/{g}/ring: a key's owners and the members' shares, from the members and their weights. */
@QuarkusTest
class RingApiTest {

    private static Response put(String group, String member, String session, Integer weight) {
        Map<String, Object> body = weight == null
                ? Map.of("session", session, "address", member + ".local:9000")
                : Map.of("session", session, "address", member + ".local:9000", "weight", weight);
        return json().body(body).when().put("/v1/groups/{group}/members/{member}", group, member);
    }

    private static Response ring(String group, String query) {
        return given().when().get("/v1/groups/{group}/ring" + query, group);
    }

    @Test
    void theRingAnswersWhatClientsComputeFromTheDocumentedAlgorithm() {
        String session = newSession("30s");
        String group = unique("ring");
        put(group, "node-a", session, null).then().statusCode(200).body("weight", equalTo(1));
        put(group, "node-b", session, 2).then().statusCode(200).body("weight", equalTo(2));
        Response last = put(group, "node-c", session, 5);
        last.then().statusCode(200).body("weight", equalTo(5));

        ring(group, "").then().statusCode(200)
                .body("group", equalTo(group))
                .body("index", equalTo((int) index(last)))
                .body("algorithm", equalTo(Rendezvous.ALGORITHM))
                .body("members.member", contains("node-a", "node-b", "node-c"))
                .body("members.weight", contains(1, 2, 5))
                .body("members.share", contains(0.125f, 0.25f, 0.625f));

        // The README's weighted vectors (members node-a, node-b, node-c with weights 1, 2, 5).
        ring(group, "?key=order-1001&replicas=3").then().statusCode(200)
                .body("key", equalTo("order-1001"))
                .body("owners.member", contains("node-c", "node-a", "node-b"))
                .body("owners[0].address", equalTo("node-c.local:9000"));
        ring(group, "?key=user:42").then().statusCode(200).body("owners.member", contains("node-b"));
        // More replicas than members: every member, once.
        ring(group, "?key=user:42&replicas=10").then().statusCode(200).body("owners.member", contains("node-b", "node-a", "node-c"));

        List<Member> members = List.of(new Member(group, "node-a", session, null, null, 1),
                new Member(group, "node-b", session, null, null, 2), new Member(group, "node-c", session, null, null, 5));
        for (int k = 0; k < 20; k++) {
            String key = "k-" + k;
            String expected = Rendezvous.of(members).owner(key).member();
            ring(group, "?key=" + key).then().statusCode(200).body("owners[0].member", equalTo(expected));
        }
    }

    @Test
    void anEmptyGroupHasNoOwners() {
        String group = unique("empty-ring");
        ring(group, "?key=x").then().statusCode(200).body("owners", empty()).body("index", equalTo(0));
        ring(group, "").then().statusCode(200).body("members", empty());
    }

    @Test
    void aMemberLeavingMovesOnlyItsKeys() {
        String session = newSession("30s");
        String leaving = newSession("30s");
        String group = unique("ring-leave");
        put(group, "m1", session, null);
        put(group, "m2", session, null);
        put(group, "m3", leaving, null);
        Map<String, String> before = new HashMap<>();
        for (int k = 0; k < 30; k++) {
            before.put("k" + k, ring(group, "?key=k" + k).path("owners[0].member"));
        }
        given().when().delete("/v1/sessions/{id}", leaving).then().statusCode(204);
        for (var e : before.entrySet()) {
            String now = ring(group, "?key=" + e.getKey()).path("owners[0].member");
            if (!e.getValue().equals("m3")) {
                assertEquals(e.getValue(), now, e.getKey() + " moved although its owner stayed");
            } else {
                assertFalse(now.equals("m3"), e.getKey());
            }
        }
    }

    @Test
    void aBlockingQueryAnswersWhenTheRingChanges() {
        String session = newSession("30s");
        String group = unique("ring-watch");
        Response first = put(group, "m1", session, null);
        long index = index(first);
        CompletableFuture<Response> waiting = async(() -> ring(group, "?key=a&index=" + index + "&wait=10s"));
        put(group, "m2", session, 3).then().statusCode(200);
        Response changed = join(waiting);
        changed.then().statusCode(200);
        assertTrue(index(changed) > index, "answered with the index of the change, not before it");
        changed.then().body("owners.size()", equalTo(1));
        assertEquals(2, ((List<?>) ring(group, "?key=a&replicas=2").path("owners")).size());
    }

    @Test
    void badInputIsRefusedAndChangesNothing() {
        String session = newSession("30s");
        String group = unique("ring-bad");
        for (Object weight : List.of(0, 101, -1, "3", 1.5)) {
            Response refused = json().body(Map.of("session", session, "weight", weight))
                    .when().put("/v1/groups/{group}/members/{member}", group, "m1");
            assertProblem(refused, 400, "urn:warden:invalid-request");
        }
        ring(group, "").then().statusCode(200).body("members", empty());
        assertProblem(ring(group, "?key="), 400, "urn:warden:invalid-request");
        assertProblem(ring(group, "?key=" + "k".repeat(1025)), 400, "urn:warden:invalid-request");
        for (String replicas : List.of("0", "-1", "x", "100001")) {
            assertProblem(ring(group, "?key=a&replicas=" + replicas), 400, "urn:warden:invalid-request");
        }
        assertProblem(ring(group, "?index=-1"), 400, "urn:warden:invalid-request");
        assertProblem(given().when().get("/v1/groups/{group}/ring", "bad name!"), 400, "urn:warden:invalid-request");
    }
}
