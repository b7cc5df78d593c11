package io.warden.http;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link SessionApiTest} against the packaged application: the jar, or the native binary when one is built. */
@QuarkusIntegrationTest
class SessionApiIT extends SessionApiTest {
}
