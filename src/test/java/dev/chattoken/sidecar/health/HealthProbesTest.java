package dev.chattoken.sidecar.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.chattoken.sidecar.support.Management;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The three probes, on the management port only, each saying what it promises in the README. */
@QuarkusTest
class HealthProbesTest {

    @Test
    void liveReportsTheKeyWatcher() {
        Management.request()
                .get("/q/health/live")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("key-watcher"));
    }

    @Test
    void readySaysWhichProfilesAreFineAndNothingAboutTheirKeys() {
        java.util.List<String> names =
                given().get("/v1/profiles").then().extract().path("name");
        java.util.Map<String, String> ok = new java.util.HashMap<>();
        names.forEach(name -> ok.put(name, "ok"));
        String ready = Management.request()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'profile-keys' }.data", equalTo(ok))
                .extract()
                .asString();
        for (String detail : new String[] {"sha256:", "fingerprint", "key_age", "vendor"}) {
            assertFalse(ready.contains(detail), "the management port shows no " + detail + ": " + ready);
        }
        assertFalse(Management.request()
                .get("/q/health")
                .then()
                .extract()
                .asString()
                .contains("sha256:"));
    }

    @Test
    void startedSaysTheProfilesAreLoaded() {
        Management.request()
                .get("/q/health/started")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body(
                        "checks.find { it.name == 'profiles-loaded' }.data.profiles",
                        equalTo(given().get("/v1/profiles")
                                .then()
                                .extract()
                                .<java.util.List<?>>path("name")
                                .size()));
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
