package io.warden.http;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link LockApiTest} against the packaged application: the jar, or the native binary when one is built. */
@QuarkusIntegrationTest
class LockApiIT extends LockApiTest {
}
