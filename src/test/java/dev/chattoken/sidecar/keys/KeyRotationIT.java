package dev.chattoken.sidecar.keys;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;

/** {@link KeyRotationTest} against the packaged sidecar: the native executable with {@code -Dnative}. */
@QuarkusIntegrationTest
@TestProfile(KeyRotationTest.MountedSecrets.class)
class KeyRotationIT extends KeyRotationTest {}
