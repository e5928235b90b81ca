package dev.chattoken.sidecar.vendors;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link VendorIsolationTest} against the packaged sidecar: the native executable with {@code -Dnative}. */
@QuarkusIntegrationTest
class VendorIsolationIT extends VendorIsolationTest {}
