package dev.chattoken.sidecar.health;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chattoken.sidecar.support.Management;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code chat-token.management.profile-details=true}: readiness shows each profile's key detail, metrics its key age.
 */
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
        Management.request()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'profile-keys' }.data.'kindly.vendor'", equalTo("kindly"))
                .body(
                        "checks.find { it.name == 'profile-keys' }.data.'kindly.key_fingerprint'",
                        matchesPattern("sha256:[0-9a-f]{16}"))
                .body("checks.find { it.name == 'profile-keys' }.data.'dg.last_reload_error'", equalTo("none"))
                .body(
                        "checks.find { it.name == 'profile-keys' }.data.'huggy.key_age_seconds'",
                        greaterThanOrEqualTo(0));
    }

    @Test
    void metricsExportEachProfilesKeyAge() {
        String metrics = Management.request()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(
                metrics.lines().anyMatch(l -> l.matches("chat_token_key_age_seconds\\{profile=\"kindly\"} [0-9.E+-]+")),
                metrics);
        assertTrue(metrics.contains("chat_token_key_age_seconds{profile=\"kustomer\"}"));
    }
}
