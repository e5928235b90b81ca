package dev.chattoken.sidecar.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link AllowedMethodsTest} against the packaged sidecar: the native executable with {@code -Dnative}. */
@QuarkusIntegrationTest
class AllowedMethodsIT extends AllowedMethodsTest {}
