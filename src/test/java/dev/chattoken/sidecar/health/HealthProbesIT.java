package dev.chattoken.sidecar.health;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link HealthProbesTest} against the packaged sidecar: the native executable with {@code -Dnative}. */
@QuarkusIntegrationTest
class HealthProbesIT extends HealthProbesTest {}
