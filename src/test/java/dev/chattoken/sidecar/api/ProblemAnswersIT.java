package dev.chattoken.sidecar.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link ProblemAnswersTest} against the packaged sidecar: the native executable with {@code -Dnative}. */
@QuarkusIntegrationTest
class ProblemAnswersIT extends ProblemAnswersTest {}
