package dev.chattoken.sidecar.token;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link VerifyEndpointTest} against the packaged sidecar: the native executable with {@code -Dnative}. */
@QuarkusIntegrationTest
class VerifyEndpointIT extends VerifyEndpointTest {}
