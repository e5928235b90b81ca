package dev.chattoken.sidecar.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link ProblemWordingTest} against the packaged sidecar: the native executable with {@code -Dnative}. */
@QuarkusIntegrationTest
class ProblemWordingIT extends ProblemWordingTest {}
