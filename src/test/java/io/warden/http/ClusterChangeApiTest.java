package io.warden.http;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static io.warden.http.Api.assertProblem;
import static io.warden.http.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A membership change the group refuses is a 409 that changes nothing, not a 503 as if the group were
 * down: adding a peer nobody runs at that address never catches up, so Ratis gives the change up.
 */
@QuarkusTest
class ClusterChangeApiTest {

    @Test
    void aPeerThatNeverCatchesUpIsRefusedAndTheGroupStaysAsItWas() {
        List<String> before = given().when().get("/v1/cluster").then().statusCode(200).extract().path("peers.id");

        assertProblem(json().body("{\"id\":\"n9\",\"address\":\"127.0.0.1:1\"}").when().post("/v1/cluster/peers"),
                409, "urn:warden:cluster-change-refused");

        List<String> after = given().when().get("/v1/cluster").then().statusCode(200).extract().path("peers.id");
        assertEquals(before, after);
        Api.newSession("10s"); // and it still writes
    }
}
