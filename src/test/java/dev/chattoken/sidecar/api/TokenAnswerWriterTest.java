package dev.chattoken.sidecar.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The token answer's own writer makes exactly the bytes the application's Jackson makes of {@link TokenResponse} (its
 * annotations are the contract the OpenAPI document shows): the member order, {@code expires_at} null or a number, the
 * widget's fields after the common ones, and every character escaped alike.
 */
@QuarkusTest
class TokenAnswerWriterTest {

    @Inject
    ObjectMapper mapper;

    @Inject
    TokenAnswerWriter writer;

    private static Map<String, String> fields(String... pairs) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put(pairs[i], pairs[i + 1]);
        }
        return fields;
    }

    @Test
    void theWritersBytesAreJacksonsForEveryShapeOfAnswer() throws Exception {
        String awkward = "quote \" backslash \\ slash / </script> \u00e9 \u2028 \uD83D\uDE00 \u0001 \t end";
        List<TokenResponse> answers = List.of(
                new TokenResponse("eyJ.a.b", "support-dg", "dg", 1_800_000_000L, Map.of()),
                new TokenResponse("3f2a", "crisp-demo", "crisp", null, fields("signature", "3f2a")),
                new TokenResponse(
                        "c0ffee", "huggy", "huggy", null, fields("user_identifier", "u-1", "user_hash", "c0ffee")),
                new TokenResponse(awkward, awkward, "jwt", Long.MAX_VALUE, fields(awkward, awkward, "b", "")),
                new TokenResponse("t", "p", "v", 0L, fields("identificationEmail", "ana@example.com")));
        for (TokenResponse answer : answers) {
            assertArrayEquals(
                    mapper.writeValueAsBytes(answer),
                    writer.bytes(answer),
                    () -> new String(writer.bytes(answer), StandardCharsets.UTF_8));
        }
    }

    @Test
    void theApiAnswersWithIt() throws Exception {
        String body = given().contentType("application/json")
                .body("{\"user_id\":\"customer-42\"}")
                .post("/v1/tokens/huggy")
                .then()
                .statusCode(200)
                .contentType("application/json")
                .extract()
                .asString();
        Map<?, ?> answer = mapper.readValue(body, Map.class);
        assertEquals(
                List.of("token", "profile", "vendor", "expires_at", "user_identifier", "user_hash"),
                List.copyOf(answer.keySet()));
    }
}
