package dev.chattoken.sidecar.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
    void readySaysWhichProfilesAreFineAndNothingAboutTheirKeys() {
        String ready = Management.request().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'profile-keys' }.data", equalTo(java.util.Map.of("dg", "ok", "dg-ttl", "ok",
                        "kindly", "ok", "kindly-pkcs1", "ok", "kindly-jwk", "ok", "huggy", "ok", "kustomer", "ok")))
                .extract().asString();
        for (String detail : new String[] { "sha256:", "fingerprint", "key_age", "vendor" }) {
            assertFalse(ready.contains(detail), "the management port shows no " + detail + ": " + ready);
        }
        assertFalse(Management.request().get("/q/health").then().extract().asString().contains("sha256:"));
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
        Management.request().get("/v1/profiles").then().statusCode(not(equalTo(200)));
    }

    @Test
    void theOpenApiDocumentIsOnTheLoopbackApiNotOnTheManagementPort() {
        given().get("/q/openapi").then().statusCode(200);
        Management.request().get("/q/openapi").then().statusCode(404);
    }
}
