package dev.chattoken.sidecar.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chattoken.sidecar.support.Management;
import dev.chattoken.sidecar.support.PathVariants;
import dev.chattoken.sidecar.support.RawHttp;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Whole requests, generated from a seed and written byte for byte: methods, paths (every route, every spelling), header
 * values (Content-Type, Accept, Authorization, Content-Encoding, the caller header, junk) and bodies. Every answer is a
 * token, a JSON answer or a 4xx problem+json (or the HTTP decoder's own bare 400 for a request line or header it cannot
 * parse); never a 5xx. {@code -Dfuzz.requests=...} for longer runs.
 */
@QuarkusTest
class HttpRequestFuzzTest {

    private static final long SEED = Long.getLong("fuzz.seed", 20261201L);
    private static final int REQUESTS = Integer.getInteger("fuzz.requests", 3_000);

    private static final List<String> METHODS =
            List.of("GET", "POST", "POST", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH", "TRACE", "FOO");
    private static final List<String> MEDIA_TYPES = List.of(
            "application/json",
            "application/json; charset=utf-8",
            "APPLICATION/JSON",
            "application/problem+json",
            "text/plain",
            "*/*",
            "application/*",
            "",
            "/",
            "application/",
            "/json",
            "a/b/c",
            "application/json;",
            "application/json; charset=",
            "application/json; charset=nope",
            "application/json;;",
            ";",
            "application/json; q=abc",
            "application/json, text/plain",
            "json",
            " ",
            "application/json; boundary=\"unterminated",
            "\u00e9/\u00e8",
            "multipart/form-data; boundary=x",
            "application/x-www-form-urlencoded",
            "application/json;charset=\"utf-8\"",
            "text/*;q=0.5, */*;q=x");
    private static final List<String> HEADERS = List.of(
            "Content-Type",
            "Accept",
            "Authorization",
            "Content-Encoding",
            "Accept-Encoding",
            "Accept-Charset",
            "X-Chat-Token-Caller",
            "Transfer-Encoding",
            "Expect",
            "X-Junk");

    @Test
    void everyAnswerIsATokenOrAProblemNeverAServerError() throws Exception {
        SplittableRandom random = new SplittableRandom(SEED);
        JsonBodies bodies = new JsonBodies(SEED);
        List<PathVariants.Variant> variants = PathVariants.all();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < REQUESTS && failures.size() < 10; i++) {
            String method = METHODS.get(random.nextInt(METHODS.size()));
            PathVariants.Route route = PathVariants.ROUTES.get(random.nextInt(PathVariants.ROUTES.size()));
            String path = random.nextInt(4) == 0
                    ? variants.get(random.nextInt(variants.size())).path()
                    : route.path();
            Map<String, String> headers = new LinkedHashMap<>();
            int count = random.nextInt(4);
            for (int h = 0; h < count; h++) {
                String name = HEADERS.get(random.nextInt(HEADERS.size()));
                headers.put(name, value(name, random));
            }
            if (random.nextBoolean()) {
                headers.putIfAbsent("Content-Type", "application/json");
            }
            byte[] body =
                    random.nextInt(3) == 0 ? route.body().getBytes(StandardCharsets.UTF_8) : bodies.next(); // as bytes
            RawHttp.Answer answer;
            try {
                answer = RawHttp.send(io.restassured.RestAssured.port, method, path, headers, body);
            } catch (java.io.IOException | RuntimeException e) {
                failures.add(method + " " + path + " " + headers + ": "
                        + e.getClass().getSimpleName());
                continue;
            }
            String problem = check(method, answer);
            if (problem != null) {
                failures.add(method + " " + path + " " + headers + ": " + problem);
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void theManagementInterfaceNeverAnswersWithAServerErrorEither() throws Exception {
        SplittableRandom random = new SplittableRandom(SEED + 1);
        List<String> paths = List.of(
                "/q/health",
                "/q/health/ready",
                "/q/health/live",
                "/q/health/started",
                "/q/metrics",
                "/q/health;x=y/ready",
                "/q/health/%2e%2e/metrics",
                "/q//health",
                "/v1/tokens/dg",
                "/nothing");
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < REQUESTS / 6; i++) {
            String method = METHODS.get(random.nextInt(METHODS.size()));
            String path = paths.get(random.nextInt(paths.size()));
            Map<String, String> headers = new LinkedHashMap<>();
            for (int h = random.nextInt(3); h > 0; h--) {
                String name = HEADERS.get(random.nextInt(HEADERS.size()));
                headers.put(name, value(name, random));
            }
            RawHttp.Answer answer = RawHttp.send(Management.port(), method, path, headers, "{}");
            if (answer.status() >= 500
                    || answer.body().contains("Exception")
                    || answer.body().contains("\tat ")) {
                failures.add(method + " " + path + " " + headers + ": " + answer.status());
            }
        }
        assertEquals(List.of(), failures);
    }

    /** Why an answer is not acceptable; null when it is. */
    private static String check(String method, RawHttp.Answer answer) {
        int status = answer.status();
        if (status >= 500) {
            return answer.summary();
        }
        if (status < 400 || method.equals("HEAD")) {
            return null;
        }
        if (answer.body().isEmpty() && answer.contentType().isEmpty() && status == 400) {
            return null; // the HTTP decoder refused the request line or a header before any handler
        }
        if (!answer.contentType().startsWith("application/problem+json")) {
            return "status " + status + " with content type '" + answer.contentType() + "'";
        }
        if (answer.body().contains("Exception") || answer.body().contains("\tat ")) {
            return "an exception in the body";
        }
        return null;
    }

    private static String value(String header, SplittableRandom random) {
        return switch (header) {
            case "Content-Type", "Accept" -> MEDIA_TYPES.get(random.nextInt(MEDIA_TYPES.size()));
            case "Authorization" ->
                switch (random.nextInt(6)) {
                    case 0 -> "Bearer";
                    case 1 -> "Bearer ";
                    case 2 -> "Bearer " + fakeJwt(random);
                    case 3 -> "Basic " + junk(random, 20);
                    case 4 -> "bearer " + fakeJwt(random);
                    default -> junk(random, 40);
                };
            case "Content-Encoding", "Accept-Encoding" ->
                List.of("gzip", "deflate", "br", "identity", "x", "").get(random.nextInt(6));
            case "Transfer-Encoding" -> List.of("chunked", "gzip", "x", "").get(random.nextInt(4));
            case "Expect" -> List.of("100-continue", "x").get(random.nextInt(2));
            default -> junk(random, 30);
        };
    }

    /** Three base64url parts with headers that are odd JSON: non-string alg or kid, arrays, nothing. */
    private static String fakeJwt(SplittableRandom random) {
        String header = List.of(
                        "{\"alg\":1}",
                        "{\"alg\":\"RS256\",\"kid\":{\"a\":1}}",
                        "{\"alg\":[\"HS256\"]}",
                        "{\"alg\":null}",
                        "{}",
                        "[]",
                        "1",
                        "{\"alg\":\"HS256\",\"kid\":2}",
                        "{\"alg\":\"none\"}",
                        "not json",
                        "{\"alg\":\"HS256\",\"crit\":[\"x\"]}",
                        "{\"alg\":\"HS256\",\"b64\":false,\"crit\":[\"b64\"]}",
                        "{\"alg\":\"HS256\",\"zip\":\"DEF\"}",
                        "{\"alg\":\"HS256\",\"crit\":[1]}",
                        "{\"alg\":\"RS256\",\"crit\":[[]]}",
                        "{\"alg\":\"HS256\",\"crit\":{}}",
                        "{\"alg\":\"HS256\",\"crit\":[null]}",
                        "{\"alg\":\"HS256\",\"kid\":\"dg-api-key-1\",\"crit\":\"exp\"}")
                .get(random.nextInt(18));
        String payload = List.of(
                        "{\"sub\":\"u\"}", "{\"exp\":\"soon\"}", "{\"iat\":1e400}", "[]", "x", "{\"exp\":1e30}")
                .get(random.nextInt(6));
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + junk(random, 10);
    }

    private static String junk(SplittableRandom random, int max) {
        StringBuilder s = new StringBuilder();
        int length = random.nextInt(max + 1);
        for (int i = 0; i < length; i++) {
            s.append((char) random.nextInt(0x21, 0x7f));
        }
        return s.toString();
    }
}
