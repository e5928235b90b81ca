package dev.chattoken.sidecar.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link GeneratedClientTest} against the packaged sidecar: the native executable with {@code -Dnative}. */
@QuarkusIntegrationTest
class GeneratedClientIT extends GeneratedClientTest {}
