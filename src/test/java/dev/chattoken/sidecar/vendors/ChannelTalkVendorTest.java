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
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Channel Talk's member session JWT: {@code PUT /open/v5/users/@{memberId}/session-jwt/issue?expiration=PT<ttl>S}, no
 * body, the Open API credential in {@code x-access-key} (the profile's key-id) and {@code x-access-secret} (its
 * key-file); the answer's {@code sessionJWT} and {@code expireAt} (milliseconds); the widget's {@code memberId} and
 * {@code sessionJWT}; a 429's {@code x-ratelimit-reset}.
 */
class ChannelTalkVendorTest {

    private final Vendor vendor = new ChannelTalkVendor();

    private UpstreamRules rules(String... options) {
        return (UpstreamRules) VendorTesting.profile(
                        vendor, VendorTesting.with(vendor.example().options(), options))
                .rules();
    }

    @Test
    void theRequestIsChannelTalksOwn() throws Throwable {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        long expires = now.plus(Duration.ofMinutes(30)).toEpochMilli();
        RecordingExchange exchange =
                new RecordingExchange().answer(200, "{\"sessionJWT\":\"ct-1\",\"expireAt\":" + expires + "}");
        IssuedToken token = exchange.fetch(rules().order(VendorTesting.identity("{\"user_id\":\"member 7\"}")), now);
        VendorRequest request = exchange.requests().get(0);
        assertEquals(HttpMethod.PUT, request.method());
        assertEquals("/open/v5/users/@member%207/session-jwt/issue?expiration=PT1800S", request.path());
        assertEquals(
                Map.of("x-access-key", "access-key-1", "x-access-secret", RecordingExchange.CREDENTIAL.secret()),
                request.headers());
        assertEquals(Optional.empty(), request.json(), "no body");
        assertEquals(new IssuedToken("ct-1", Instant.ofEpochMilli(expires)), token);
        RecordingExchange hour =
                new RecordingExchange().answer(200, "{\"sessionJWT\":\"ct-2\",\"expireAt\":" + expires + "}");
        hour.fetch(rules("ttl", "1h").order(VendorTesting.identity("{\"user_id\":\"m\"}")), now);
        assertTrue(hour.requests().get(0).path().endsWith("?expiration=PT3600S"));
    }

    @Test
    void theAccessKeyIsRequiredAndAHeaderValue() {
        String missing = VendorTesting.refusal(vendor, Map.of());
        assertTrue(missing.contains("chat-token.profiles.channel-talk.key-id is required"), missing);
        String spaced = VendorTesting.refusal(vendor, Map.of("key-id", "access key"));
        assertTrue(spaced.contains("key-id is not visible ASCII"), spaced);
        assertTrue(rules().keyIdProblem("key\u00e9").isPresent(), "a key-id-file is held to it on every rotation too");
    }

    @Test
    void answersAreReadStrictlyAndRefusalsNamed() throws Exception {
        var order = rules().order(VendorTesting.identity("{\"user_id\":\"m\"}"));
        for (String malformed : new String[] {
            "{\"sessionJWT\":\"ct\"}",
            "{\"sessionJWT\":\"ct\",\"expireAt\":\"soon\"}",
            "{\"sessionJWT\":\"\",\"expireAt\":1}",
            "[]"
        }) {
            Throwable failure = assertThrows(
                    Throwable.class,
                    () -> new RecordingExchange().answer(200, malformed).fetch(order, Instant.now()));
            assertEquals(
                    "malformed",
                    ((dev.chattoken.sidecar.upstream.AttemptFailure.VendorFailure) failure).outcome(),
                    malformed);
        }
        assertInstanceOf(
                UpstreamException.Refused.class,
                assertThrows(
                        Throwable.class,
                        () -> new RecordingExchange().answer(401, "{}").fetch(order, Instant.now())));
        assertInstanceOf(
                UpstreamException.UnknownUser.class,
                assertThrows(
                        Throwable.class,
                        () -> new RecordingExchange().answer(404, "{}").fetch(order, Instant.now())));
    }

    @Test
    void a429SaysWhenTheWindowRefills() {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        VendorAnswer limited = new VendorAnswer(
                429, Map.of("x-ratelimit-reset", String.valueOf(now.getEpochSecond() + 7)), new byte[0]);
        assertEquals(Optional.of(Duration.ofSeconds(7)), ChannelTalkVendor.retryAfter(limited, now));
    }

    @Test
    void theWidgetGetsTheMemberIdAndTheSessionJwt() throws Exception {
        assertEquals(
                Map.of("memberId", "m-1", "sessionJWT", "tok"),
                rules().widgetFields(VendorTesting.identity("{\"user_id\":\"m-1\"}"), "tok"));
    }
}
