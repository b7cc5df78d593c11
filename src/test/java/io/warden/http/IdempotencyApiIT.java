package io.warden.http;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link IdempotencyApiTest} against the packaged application: the jar, or the native binary when one is built. */
@QuarkusIntegrationTest
class IdempotencyApiIT extends IdempotencyApiTest {
}
