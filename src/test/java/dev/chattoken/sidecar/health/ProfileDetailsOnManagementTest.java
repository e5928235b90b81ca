package dev.chattoken.sidecar.health;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.chattoken.sidecar.support.Management;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** {@code chat-token.management.profile-details=true}: readiness shows each profile's key detail again. */
@QuarkusTest
@TestProfile(ProfileDetailsOnManagementTest.WithDetails.class)
class ProfileDetailsOnManagementTest {

    public static class WithDetails implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("chat-token.management.profile-details", "true");
        }
    }

    @Test
    void readyReportsEachProfilesVendorFingerprintKeyAgeAndLastReloadError() {
        Management.request().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'profile-keys' }.data.'kindly.vendor'", equalTo("kindly"))
                .body("checks.find { it.name == 'profile-keys' }.data.'kindly.key_fingerprint'", matchesPattern("sha256:[0-9a-f]{16}"))
                .body("checks.find { it.name == 'profile-keys' }.data.'dg.last_reload_error'", equalTo("none"))
                .body("checks.find { it.name == 'profile-keys' }.data.'huggy.key_age_seconds'", greaterThanOrEqualTo(0));
    }
}
