package io.warden.http;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link ElectionApiTest} against the packaged application: the jar, or the native binary when one is built. */
@QuarkusIntegrationTest
class ElectionApiIT extends ElectionApiTest {
}
