package dev.chattoken.sidecar.api;

import dev.chattoken.sidecar.support.UpstreamFaultProfiles;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;

/** {@link UpstreamAnswersTest} against the packaged sidecar: the native executable with {@code -Dnative}. */
@QuarkusIntegrationTest
@TestProfile(UpstreamFaultProfiles.class)
class UpstreamAnswersIT extends UpstreamAnswersTest {}
