package dev.chattoken.sidecar.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import dev.chattoken.sidecar.support.Management;
import io.quarkus.test.junit.QuarkusTest;

/** The three probes, on the management port only, each saying what it promises in the README. */
@QuarkusTest
class HealthProbesTest {

    @Test
    void liveReportsTheKeyWatcher() {
        Management.request().get("/q/health/live").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("key-watcher"));
    }

    @Test
    void readyReportsEachProfilesFingerprintKeyAgeAndLastReloadError() {
        Management.request().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'profile-keys' }.data.'kindly.vendor'", equalTo("kindly"))
                .body("checks.find { it.name == 'profile-keys' }.data.'kindly.key_fingerprint'", matchesPattern("sha256:[0-9a-f]{16}"))
                .body("checks.find { it.name == 'profile-keys' }.data.'dg.last_reload_error'", equalTo("none"))
                .body("checks.find { it.name == 'profile-keys' }.data.'huggy.key_age_seconds'", org.hamcrest.Matchers.greaterThanOrEqualTo(0));
    }

    @Test
    void startedSaysTheProfilesAreLoaded() {
        Management.request().get("/q/health/started").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'profiles-loaded' }.data.profiles", equalTo(7));
    }

    @Test
    void theTokenApiPortDoesNotServeHealthOrMetrics() {
        given().get("/q/health/ready").then().statusCode(404);
        given().get("/q/metrics").then().statusCode(404);
        given().get("/q/openapi").then().statusCode(404);
        Management.request().get("/v1/profiles").then().statusCode(not(equalTo(200)));
    }
}
