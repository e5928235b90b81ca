package dev.chattoken.sidecar.vendor;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link VendorIsolationTest} against the packaged sidecar: the native executable with {@code -Dnative}. */
@QuarkusIntegrationTest
class VendorIsolationIT extends VendorIsolationTest {
}
