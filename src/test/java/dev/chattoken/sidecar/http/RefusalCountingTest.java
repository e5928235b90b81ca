package dev.chattoken.sidecar.http;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chattoken.sidecar.support.Management;
import dev.chattoken.sidecar.support.RawHttp;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every refused token request is counted once ({@code chat_token_tokens_refused_total}), by profile and problem type,
 * whichever layer refused it: the filters (path, headers, body limit, deadline; the caller token in
 * {@code CallerAuthenticationTest}) and the REST layer alike, since every problem answer leaves through
 * {@link ProblemWriter}.
 */
@QuarkusTest
class RefusalCountingTest {

    private static final Pattern SERIES = Pattern.compile(
            "^chat_token_tokens_refused_total\\{profile=\"([^\"]+)\",reason=\"([^\"]+)\"} ([0-9.E+-]+)$",
            Pattern.MULTILINE);

    /** A way to be refused, and the problem type and counted profile it must add one to. */
    interface Refusal {
        int send() throws Exception;
    }

    static Stream<Arguments> refusals() {
        String big = "{\"user_id\":\"" + "a".repeat(17 * 1024) + "\"}";
        return Stream.of(
                Arguments.of("missing-field", "dg", 400, (Refusal) () -> post("{}")),
                Arguments.of("unsupported-field", "dg", 400, (Refusal)
                        () -> post("{\"user_id\":\"u\",\"email\":\"a@b.c\"}")),
                Arguments.of("invalid-field", "dg", 400, (Refusal) () -> post("{\"user_id\":\"a\\u0000b\"}")),
                Arguments.of("unknown-field", "dg", 400, (Refusal) () -> post("{\"user_id\":\"u\",\"x\":1}")),
                Arguments.of("wrong-type", "dg", 400, (Refusal) () -> post("{\"user_id\":1}")),
                Arguments.of("malformed-json", "dg", 400, (Refusal) () -> post("{\"user_id\":")),
                Arguments.of("missing-body", "dg", 400, (Refusal) () -> given().contentType(ContentType.JSON)
                        .post("/v1/tokens/dg")
                        .statusCode()),
                Arguments.of("unsupported-media-type", "dg", 415, (Refusal) () -> given().contentType(ContentType.TEXT)
                        .body("user_id=u")
                        .post("/v1/tokens/dg")
                        .statusCode()),
                Arguments.of("not-acceptable", "dg", 406, (Refusal) () -> given().contentType(ContentType.JSON)
                        .accept("text/html")
                        .body("{\"user_id\":\"u\"}")
                        .post("/v1/tokens/dg")
                        .statusCode()),
                Arguments.of("method-not-allowed", "dg", 405, (Refusal)
                        () -> given().get("/v1/tokens/dg").statusCode()),
                Arguments.of("body-too-large", "dg", 413, (Refusal) () -> post(big)),
                Arguments.of("body-too-large", "dg", 413, (Refusal) () -> given().contentType(ContentType.JSON)
                        .body(new ByteArrayInputStream(
                                big.getBytes(StandardCharsets.UTF_8))) // chunked: read, then refused
                        .post("/v1/tokens/dg")
                        .statusCode()),
                Arguments.of("invalid-header", "dg", 400, (Refusal) () -> RawHttp.send(
                                "POST",
                                "/v1/tokens/dg",
                                Map.of("Content-Type", "application/json/x"),
                                "{\"user_id\":\"u\"}")
                        .status()),
                Arguments.of("invalid-path", "unknown", 400, (Refusal) () -> RawHttp.send(
                                "POST",
                                "/v1/tokens/dg;x=y",
                                Map.of("Content-Type", "application/json"),
                                "{\"user_id\":\"u\"}")
                        .status()),
                Arguments.of("unknown-profile", "unknown", 404, (Refusal) () -> given().contentType(ContentType.JSON)
                        .body("{\"user_id\":\"u\"}")
                        .post("/v1/tokens/no-such-profile")
                        .statusCode()),
                Arguments.of("request-timeout", "dg", 408, (Refusal) RefusalCountingTest::trickle));
    }

    @ParameterizedTest(name = "{0} ({2})")
    @MethodSource("refusals")
    void eachRefusalAddsOneToItsProfileAndTypeAndNothingElse(String type, String profile, int status, Refusal refusal)
            throws Exception {
        Map<String, Double> before = refused();
        assertEquals(status, refusal.send());
        Map<String, Double> after = refused();
        String series = profile + " " + type;
        assertEquals(before.getOrDefault(series, 0.0) + 1, after.get(series), series);
        double total = after.values().stream().mapToDouble(Double::doubleValue).sum()
                - before.values().stream().mapToDouble(Double::doubleValue).sum();
        assertEquals(1, total, "one refusal, counted once: " + before + " -> " + after);
    }

    @Test
    void answersThatAreNoTokenRequestsAreNotCounted() throws Exception {
        Map<String, Double> before = refused();
        given().get("/v1/profiles/no-such-profile/jwks.json").then().statusCode(404);
        given().contentType(ContentType.JSON)
                .body("{}")
                .post("/v1/verify/dg")
                .then()
                .statusCode(400);
        given().get("/no/such/path").then().statusCode(404);
        assertEquals(before, refused());
    }

    private static int post(String body) {
        return given().contentType(ContentType.JSON)
                .body(body)
                .post("/v1/tokens/dg")
                .statusCode();
    }

    /**
     * A body that never completes, a byte every half second (never idle long enough for the idle timeout): answered 408
     * at the request deadline (2 s in the test profile).
     */
    private static int trickle() throws IOException, InterruptedException {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(8000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/tokens/dg HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 200"
                            + "\r\n\r\n{\"user")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            for (int i = 0; i < 12 && socket.getInputStream().available() == 0; i++) {
                Thread.sleep(500);
                try {
                    out.write(' ');
                    out.flush();
                } catch (IOException closed) {
                    break;
                }
            }
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(answer.startsWith("HTTP/1.1 "), answer);
            return Integer.parseInt(answer.substring(9, 12));
        }
    }

    /** Every refused-token series, as "profile type" to its count. */
    private static Map<String, Double> refused() {
        String metrics = Management.request()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        Map<String, Double> series = new TreeMap<>();
        Matcher m = SERIES.matcher(metrics);
        while (m.find()) {
            series.put(m.group(1) + " " + m.group(2), Double.parseDouble(m.group(3)));
        }
        return series;
    }
}
