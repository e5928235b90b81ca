package dev.chattoken.sidecar.vendors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chattoken.sidecar.support.RecordingExchange;
import dev.chattoken.sidecar.support.VendorTesting;
import dev.chattoken.sidecar.upstream.IssuedToken;
import dev.chattoken.sidecar.upstream.UpstreamException;
import dev.chattoken.sidecar.upstream.VendorRequest;
import io.vertx.core.http.HttpMethod;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * HubSpot's Visitor Identification API as the sidecar calls it: {@code POST /visitor-identification/v3/tokens/create}
 * (or the 2026-03 version), {@code Authorization: Bearer} the private app token, body {@code {email, firstName?,
 * lastName?}} from {@code email}, {@code given_name}, {@code family_name}; the answer's {@code token}, expiring 12
 * hours after the request; the widget's {@code identificationEmail} and {@code identificationToken}; a 403 named as the
 * plan requirement. The requests are checked against HubSpot's published contract by the fake API too (FakeVendors).
 */
class HubSpotVendorTest {

    private final Vendor vendor = new HubSpotVendor();

    private UpstreamRules rules(String... options) {
        return (UpstreamRules) VendorTesting.profile(
                        vendor, VendorTesting.with(vendor.example().options(), options))
                .rules();
    }

    @Test
    void theRequestIsHubSpotsOwn() throws Throwable {
        UpstreamRules rules = rules();
        RecordingExchange exchange = new RecordingExchange().answer(200, "{\"token\":\"hs-token-1\"}");
        Instant sent = Instant.parse("2026-12-01T10:00:00Z");
        IssuedToken token = exchange.fetch(
                rules.order(VendorTesting.identity(
                        "{\"email\":\"ana@example.com\",\"given_name\":\"Ana\",\"family_name\":\"Lima\"}")),
                sent);
        VendorRequest request = exchange.requests().get(0);
        assertEquals(HttpMethod.POST, request.method());
        assertEquals("/visitor-identification/v3/tokens/create", request.path());
        assertEquals(Map.of("authorization", "Bearer " + RecordingExchange.CREDENTIAL.secret()), request.headers());
        assertEquals(
                "{\"email\":\"ana@example.com\",\"firstName\":\"Ana\",\"lastName\":\"Lima\"}",
                RecordingExchange.body(request));
        assertEquals(new IssuedToken("hs-token-1", sent.plus(Duration.ofHours(12))), token);
        assertEquals("https://api.hubapi.com", rules.policy().baseUrl().toString());
        assertEquals("190/10s", rules.policy().rateLimit().toString());
    }

    @Test
    void theDateVersionedPathIsAnOptionAndOnlyVersionsWithThisBodyAreTaken() throws Throwable {
        RecordingExchange exchange = new RecordingExchange().answer(200, "{\"token\":\"t\"}");
        exchange.fetch(
                rules("api-version", "2026-03").order(VendorTesting.identity("{\"email\":\"a@example.com\"}")),
                Instant.now());
        assertEquals(
                "/visitor-identification/2026-03/tokens/create",
                exchange.requests().get(0).path());
        String refusal = VendorTesting.refusal(vendor, Map.of("api-version", "2026-09"));
        assertTrue(refusal.contains("chat-token.profiles.hubspot.api-version must be one of [v3, 2026-03]"), refusal);
    }

    @Test
    void theIdentityIsEveryValueSentSoThatNamesChangeTheCachedToken() throws Exception {
        UpstreamRules rules = rules();
        String plain = rules.order(VendorTesting.identity("{\"email\":\"a@example.com\"}"))
                .identity();
        String named = rules.order(VendorTesting.identity("{\"email\":\"a@example.com\",\"given_name\":\"A\"}"))
                .identity();
        String family = rules.order(VendorTesting.identity("{\"email\":\"a@example.com\",\"family_name\":\"A\"}"))
                .identity();
        assertEquals(3, java.util.Set.of(plain, named, family).size());
    }

    @Test
    void emailIsRequiredAndTheNamesAreCheckedLikeEveryTextField() {
        UpstreamRules rules = rules();
        InvalidRequestException missing = assertThrows(
                InvalidRequestException.class, () -> rules.order(VendorTesting.identity("{\"given_name\":\"Ana\"}")));
        assertEquals("email", missing.field());
        assertEquals(
                "email",
                assertThrows(
                                InvalidRequestException.class,
                                () -> rules.order(VendorTesting.identity("{\"email\":\"not-an-address\"}")))
                        .field());
        assertEquals(
                "given_name",
                assertThrows(
                                InvalidRequestException.class,
                                () -> rules.order(VendorTesting.identity(
                                        "{\"email\":\"a@example.com\",\"given_name\":\"A\\u0000B\"}")))
                        .field());
    }

    @Test
    void refusalsAreNamedInTheSidecarsWords() throws Exception {
        UpstreamRules rules = rules();
        var order = rules.order(VendorTesting.identity("{\"email\":\"a@example.com\"}"));
        UpstreamException.Refused plan = assertInstanceOf(
                UpstreamException.Refused.class,
                assertThrows(
                        Throwable.class,
                        () -> new RecordingExchange()
                                .answer(403, "{\"category\":\"FORBIDDEN\",\"message\":\"vendor words\"}")
                                .fetch(order, Instant.now())));
        assertTrue(plan.getMessage().contains("needs a Professional or Enterprise subscription"), plan.getMessage());
        assertFalse(plan.getMessage().contains("vendor words"));
        UpstreamException.Refused scope = assertInstanceOf(
                UpstreamException.Refused.class,
                assertThrows(
                        Throwable.class,
                        () -> new RecordingExchange()
                                .answer(403, "{\"category\":\"MISSING_SCOPES\"}")
                                .fetch(order, Instant.now())));
        assertTrue(
                scope.getMessage().contains("conversations.visitor_identification.tokens.create"), scope.getMessage());
        assertTrue(assertThrows(
                        Throwable.class,
                        () -> new RecordingExchange().answer(401, "{}").fetch(order, Instant.now()))
                .getMessage()
                .contains("private app token (401)"));
    }

    @Test
    void theWidgetGetsTheEmailAndTheToken() throws Exception {
        assertEquals(
                Map.of("identificationEmail", "ana@example.com", "identificationToken", "tok"),
                rules().widgetFields(VendorTesting.identity("{\"email\":\"ana@example.com\"}"), "tok"));
    }

    @Test
    void optionsAreCheckedAtStartup() {
        for (String[] bad : new String[][] {
            {"base-url", "http://api.hubapi.com"},
            {"base-url", "https://u:p@api.hubapi.com"},
            {"base-url", "https://api.hubapi.com/?x=1"},
            {"rate-limit", "190"},
            {"rate-limit", "0/10s"},
            {"rate-limit", "1000000/1s"},
            {"cache-size", "0"},
            {"cache-size", "many"},
            {"cache-size", "1000001"},
            {"cache-size", "-1"},
            {"refresh-margin", "12h"}
        }) {
            String refusal = VendorTesting.refusal(
                    vendor, VendorTesting.with(vendor.example().options(), bad));
            assertTrue(
                    refusal.contains("chat-token.profiles.hubspot." + bad[0]), bad[0] + "=" + bad[1] + ": " + refusal);
        }
        String pasted = VendorTesting.refusal(
                vendor, VendorTesting.with(vendor.example().options(), "cache-size", "pat-na1-secret"));
        assertFalse(pasted.contains("pat-na1-secret"), "a value that is no number is not quoted: " + pasted.length());
        UpstreamRules gateway = rules(
                "base-url",
                "https://egress.internal/hubspot/",
                "rate-limit",
                "50/10s",
                "cache-size",
                "10",
                "refresh-margin",
                "1h");
        assertEquals(
                "https://egress.internal/hubspot", gateway.policy().baseUrl().toString());
        assertEquals(Optional.of(10), Optional.of(gateway.policy().cacheSize()));
        assertEquals(
                "http://127.0.0.1:9/x",
                rules("base-url", "http://127.0.0.1:9/x").policy().baseUrl().toString(),
                "plain http to loopback only (a test server, a local gateway)");
    }
}
