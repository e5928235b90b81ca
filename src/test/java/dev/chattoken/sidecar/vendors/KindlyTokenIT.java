package dev.chattoken.sidecar.vendors;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link KindlyTokenTest} against the packaged sidecar: the native executable with {@code -Dnative}. */
@QuarkusIntegrationTest
class KindlyTokenIT extends KindlyTokenTest {
}
