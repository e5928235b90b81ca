package dev.chattoken.sidecar.vendors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chattoken.sidecar.support.RecordingExchange;
import dev.chattoken.sidecar.support.VendorTesting;
import dev.chattoken.sidecar.upstream.IssuedToken;
import dev.chattoken.sidecar.upstream.UpstreamException;
import dev.chattoken.sidecar.upstream.VendorAnswer;
import dev.chattoken.sidecar.upstream.VendorRequest;
import io.vertx.core.http.HttpMethod;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Sendbird's session tokens: {@code POST https://api-{application_id}.sendbird.com/v3/users/{user_id}/token} with
 * {@code Api-Token}, {@code expires_at} in milliseconds (only with a ttl), the answer's {@code token} and
 * {@code expires_at} (milliseconds); 400201 is an unknown user, created first with {@code create-users=true} (then
 * {@code POST /v3/users}); a 429's own {@code X-RateLimit-RetryAfter}.
 */
class SendbirdVendorTest {

    private final Vendor vendor = new SendbirdVendor();
    private static final String NOT_FOUND = "{\"message\":\"\\\"User\\\" not found.\",\"code\":400201,\"error\":true}";

    private UpstreamRules rules(String... options) {
        return (UpstreamRules) VendorTesting.profile(
                        vendor, VendorTesting.with(vendor.example().options(), options))
                .rules();
    }

    @Test
    void theRequestIsSendbirdsOwnWithMilliseconds() throws Throwable {
        UpstreamRules rules = rules("ttl", "1h");
        assertEquals(
                "https://api-2D7B4CDB-932F-4082-9B09-A1153792DC8D.sendbird.com",
                rules.policy().baseUrl().toString());
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        long expires = now.plus(Duration.ofHours(1)).toEpochMilli();
        RecordingExchange exchange =
                new RecordingExchange().answer(200, "{\"token\":\"sb-1\",\"expires_at\":" + expires + "}");
        IssuedToken token = exchange.fetch(rules.order(VendorTesting.identity("{\"user_id\":\"customer 42/é\"}")), now);
        VendorRequest request = exchange.requests().get(0);
        assertEquals(HttpMethod.POST, request.method());
        assertEquals("/v3/users/customer%2042%2F%C3%A9/token", request.path(), "the user id percent-encoded, as sent");
        assertEquals(Map.of("api-token", RecordingExchange.CREDENTIAL.secret()), request.headers());
        assertEquals("{\"expires_at\":" + expires + "}", RecordingExchange.body(request));
        assertEquals(new IssuedToken("sb-1", Instant.ofEpochMilli(expires)), token);
        RecordingExchange noTtl =
                new RecordingExchange().answer(200, "{\"token\":\"sb-2\",\"expires_at\":" + expires + "}");
        noTtl.fetch(rules().order(VendorTesting.identity("{\"user_id\":\"u\"}")), now);
        assertEquals(
                "{}", RecordingExchange.body(noTtl.requests().get(0)), "no expires_at: Sendbird's default, 7 days");
    }

    @Test
    void anUnknownUserIsNamedOrCreatedFirstWhenTheProfileSaysSo() throws Throwable {
        var order = rules().order(VendorTesting.identity("{\"user_id\":\"new-user\"}"));
        UpstreamException.UnknownUser unknown = assertInstanceOf(
                UpstreamException.UnknownUser.class,
                assertThrows(
                        Throwable.class,
                        () -> new RecordingExchange().answer(400, NOT_FOUND).fetch(order, Instant.now())));
        assertEquals(Optional.of("user_id"), unknown.field());
        RecordingExchange creating = new RecordingExchange()
                .answer(400, NOT_FOUND)
                .answer(200, "{\"user_id\":\"new-user\"}")
                .answer(200, "{\"token\":\"sb-3\",\"expires_at\":1900000000000}");
        assertEquals(
                "sb-3",
                creating.fetch(
                                rules("create-users", "true")
                                        .order(VendorTesting.identity("{\"user_id\":\"new-user\"}")),
                                Instant.now())
                        .token());
        List<VendorRequest> requests = creating.requests();
        assertEquals(
                List.of("/v3/users/new-user/token", "/v3/users", "/v3/users/new-user/token"),
                requests.stream().map(VendorRequest::path).toList());
        assertEquals(
                "{\"user_id\":\"new-user\",\"nickname\":\"\",\"profile_url\":\"\"}",
                RecordingExchange.body(requests.get(1)));
        // created by another request in between (400202): the token is asked for all the same
        RecordingExchange raced = new RecordingExchange()
                .answer(400, NOT_FOUND)
                .answer(400, "{\"code\":400202}")
                .answer(200, "{\"token\":\"sb-4\",\"expires_at\":1900000000000}");
        assertEquals(
                "sb-4",
                raced.fetch(
                                rules("create-users", "true")
                                        .order(VendorTesting.identity("{\"user_id\":\"new-user\"}")),
                                Instant.now())
                        .token());
    }

    @Test
    void userIdsAreSendbirdsLengthAndNoPathSegmentOfTheirOwn() {
        UpstreamRules rules = rules();
        assertEquals(
                "user_id",
                assertThrows(
                                InvalidRequestException.class,
                                () -> rules.order(VendorTesting.identity("{\"user_id\":\"" + "u".repeat(81) + "\"}")))
                        .field());
        rules.order(assertDoesNotThrowIdentity("{\"user_id\":\"" + "u".repeat(80) + "\"}"));
        for (String dots : List.of(".", "..")) {
            assertEquals(
                    "user_id",
                    assertThrows(
                                    InvalidRequestException.class,
                                    () -> rules.order(VendorTesting.identity("{\"user_id\":\"" + dots + "\"}")))
                            .field());
        }
    }

    private static dev.chattoken.sidecar.vendors.UserIdentity assertDoesNotThrowIdentity(String json) {
        try {
            return VendorTesting.identity(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void a429SaysHowLongToWaitInItsOwnHeader() {
        VendorAnswer limited =
                new VendorAnswer(429, Map.of("x-ratelimit-retryafter", "0.069786548614502"), new byte[0]);
        assertEquals(Optional.of(Duration.ofMillis(70)), SendbirdVendor.retryAfter(limited, Instant.now()));
        assertEquals(
                Optional.empty(),
                SendbirdVendor.retryAfter(
                        new VendorAnswer(429, Map.of("x-ratelimit-retryafter", "soon"), new byte[0]), Instant.now()));
    }

    @Test
    void applicationIdIsRequiredAndMakesTheHost() {
        String missing = VendorTesting.refusal(vendor, Map.of());
        assertTrue(missing.contains("chat-token.profiles.sendbird.application-id is required"), missing);
        String hostile = VendorTesting.refusal(vendor, Map.of("application-id", "evil.example/x"));
        assertTrue(hostile.contains("application-id is not Sendbird's application id"), hostile);
        String margin = VendorTesting.refusal(
                vendor, VendorTesting.with(vendor.example().options(), "ttl", "5m"));
        assertTrue(margin.contains("refresh-margin (300s) must be shorter than the ttl"), margin);
    }
}
