package dev.chattoken.sidecar.vendors;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link DgTokenTest} against the packaged sidecar: the native executable with {@code -Dnative}. */
@QuarkusIntegrationTest
class DgTokenIT extends DgTokenTest {
}
