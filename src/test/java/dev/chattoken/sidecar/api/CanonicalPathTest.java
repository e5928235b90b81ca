package dev.chattoken.sidecar.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chattoken.sidecar.support.PathVariants;
import dev.chattoken.sidecar.support.RawHttp;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A path is read one way only: a spelling that a filter and the router could read differently (matrix parameters,
 * encoded separators, dot or empty segments, a trailing slash) is refused with 400 {@code invalid-path} before routing,
 * on every route; a canonical spelling of another name (upper case) is simply not found.
 */
@QuarkusTest
class CanonicalPathTest {

    static List<PathVariants.Variant> variants() {
        return PathVariants.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void everyOtherSpellingOfARouteIsRefusedOrNotFound(PathVariants.Variant variant) throws Exception {
        RawHttp.Answer answer = RawHttp.send(
                variant.route().method(),
                variant.path(),
                Map.of("Content-Type", "application/json"),
                variant.route().body());
        if (variant.refusedByTheHttpDecoder()) {
            assertEquals(400, answer.status(), variant + ": " + answer.summary());
            return;
        }
        assertTrue(answer.contentType().startsWith("application/problem+json"), variant + ": " + answer);
        if (variant.canonical()) {
            assertEquals(404, answer.status(), variant + ": " + answer.summary());
        } else {
            assertEquals(400, answer.status(), variant + ": " + answer.summary());
            assertTrue(
                    answer.body().contains("\"type\":\"urn:chat-token-sidecar:problem:invalid-path\""),
                    answer.summary());
        }
    }

    @Test
    void theCanonicalSpellingsAnswer() throws Exception {
        assertEquals(
                200,
                RawHttp.send("POST", "/v1/tokens/dg", Map.of("Content-Type", "application/json"), "{\"user_id\":\"u\"}")
                        .status());
        assertEquals(200, RawHttp.send("GET", "/v1/profiles", Map.of(), "").status());
        assertEquals(
                200,
                RawHttp.send("GET", "/v1/profiles/kindly/jwks.json", Map.of(), "")
                        .status());
        assertEquals(
                200,
                RawHttp.send("GET", "/v1/profiles/kindly/public-key.pem", Map.of(), "")
                        .status());
        assertEquals(
                200, RawHttp.send("GET", "/v1/profiles?x=y", Map.of(), "").status(), "a query is not part of the path");
    }

    @Test
    void theRuleItself() {
        for (String ok : new String[] {"/", "/v1/tokens/dg", "/v1/profiles/kindly-pkcs1/jwks.json", "/a~b_c.d-e"}) {
            assertEquals(java.util.Optional.empty(), CanonicalPath.problem(ok), ok);
        }
        for (String bad : new String[] {
            "", "v1", "//", "/v1/", "/v1//x", "/./v1", "/v1/..", "/v1;a", "/v1%2F", "/v1\\x", "/v1 x", "/v1/é",
            "/v1/a:b", "/v1/a@b", "/v1/a+b"
        }) {
            assertTrue(CanonicalPath.problem(bad).isPresent(), bad);
        }
    }
}
