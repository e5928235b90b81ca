package dev.chattoken.sidecar.caller;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.chattoken.sidecar.support.Management;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** With {@code chat-token.caller-token-file} set, the token API answers only callers that present the token. */
@QuarkusTest
@TestProfile(CallerAuthenticationTest.WithCallerToken.class)
class CallerAuthenticationTest {

    public static class WithCallerToken implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(CallerTokenVolume.class));
        }
    }

    CallerTokenVolume callerToken;

    private static RequestSpecification as(String token) {
        RequestSpecification request = given().contentType(ContentType.JSON).body("{\"user_id\":\"u\"}");
        return token == null ? request : request.header(CallerAuthentication.HEADER, token);
    }

    @Test
    void withoutOrWithAWrongTokenEveryApiPathIs401() {
        for (String token : new String[] { null, "", "first-caller-token-but-longer", "FIRST-CALLER-TOKEN", "first-caller-toke" }) {
            as(token).post("/v1/tokens/dg").then().statusCode(401).contentType("application/problem+json")
                    .body("type", equalTo("urn:chat-token-sidecar:problem:caller-unauthenticated"));
        }
        given().get("/v1/profiles").then().statusCode(401);
        given().get("/v1/profiles/kindly/jwks.json").then().statusCode(401);
        given().header("Authorization", "Bearer x").post("/v1/verify/dg").then().statusCode(401);
    }

    @Test
    void theRightTokenPassesAndTheManagementPortNeedsNone() {
        as("first-caller-token").post("/v1/tokens/dg").then().statusCode(200);
        String token = as("first-caller-token").post("/v1/tokens/dg").then().extract().path("token");
        given().header(CallerAuthentication.HEADER, "first-caller-token").header("Authorization", "Bearer " + token)
                .post("/v1/verify/dg").then().statusCode(200);
        Management.request().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void aRotatedCallerTokenReplacesTheOldOneAndABrokenOneIsRefused() throws Exception {
        callerToken.volume.update("token", "second-caller-token\n");
        awaitStatus("second-caller-token", 200);
        as("first-caller-token").post("/v1/tokens/dg").then().statusCode(401);
        callerToken.volume.update("token", "\n"); // empty: refused, the second token stays valid
        Thread.sleep(1500);
        as("second-caller-token").post("/v1/tokens/dg").then().statusCode(200);
        callerToken.volume.update("token", "first-caller-token\n");
        awaitStatus("first-caller-token", 200);
    }

    private static void awaitStatus(String token, int status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (as(token).post("/v1/tokens/dg").then().extract().statusCode() != status) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the new caller token was not taken within 10s");
            }
            Thread.sleep(50);
        }
    }
}
