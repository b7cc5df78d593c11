package io.warden.http;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.warden.http.Api.assertProblem;
import static io.warden.http.Api.json;
import static org.hamcrest.Matchers.equalTo;

/** A node whose only peer never answers has no quorum: writes and reads answer 503 and it is not ready. */
@QuarkusTest
@TestProfile(UnavailableApiTest.NoQuorum.class)
class UnavailableApiTest {

    public static class NoQuorum implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Nothing listens on n2's port, so n1 can never win an election.
            return Map.of(
                    "warden.peers", "n1=127.0.0.1:19871,n2=127.0.0.1:19879",
                    "warden.request-timeout", "1s",
                    "warden.data-dir", "target/test-data/no-quorum-" + UUID.randomUUID());
        }
    }

    @Test
    void aWriteWithoutQuorumIsUnavailableWithRetryAfter() {
        assertProblem(json().body("{\"ttl\":\"15s\"}").when().post("/v1/sessions"), 503, "urn:warden:unavailable")
                .header("Retry-After", equalTo("1"));
    }

    @Test
    void aLinearizableReadWithoutQuorumIsUnavailable() {
        assertProblem(given().when().get("/v1/locks/{name}", "any"), 503, "urn:warden:unavailable")
                .header("Retry-After", equalTo("1"));
    }

    @Test
    void aNodeWithoutQuorumIsLiveButNotReady() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
    }
}
