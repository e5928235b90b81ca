package dev.chattoken.sidecar.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chattoken.sidecar.support.RawHttp;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Problem details are in the sidecar's own words: malformed bodies of every kind, sent to every POST route, are
 * answered without a word of the JSON parser's or the framework's (their settings, classes, token types, positions as
 * "line:" and "column:"), and the common mistakes name their field. "token" alone is the sidecar's own word (a vendor's
 * token, the verify route's field): only the parser's phrases with it are looked for.
 */
@QuarkusTest
class ProblemWordingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every POST route, with profiles of a JWT vendor that takes claims, an HMAC one, and one that takes context. */
    private static final List<String> POST_ROUTES =
            List.of("/v1/tokens/dg", "/v1/tokens/kindly", "/v1/tokens/omnichannel", "/v1/verify/kindly");

    /** What Jackson, Vert.x, RESTEasy and the JDK say in their messages, and nothing the sidecar says itself. */
    private static final Pattern PARSER_WORDS = Pattern.compile(
            "Jackson|JsonParse|JsonToken|JsonEOF|StreamConstraints|StreamRead|Unrecognized token|token '|token \\(of"
                    + "|Unexpected character|end-of-input|was expecting|Cannot deserialize|MismatchedInput"
                    + "|line: ?\\d|column: ?\\d|byte 0x|middle byte|\\[Source:|com\\.fasterxml|io\\.vertx|jakarta"
                    + "|resteasy|java\\.|Exception|VALUE_|START_OBJECT|START_ARRAY|END_OBJECT|END_ARRAY|FIELD_NAME"
                    + "|\\(code \\d|Feature|`|CTRL-CHAR|HTTP 4\\d\\d",
            Pattern.CASE_INSENSITIVE);

    private static final List<String> MALFORMED = List.of(
            "{\"user_id\":\"u\",",
            "{\"user_id\":\"u",
            "{\"user_id\":",
            "{\"user_id\"",
            "{",
            "[",
            "{\"user_id\":\"u\"}}",
            "{\"user_id\":\"u\"}]",
            "{\"user_id\":\"u\"} x",
            "{\"user_id\":\"u\"} {\"user_id\":\"v\"}",
            "{\"user_id\":\"u\"} \"x\"",
            "{\"user_id\":\"u\"} 1",
            "{'user_id':'u'}",
            "{user_id:\"u\"}",
            "{\"user_id\":\"u\" /* comment */}",
            "// comment\n{\"user_id\":\"u\"}",
            "{\"user_id\":\"u\",}",
            "{,}",
            "{\"user_id\" \"u\"}",
            "{\"user_id\":\"\\x\"}",
            "{\"user_id\":\"\\u12\"}",
            "{\"user_id\":\"a\nb\"}",
            "{\"user_id\":\"a\tb\"}",
            "{\"user_id\":tru}",
            "{\"user_id\":nul}",
            "{\"user_id\":\"u\",\"claims\":{\"a\":NaN}}",
            "{\"user_id\":\"u\",\"claims\":{\"a\":Infinity}}",
            "{\"user_id\":\"u\",\"claims\":{\"a\":-Infinity}}",
            "{\"user_id\":\"u\",\"claims\":{\"a\":01}}",
            "{\"user_id\":\"u\",\"claims\":{\"a\":1.}}",
            "{\"user_id\":\"u\",\"claims\":{\"a\":.5}}",
            "{\"user_id\":\"u\",\"claims\":{\"a\":-}}",
            "{\"user_id\":\"u\",\"claims\":{\"a\":+1}}",
            "{\"user_id\":\"u\",\"claims\":{\"a\":0x10}}",
            "{\"user_id\":\"u\",\"claims\":{\"a\":1e}}",
            "{\"user_id\":\"u\",\"claims\":{\"a\":[1,]}}",
            "{\"user_id\":\"u\",\"claims\":{\"a\":[1 2]}}",
            "{\"user_id\":\"u\",\"claims\":{\"b\":[1,2,{\"c\":x}]}}",
            "{\"user_id\":\"u\",\"claims\":{\"a\":" + "9".repeat(100) + "}}",
            "{\"user_id\":\"u\",\"claims\":{\"a\":1." + "9".repeat(100) + "}}",
            "{\"user_id\":\"u\",\"claims\":{\"a\":1e99999}}",
            "{\"user_id\":\"u\",\"claims\":{\"a\":" + "[".repeat(40) + "]".repeat(40) + "}}",
            "{\"user_id\":\"u\",\"claims\":{\"a\":" + "{\"b\":".repeat(40) + "1" + "}".repeat(40) + "}}",
            "{\"user_id\":\"a\",\"user_id\":\"b\"}",
            "{\"user_id\":\"u\",\"claims\":{\"a\":1,\"a\":2}}",
            "{\"token\":\"a\",\"token\":\"b\"}",
            "{\"user_id\":1}",
            "{\"user_id\":1.5}",
            "{\"user_id\":true}",
            "{\"user_id\":[\"u\"]}",
            "{\"user_id\":{}}",
            "{\"user_id\":\"u\",\"email_verified\":\"yes\"}",
            "{\"user_id\":\"u\",\"webhook_domains\":\"a.example\"}",
            "{\"user_id\":\"u\",\"webhook_domains\":[1]}",
            "{\"user_id\":\"u\",\"claims\":[]}",
            "{\"user_id\":\"u\",\"claims\":\"x\"}",
            "{\"user_id\":\"u\",\"context\":[1]}",
            "{\"token\":1}",
            "{\"token\":[\"a\"]}",
            "{\"token\":{}}",
            "[\"u\"]",
            "\"u\"",
            "1",
            "true",
            "not json",
            "<xml/>",
            "\uFEFF{\"user_id\":\"u\"}",
            "{\"user_id\":\"u\"}\u0000");

    /** Bytes that are not UTF-8 or not JSON text at all. */
    private static final List<byte[]> NOT_UTF8 = List.of(
            bytes("{\"user_id\":\"", new byte[] {(byte) 0xC3}, "\"}"),
            bytes("{\"user_id\":\"", new byte[] {(byte) 0xE2, (byte) 0x82}, "\"}"),
            bytes("{\"user_id\":\"", new byte[] {(byte) 0xC1, (byte) 0xAE}, "\"}"),
            bytes("{\"user_id\":\"", new byte[] {(byte) 0xFF}, "\"}"),
            bytes("{\"", new byte[] {(byte) 0x80}, "\":1}"),
            bytes("", new byte[] {(byte) 0xFE, (byte) 0xFF, 0, '{', 0, '}'}, ""),
            "{\"user_id\":\"u\"}".getBytes(StandardCharsets.UTF_16LE),
            "{\"user_id\":\"u\"}".getBytes(StandardCharsets.UTF_16BE),
            bytes("{\"user_id\":\"", new byte[] {(byte) 0xE9}, "\"}"));

    @Test
    void noProblemDetailSpeaksTheParsersLanguage() throws Exception {
        List<byte[]> bodies = new ArrayList<>();
        MALFORMED.forEach(b -> bodies.add(b.getBytes(StandardCharsets.UTF_8)));
        bodies.addAll(NOT_UTF8);
        JsonBodies generated = new JsonBodies(20261206L);
        for (int i = 0; i < 300; i++) {
            bodies.add(generated.next());
        }
        List<String> failures = new ArrayList<>();
        int problems = 0;
        for (String route : POST_ROUTES) {
            for (int i = 0; i < bodies.size(); i++) {
                RawHttp.Answer answer = RawHttp.send(
                        RestAssured.port, "POST", route, Map.of("Content-Type", "application/json"), bodies.get(i));
                if (answer.status() == 200) {
                    continue; // a generated body that happens to be a valid request
                }
                problems++;
                Optional<String> wrong = wrongWording(answer);
                if (wrong.isPresent()) {
                    failures.add(route + " body #" + i + ": " + wrong.get());
                }
            }
        }
        assertEquals(List.of(), failures.stream().limit(20).toList(), failures.size() + " answers");
        assertTrue(problems > MALFORMED.size() * POST_ROUTES.size(), "the bodies were refused: " + problems);
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"user_id\":\"u\",                                       | malformed-json  |                  | ends before its JSON is complete",
                "{\"user_id\":\"u                                          | malformed-json  | user_id          | ends before its JSON is complete",
                "{\"user_id\":\"u\",\"webhook_domains\":[\"a\",\"b          | malformed-json  | webhook_domains[1] | ends before",
                "{\"user_id\":\"a\",\"user_id\":\"b\"}                     | duplicate-field | user_id          | user_id is given more than once",
                "{\"user_id\":\"u\",\"chat_id\":\"c\",\"claims\":{\"a\":1,\"a\":2}} | duplicate-field | claims.a | claims.a is given more than once",
                "{\"user_id\":\"u\"} x                                     | malformed-json  |                  | goes on after its JSON object",
                "{\"user_id\":\"u\"} {}                                    | malformed-json  |                  | goes on after its JSON object",
                "{\"user_id\":\"u\",\"chat_id\":\"c\",\"claims\":{\"b\":[1,{\"c\":x}]}} | malformed-json | claims.b[1].c | not well-formed JSON (RFC 8259) near byte",
                "{\"user_id\":\"u\",\"chat_id\":\"c\",\"claims\":{\"a\":NaN}} | malformed-json | claims.a     | no NaN, Infinity",
                "{user_id:\"u\"}                                           | malformed-json  |                  | names and strings in double quotes",
                "{\"user_id\":1}                                           | wrong-type      | user_id          | user_id must be a string",
                "{\"user_id\":\"u\",\"chat_id\":\"c\",\"claims\":{\"a\":[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]}} | malformed-json | claims | deeper than 16 levels",
            })
    void theCommonMistakesAreSaidPlainlyAndNameTheField(String body, String type, String field, String detail)
            throws Exception {
        RawHttp.Answer answer = mintKindly(body);
        JsonNode problem = JSON.readTree(answer.body());
        assertEquals(400, answer.status(), answer.summary());
        assertEquals(
                "urn:chat-token-sidecar:problem:" + type, problem.path("type").asText());
        assertEquals(field == null ? "" : field, problem.path("field").asText(), problem.toString());
        assertTrue(problem.path("detail").asText().contains(detail), problem.toString());
    }

    @Test
    void aNumberOfMoreThan64DigitsIsSaidSo() throws Exception {
        String body = "{\"user_id\":\"u\",\"chat_id\":\"c\",\"claims\":{\"n\":" + "9".repeat(65) + "}}";
        JsonNode problem = JSON.readTree(mintKindly(body).body());
        assertEquals("claims.n", problem.path("field").asText(), problem.toString());
        assertEquals(
                "claims.n has a number of more than 64 digits",
                problem.path("detail").asText());
    }

    private static RawHttp.Answer mintKindly(String body) throws Exception {
        return RawHttp.send(
                RestAssured.port,
                "POST",
                "/v1/tokens/kindly",
                Map.of("Content-Type", "application/json"),
                body.getBytes(StandardCharsets.UTF_8));
    }

    /** Why an answer is not a problem in the sidecar's own words; empty when it is. */
    private static Optional<String> wrongWording(RawHttp.Answer answer) throws Exception {
        if (answer.status() < 400 || answer.status() >= 500) {
            return Optional.of("status " + answer.status());
        }
        if (!answer.contentType().startsWith("application/problem+json")) {
            return Optional.of(answer.summary());
        }
        JsonNode problem = JSON.readTree(answer.body());
        String detail = problem.path("detail").asText();
        if (detail.isEmpty()) {
            return Optional.of(answer.summary() + ": no detail");
        }
        // a detail may quote the member the client sent (its `field`), whatever characters the client chose
        String field = problem.path("field").asText();
        String ours = field.isEmpty() ? detail : detail.replace("'" + field + "'", "'…'");
        if (PARSER_WORDS.matcher(ours).find()) {
            return Optional.of(answer.summary() + ": " + detail);
        }
        return Optional.empty();
    }

    private static byte[] bytes(String before, byte[] middle, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(middle);
        out.writeBytes(after.getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
