package dev.chattoken.sidecar.caller;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chattoken.sidecar.keys.SecretFile;
import dev.chattoken.sidecar.support.LogCapture;
import dev.chattoken.sidecar.support.Management;
import dev.chattoken.sidecar.support.PathVariants;
import dev.chattoken.sidecar.support.RawHttp;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * With {@code chat-token.caller-token-file} set, the token API answers only callers that present the token: every
 * request on its port, whatever the path, its spelling or the method.
 */
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
    void aRefusedTokenRequestIsCountedLikeEveryOther() {
        String series = "chat_token_tokens_refused_total{profile=\"dg\",reason=\"caller-unauthenticated\"}";
        double before = counted(series);
        as("not-the-caller-token").post("/v1/tokens/dg").then().statusCode(401);
        assertEquals(before + 1, counted(series));
    }

    private static double counted(String series) {
        String metrics = Management.request()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                        "^" + java.util.regex.Pattern.quote(series) + " ([0-9.E+-]+)$",
                        java.util.regex.Pattern.MULTILINE)
                .matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void withoutOrWithAWrongTokenEveryApiPathIs401() {
        for (String token :
                new String[] {null, "", "first-caller-token-but-longer", "FIRST-CALLER-TOKEN", "first-caller-toke"}) {
            as(token)
                    .post("/v1/tokens/dg")
                    .then()
                    .statusCode(401)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:chat-token-sidecar:problem:caller-unauthenticated"));
        }
        given().get("/v1/profiles").then().statusCode(401);
        given().get("/v1/profiles/kindly/jwks.json").then().statusCode(401);
        given().get("/v1/profiles/kindly/public-key.pem").then().statusCode(401);
        given().header("Authorization", "Bearer x").post("/v1/verify/dg").then().statusCode(401);
    }

    static List<PathVariants.Variant> variants() {
        return PathVariants.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void noSpellingOfAnyRouteGetsPastTheCallerCheck(PathVariants.Variant variant) throws Exception {
        RawHttp.Answer answer = RawHttp.send(
                variant.route().method(),
                variant.path(),
                Map.of("Content-Type", "application/json"),
                variant.route().body());
        if (variant.refusedByTheHttpDecoder()) {
            assertEquals(400, answer.status(), variant + ": " + answer.summary());
            return;
        }
        assertEquals(401, answer.status(), variant + ": " + answer.summary());
        assertTrue(answer.body().contains("caller-unauthenticated"), answer.summary());
    }

    @Test
    void everyMethodAndEveryPathOfThePortIsChecked() throws Exception {
        for (String method : new String[] {"GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"}) {
            for (String path : new String[] {
                "/", "/v1", "/v1/tokens/dg", "/no/such/path", "/q/health", "/q/openapi", "http://127.0.0.1/v1/tokens/dg"
            }) {
                RawHttp.Answer answer =
                        RawHttp.send(method, path, Map.of("Content-Type", "application/json"), "{\"user_id\":\"u\"}");
                assertEquals(401, answer.status(), method + " " + path + ": " + answer.summary());
            }
            // the asterisk form matches no route at all: the router answers 404 before any handler runs
            assertEquals(404, RawHttp.send(method, "*", Map.of(), "").status());
        }
    }

    @Test
    void theRightTokenPassesAndTheManagementPortNeedsNone() {
        as("first-caller-token").post("/v1/tokens/dg").then().statusCode(200);
        String token =
                as("first-caller-token").post("/v1/tokens/dg").then().extract().path("token");
        given().header(CallerAuthentication.HEADER, "first-caller-token")
                .header("Authorization", "Bearer " + token)
                .post("/v1/verify/dg")
                .then()
                .statusCode(200);
        Management.request().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void aRotatedCallerTokenReplacesTheOldOneAndABrokenOneIsRefused() throws Exception {
        callerToken.volume.update("token", "second-caller-token\n");
        awaitStatus("second-caller-token", 200);
        as("first-caller-token").post("/v1/tokens/dg").then().statusCode(401);
        try (LogCapture log = LogCapture.of(SecretFile.class.getName())) {
            callerToken.volume.update("token", "\n"); // empty: refused, the second token stays valid
            awaitRefusal(log, 1, "is empty");
            as("second-caller-token").post("/v1/tokens/dg").then().statusCode(200);
            callerToken.volume.update("token", "fifteen-bytes-x\n"); // under 16 bytes: refused, the second stays valid
            awaitRefusal(log, 2, "holds 15 bytes; at least 16 are required");
            as("fifteen-bytes-x").post("/v1/tokens/dg").then().statusCode(401);
        }
        as("second-caller-token").post("/v1/tokens/dg").then().statusCode(200);
        callerToken.volume.update("token", "first-caller-token\n");
        awaitStatus("first-caller-token", 200);
    }

    /** Waits for the watcher's refusal of the new file (a fixed sleep would also pass a reload that never came). */
    private static void awaitRefusal(LogCapture log, int count, String reason) throws InterruptedException {
        List<String> refusals = log.awaitMessages(count, Duration.ofSeconds(10)).stream()
                .filter(m -> m.startsWith("caller token file") && m.contains("was refused"))
                .toList();
        assertEquals(count, refusals.size(), "refusals logged: " + refusals);
        assertTrue(refusals.get(count - 1).contains(reason), refusals.get(count - 1));
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
