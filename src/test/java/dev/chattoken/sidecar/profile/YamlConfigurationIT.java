package dev.chattoken.sidecar.profile;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;

/** {@link YamlConfigurationTest} against the packaged sidecar: the native executable with {@code -Dnative}. */
@QuarkusIntegrationTest
@TestProfile(YamlConfigurationTest.MountedYaml.class)
class YamlConfigurationIT extends YamlConfigurationTest {}
