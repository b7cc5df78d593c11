package io.warden.http;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link RingApiTest} against the packaged application: the jar, or the native binary when one is built. */
@QuarkusIntegrationTest
class RingApiIT extends RingApiTest {
}
