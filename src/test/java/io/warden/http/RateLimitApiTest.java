package io.warden.http;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.warden.http.Api.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The per-token rate limit: a token over its rate is answered 429 urn:warden:limit with Retry-After,
 * naming the limit and held for that long, while another token goes on; probes are never limited. (Every test request comes
 * from one address, so the per-address limit is set high here and tested by RateBucketsTest.)
 */
@QuarkusTest
@TestProfile(RateLimitApiTest.Limited.class)
class RateLimitApiTest {

    static final int RATE = 5;

    public static class Limited implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> auth = new AccessApiTest.AuthOn().getConfigOverrides();
            return Map.of("warden.auth.enabled", "true", "warden.auth.bootstrap-token-file",
                    auth.get("warden.auth.bootstrap-token-file"), "warden.auth.hash-iterations", "1000",
                    "warden.limits.rate-per-token", Integer.toString(RATE), "warden.limits.rate-per-address", "100000");
        }
    }

    private static String token(String name) {
        return given().contentType("application/json").header("Authorization", "Bearer " + AccessApiTest.BOOTSTRAP)
                .body("{\"name\":\"" + name + "\",\"rules\":[{\"kind\":\"lock\",\"prefix\":\"\",\"access\":\"read\"}]}")
                .post("/v1/acl/tokens").then().statusCode(201).extract().path("secret");
    }

    @Test
    void aTokenOverItsRateIs429AndAnotherTokenGoesOn() {
        String flood = token("flood");
        String quiet = token("quiet");
        int ok = 0;
        Response refused = null;
        long refusedAfterMs = 0;
        for (int i = 0; i < 4 * RATE && refused == null; i++) {
            long start = System.nanoTime();
            Response r = given().header("Authorization", "Bearer " + flood).get("/v1/locks/rl.x");
            if (r.statusCode() == 200) {
                ok++;
            } else {
                refused = r;
                refusedAfterMs = (System.nanoTime() - start) / 1_000_000;
            }
        }
        assertTrue(refused != null, "a burst of " + 4 * RATE + " requests passed a limit of " + RATE + "/s");
        assertTrue(ok >= 1 && ok <= 2 * RATE, "passed before the limit: " + ok);
        assertProblem(refused, 429, "urn:warden:limit").header("Retry-After", notNullValue())
                .body("limit", equalTo("rate-per-token")).body("max", equalTo(RATE));
        // Held for the Retry-After it carries, so a client that ignores it cannot be refused as fast as it sends.
        assertTrue(refusedAfterMs >= RateLimits.HOLD_MS - 50, "the refusal came after " + refusedAfterMs + " ms");
        given().header("Authorization", "Bearer " + quiet).get("/v1/locks/rl.x").then().statusCode(200);
        for (int i = 0; i < 3 * RATE; i++) {
            assertEquals(200, given().get("/q/health/ready").statusCode(), "probes are not limited");
        }
    }
}
