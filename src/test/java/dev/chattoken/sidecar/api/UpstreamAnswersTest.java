package dev.chattoken.sidecar.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static dev.chattoken.sidecar.support.Tokens.mint;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chattoken.sidecar.support.FakeVendors;
import dev.chattoken.sidecar.support.Management;
import dev.chattoken.sidecar.support.UpstreamFaultProfiles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The token API of the vendors whose tokens only their API issues, over HTTP (and, as {@code UpstreamAnswersIT},
 * against the native executable): a token with the vendor's expiry and the widget's fields, cached; every failure of
 * the vendor a problem in the sidecar's own words with the right status and Retry-After, never a 500 and never the
 * vendor's body; readiness untouched by a vendor outage; the state in {@code /v1/profiles} and the metrics.
 */
@QuarkusTest
@TestProfile(UpstreamFaultProfiles.class)
class UpstreamAnswersTest {

    private static final String VENDOR_TEXT = "vendor-secret-detail";

    @UpstreamFaultProfiles.InjectFaultVendors
    FakeVendors fakes;

    @BeforeEach
    void normalAnswers() {
        fakes.reset();
    }

    @AfterEach
    void contractKept() {
        assertEquals(List.of(), fakes.unmatched(), "every request kept the vendor's contract");
    }

    @Test
    void hubspotAnswersItsTokenWithTwelveHoursAndTheWidgetsFieldsThenFromTheCache() {
        String body = "{\"email\":\"ana@example.com\",\"given_name\":\"Ana\",\"family_name\":\"Lima\"}";
        Map<String, Object> answer = mint("hubspot-answers", body)
                .statusCode(200)
                .contentType("application/json")
                .extract()
                .jsonPath()
                .getMap("$");
        String token = (String) answer.get("token");
        assertEquals(fakes.issued("hubspot"), List.of(token));
        assertEquals("hubspot", answer.get("vendor"));
        assertEquals("ana@example.com", answer.get("identificationEmail"));
        assertEquals(token, answer.get("identificationToken"));
        long expiresIn =
                ((Number) answer.get("expires_at")).longValue() - Instant.now().getEpochSecond();
        assertTrue(expiresIn > 11 * 3600 && expiresIn <= 12 * 3600, "12 hours from the request: " + expiresIn);
        assertEquals(
                token, mint("hubspot-answers", body).statusCode(200).extract().path("token"));
        assertEquals(1, fakes.calls("hubspot"), "the second answer came from the cache");
    }

    @Test
    void channelTalkAnswersTheSessionJwtAndTheMemberId() {
        Map<String, Object> answer = mint("channel-talk-answers", "{\"user_id\":\"member-7\"}")
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("$");
        assertEquals("member-7", answer.get("memberId"));
        assertEquals(answer.get("token"), answer.get("sessionJWT"));
        long expiresIn =
                ((Number) answer.get("expires_at")).longValue() - Instant.now().getEpochSecond();
        assertTrue(expiresIn > 29 * 60 && expiresIn <= 30 * 60, "the profile's default ttl, 30 minutes: " + expiresIn);
    }

    @Test
    void aRefusalNamesThePlanRequirementWithoutRetryAfterOrTheVendorsBody() {
        fakes.answer(
                "hubspot",
                aResponse()
                        .withStatus(403)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"category\":\"FORBIDDEN\",\"message\":\"" + VENDOR_TEXT + "\"}"));
        String problem = mint("hubspot-answers", "{\"email\":\"plan@example.com\"}")
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", nullValue())
                .body("type", equalTo("urn:chat-token-sidecar:problem:upstream-refused"))
                .body("detail", containsString("Professional or Enterprise"))
                .extract()
                .asString();
        assertFalse(problem.contains(VENDOR_TEXT), problem);
    }

    @Test
    void aRateLimitLongerThanTheDeadlineIs429WithTheVendorsRetryAfter() {
        fakes.answer(
                "hubspot",
                aResponse().withStatus(429).withHeader("Retry-After", "30").withBody(VENDOR_TEXT));
        mint("hubspot-blocked", "{\"email\":\"busy@example.com\"}")
                .statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", "30")
                .body("type", equalTo("urn:chat-token-sidecar:problem:upstream-rate-limited"))
                .body(not(containsString(VENDOR_TEXT)));
        int calls = fakes.calls("hubspot");
        // the profile holds off the vendor for the rest of the wait: answered at once, without a call
        mint("hubspot-blocked", "{\"email\":\"other@example.com\"}").statusCode(429);
        assertEquals(calls, fakes.calls("hubspot"));
        given().get("/v1/profiles")
                .then()
                .body("find { it.name == 'hubspot-blocked' }.upstream.rate_limited_until", not(nullValue()));
    }

    @Test
    void aVendorOutageIs503WithRetryAfterAndLeavesReadinessUp() {
        fakes.answer("sendbird", aResponse().withStatus(503).withBody(VENDOR_TEXT));
        mint("sendbird-down", "{\"user_id\":\"u-outage\"}")
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", not(nullValue()))
                .body("type", equalTo("urn:chat-token-sidecar:problem:upstream-unavailable"))
                .body(not(containsString(VENDOR_TEXT)));
        Management.request().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/v1/profiles")
                .then()
                .body(
                        "find { it.name == 'sendbird-down' }.upstream.last_failure.reason",
                        containsString("Sendbird answered 503"));
    }

    @Test
    void anUnknownSendbirdUserIs404NamingTheField() {
        mint("sendbird-down", "{\"user_id\":\"" + FakeVendors.NEW_USER_PREFIX + "someone\"}")
                .statusCode(404)
                .body("type", equalTo("urn:chat-token-sidecar:problem:unknown-user"))
                .body("field", equalTo("user_id"))
                .body("detail", containsString("create-users=true"));
    }

    @Test
    void requestsAreValidatedBeforeTheVendorIsCalled() {
        mint("hubspot-answers", "{\"given_name\":\"Ana\"}")
                .statusCode(400)
                .body("type", containsString("missing-field"))
                .body("field", equalTo("email"));
        mint("hubspot-answers", "{\"email\":\"ana@example.com\",\"user_id\":\"1\"}")
                .statusCode(400)
                .body("type", containsString("unsupported-field"))
                .body("field", equalTo("user_id"));
        mint("sendbird-down", "{\"user_id\":\"" + "u".repeat(81) + "\"}")
                .statusCode(400)
                .body("type", containsString("invalid-field"));
        mint("channel-talk-answers", "{\"user_id\":\"..\"}").statusCode(400).body("field", equalTo("user_id"));
        assertEquals(0, fakes.requests().size(), "no call for a request the sidecar refuses");
    }

    @Test
    void profilesShowTheUpstreamStateAndNoAlgorithmOrCredential() {
        mint("hubspot-answers", "{\"email\":\"state@example.com\"}").statusCode(200);
        String profiles = given().get("/v1/profiles")
                .then()
                .statusCode(200)
                .body("find { it.name == 'hubspot-answers' }.algorithm", nullValue())
                .body("find { it.name == 'hubspot-answers' }.kid", nullValue())
                .body("find { it.name == 'hubspot-answers' }.upstream.breaker", equalTo("closed"))
                .body("find { it.name == 'hubspot-answers' }.upstream.rate_limit", equalTo("190/10s"))
                .body("find { it.name == 'hubspot-answers' }.upstream.cache_size", equalTo(2048))
                .body("find { it.name == 'hubspot-answers' }.upstream.shared", equalTo("off"))
                .body("find { it.name == 'channel-talk-answers' }.kid", nullValue())
                .body("find { it.name == 'dg' }.upstream", nullValue())
                .extract()
                .asString();
        assertFalse(profiles.contains(FakeVendors.SECRET), "never the credential");
        assertFalse(profiles.contains(FakeVendors.ACCESS_KEY), "nor Channel Talk's access key");
    }

    @Test
    void theUpstreamMetricsCountCallsCacheAndFailures() {
        mint("hubspot-answers", "{\"email\":\"metrics@example.com\"}").statusCode(200);
        mint("hubspot-answers", "{\"email\":\"metrics@example.com\"}").statusCode(200);
        String metrics = Management.request()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        for (String series : List.of(
                "chat_token_upstream_calls_total{profile=\"hubspot-answers\",status=\"200\"}",
                "chat_token_upstream_cache_total{profile=\"hubspot-answers\",result=\"hit\"}",
                "chat_token_upstream_cache_total{profile=\"hubspot-answers\",result=\"miss\"}",
                "chat_token_upstream_call_seconds_count{profile=\"hubspot-answers\"}",
                "chat_token_upstream_cache_size{profile=\"hubspot-answers\"}",
                "chat_token_upstream_breaker_state{profile=\"hubspot-answers\"}")) {
            assertTrue(metrics.contains(series), series);
        }
        assertFalse(metrics.contains("127.0.0.1:" + fakes.port()), "no base URL in the metrics");
    }

    @Test
    void theUpstreamProfilesHaveNothingToVerifyOrPublish() {
        given().header("Authorization", "Bearer a.b.c")
                .post("/v1/verify/hubspot-answers")
                .then()
                .statusCode(401)
                .body("detail", containsString("vendor's API"));
        given().get("/v1/profiles/hubspot-answers/jwks.json")
                .then()
                .statusCode(404)
                .body("type", equalTo("urn:chat-token-sidecar:problem:no-public-key"));
    }
}
