package dev.chattoken.sidecar.vendors;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link HuggyTokenTest} against the packaged sidecar: the native executable with {@code -Dnative}. */
@QuarkusIntegrationTest
class HuggyTokenIT extends HuggyTokenTest {
}
