package dev.chattoken.sidecar.vendor;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link HuggyTokenTest} against the packaged sidecar: the native executable with {@code -Dnative}. */
@QuarkusIntegrationTest
class HuggyTokenIT extends HuggyTokenTest {
}
