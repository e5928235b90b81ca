package dev.chattoken.sidecar.vendors;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link KustomerTokenTest} against the packaged sidecar: the native executable with {@code -Dnative}. */
@QuarkusIntegrationTest
class KustomerTokenIT extends KustomerTokenTest {
}
