package dev.chattoken.sidecar.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link ProfilesResourceTest} against the packaged sidecar: the native executable with {@code -Dnative}. */
@QuarkusIntegrationTest
class ProfilesResourceIT extends ProfilesResourceTest {}
