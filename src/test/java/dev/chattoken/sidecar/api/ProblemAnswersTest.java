package dev.chattoken.sidecar.api;

import static dev.chattoken.sidecar.support.Tokens.mint;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad input gets RFC 9457 problem+json with a stable type, a title, the status and the field; never a 500. */
@QuarkusTest
class ProblemAnswersTest {

    private static final String TYPE = "urn:chat-token-sidecar:problem:";

    private static ValidatableResponse isProblem(ValidatableResponse response, int status, String type) {
        return response.statusCode(status)
                .contentType("application/problem+json")
                .body("type", equalTo(TYPE + type))
                .body("status", equalTo(status))
                .body("title", not(equalTo("")))
                .body("detail", not(equalTo("")))
                .body(allOf(not(containsString("Exception")), not(containsString("\tat "))));
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"user_id\":42}                              | wrong-type     | user_id",
                "{\"user_id\":true}                            | wrong-type     | user_id",
                "{\"user_id\":[\"a\"]}                         | wrong-type     | user_id",
                "{\"user_id\":{\"a\":1}}                       | wrong-type     | user_id",
                "{\"user_id\":\"u\",\"userId\":\"u\"}          | unknown-field  | userId",
                "{\"user_id\":\"u\",\"extra\":{\"x\":1}}       | unknown-field  | extra",
                "{\"user_id\":\"u\",\"email\":\"a@b.c\"}       | unsupported-field | email",
                "{}                                            | missing-field  | user_id",
                "{\"user_id\":null}                            | missing-field  | user_id",
                "{\"user_id\":\"a\\u0000b\"}                   | invalid-field  | user_id",
                "{\"user_id\":\"bob\\ud800\"}                  | invalid-field  | user_id",
                "{\"user_id\":\"\\udc00bob\"}                  | invalid-field  | user_id",
                "{\"user_id\":\"bob\\u200b\"}                  | invalid-field  | user_id",
                "{\"user_id\":\"bob\\u2028x\"}                 | invalid-field  | user_id",
                "{\"user_id\":\"bob\\u2029x\"}                 | invalid-field  | user_id",
                "{\"user_id\":\"\\ufeffbob\"}                  | invalid-field  | user_id",
                "{\"user_id\":\"b\\u202eob\"}                  | invalid-field  | user_id",
                "{\"user_id\":\"bo\\u034fb\"}                  | invalid-field  | user_id",
                "{\"user_id\":\"bob\\ufe0f\"}                  | invalid-field  | user_id",
                "{\"user_id\":\"\\u3164bob\"}                  | invalid-field  | user_id",
                "{\"user_id\":\"bob\\u2800\"}                  | invalid-field  | user_id",
                "{\"user_id\":\"bob\\u00a0\"}                  | invalid-field  | user_id",
                "{\"user_id\":\"b\\u3000ob\"}                  | invalid-field  | user_id",
                "{\"user_id\":\" bob\"}                         | invalid-field  | user_id",
                "{\"user_id\":\"bob \"}                         | invalid-field  | user_id",
                "{\"user_id\":\"bo\\u0301b\"}                  | invalid-field  | user_id",
                "{\"user_id\":\"b\\udb40\\udd00ob\"}          | invalid-field  | user_id",
            })
    void fieldProblemsNameTheField(String body, String type, String field) {
        isProblem(mint("dg", body), 400, type).body("field", equalTo(field));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"user_id\":\"u\",                   | malformed-json",
                "{\"user_id\":\"u\"} trailing           | malformed-json",
                "{\"user_id\":\"u\",\"user_id\":\"v\"} | malformed-json",
                "[\"u\"]                                | wrong-type",
                "\"u\"                                  | wrong-type",
                "not json                               | malformed-json",
            })
    void bodyProblems(String body, String type) {
        isProblem(mint("dg", body), 400, type);
    }

    @Test
    void aBodyThatIsNotWellFormedUtf8IsRefusedNotReadAsAnotherText() throws Exception {
        // C1 AE is an overlong 'n': a lenient decoder would sign "admin"
        byte[][] notUtf8 = {
            {'a', 'd', 'm', 'i', (byte) 0xC1, (byte) 0xAE},
            {'a', (byte) 0xC0, (byte) 0xAF},
            {'a', (byte) 0xE0, (byte) 0x80, (byte) 0xAE},
            {'a', (byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0xAE},
            {'a', (byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {'a', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            {'a', (byte) 0xFF},
            {'a', (byte) 0x80},
            {'a', (byte) 0xE2, (byte) 0x82},
            {'a', 0, 'b'}
        };
        for (byte[] value : notUtf8) {
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            body.writeBytes("{\"user_id\":\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            body.writeBytes(value);
            body.writeBytes("\"}".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            dev.chattoken.sidecar.support.RawHttp.Answer answer = dev.chattoken.sidecar.support.RawHttp.send(
                    io.restassured.RestAssured.port,
                    "POST",
                    "/v1/tokens/dg",
                    java.util.Map.of("Content-Type", "application/json"),
                    body.toByteArray());
            org.junit.jupiter.api.Assertions.assertEquals(400, answer.status(), answer.summary());
            org.junit.jupiter.api.Assertions.assertTrue(
                    answer.body().contains(TYPE + "malformed-json"), answer.summary());
            org.junit.jupiter.api.Assertions.assertTrue(
                    answer.body().contains("not well-formed UTF-8"), answer.summary());
        }
        // UTF-16: JSON's encoding is UTF-8 (RFC 8259); the NUL bytes stop a parser from guessing another
        isProblem(
                given().contentType(ContentType.JSON)
                        .body("{\"user_id\":\"u\"}".getBytes(java.nio.charset.StandardCharsets.UTF_16LE))
                        .post("/v1/tokens/dg")
                        .then(),
                400,
                "malformed-json");
    }

    @Test
    void anEmptyBodyIsMissingBody() {
        isProblem(given().contentType(ContentType.JSON).post("/v1/tokens/dg").then(), 400, "missing-body");
    }

    @Test
    void duplicateKeysAreRefusedSoThatNoOneCanSmuggleASecondValue() {
        isProblem(mint("dg", "{\"user_id\":\"alice\",\"user_id\":\"mallory\"}"), 400, "malformed-json")
                .body("detail", containsString("user_id"));
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "[".repeat(StrictJson.MAX_NESTING_DEPTH + 5) + "]".repeat(StrictJson.MAX_NESTING_DEPTH + 5);
        isProblem(
                mint("kindly", "{\"user_id\":\"u\",\"chat_id\":\"c\",\"claims\":{\"d\":" + deep + "}}"),
                400,
                "malformed-json");
    }

    @Test
    void anExtraClaimThatWouldReplaceOneTheSidecarSetsIsReservedClaim() {
        isProblem(
                        mint("kindly", "{\"user_id\":\"u\",\"chat_id\":\"c\",\"claims\":{\"sub\":\"x\"}}"),
                        400,
                        "reserved-claim")
                .body("field", equalTo("claims.sub"));
    }

    @Test
    void anUnknownOrInactiveProfileIs404() {
        isProblem(mint("no-such-profile", "{\"user_id\":\"u\"}"), 404, "unknown-profile")
                .body("field", equalTo("profile"));
        isProblem(mint("dormant", "{\"user_id\":\"u\"}"), 404, "unknown-profile");
    }

    @Test
    void aBodyOver16KibIs413WhetherItsLengthIsDeclaredOrChunked() {
        String big = "{\"user_id\":\"" + "a".repeat(BodyLimit.MAX_BYTES) + "\"}";
        isProblem(mint("dg", big), 413, "body-too-large");
        isProblem(
                given().contentType(ContentType.JSON)
                        .body(new ByteArrayInputStream(big.getBytes())) // an InputStream body is sent chunked
                        .post("/v1/tokens/dg")
                        .then(),
                413,
                "body-too-large");
    }

    @Test
    void aBodyJustUnder16KibIsReadNormally() {
        String body = "{\"user_id\":\"u\",\"name\":\"" + "n".repeat(BodyLimit.MAX_BYTES - 100) + "\"}";
        isProblem(mint("dg", body), 400, "unsupported-field").body("field", equalTo("name"));
    }

    @Test
    void aBodyThatIsNotJsonIs415() {
        isProblem(
                given().contentType(ContentType.TEXT)
                        .body("user_id=u")
                        .post("/v1/tokens/dg")
                        .then(),
                415,
                "unsupported-media-type");
        isProblem(
                given().contentType("application/x-www-form-urlencoded")
                        .body("user_id=u")
                        .post("/v1/tokens/dg")
                        .then(),
                415,
                "unsupported-media-type");
    }

    @Test
    void wrongMethodAndUnknownPathAreProblemsToo() {
        isProblem(given().get("/v1/tokens/dg").then(), 405, "method-not-allowed");
        isProblem(given().get("/v1/nothing-here").then(), 404, "not-found");
    }

    @Test
    void aTooLongValueIsRefused() {
        isProblem(mint("dg", "{\"user_id\":\"" + "x".repeat(1025) + "\"}"), 400, "invalid-field")
                .body("field", equalTo("user_id"));
    }

    @Test
    void problemTypesAreStableUris() {
        isProblem(mint("dg", "{}"), 400, "missing-field").body("type", startsWith("urn:chat-token-sidecar:problem:"));
    }
}
