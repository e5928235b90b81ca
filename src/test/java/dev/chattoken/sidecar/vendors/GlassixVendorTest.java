package dev.chattoken.sidecar.vendors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import dev.chattoken.sidecar.keys.SigningAlgorithm;
import dev.chattoken.sidecar.profile.Profile;
import dev.chattoken.sidecar.support.Fixtures;
import dev.chattoken.sidecar.support.VendorTesting;
import dev.chattoken.sidecar.token.MintedToken;
import dev.chattoken.sidecar.vendors.InvalidRequestException.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Glassix chat widget identity verification (https://docs.glassix.com/reference/chat-widget-identity-verification):
 * "The Identity verification is a JSON web token", "signed using HMAC-SHA256", "The Key for creating the token is your
 * department's API secret". Claims: Issuer, "UUID. The API key (lowercase)"; Audience, "UUID. The unique identifier of
 * the customer (lowercase)", which "should have the same value as the uniqueIdentifier parameter of the widgetOptions
 * object"; Expiration, "We recommend at least 5 hours from creation"; optional {@code field1} to {@code field4} ("If a
 * ticket is opened, this value will be set for field1") and custom claims ("The max length of the serialized
 * identityTokenClaims to JSON is 500"). The document's example also has {@code iat}.
 */
class GlassixVendorTest {

    static final String API_KEY = "7cab072d-43d0-4e9d-bb25-2a947696fe8f";
    static final String CUSTOMER = "db79e775-81fd-4f2e-8741-9266e920cc32";

    private final Vendor vendor = new GlassixVendor();
    private final Map<String, String> options = Map.of("api-key", API_KEY);

    @Test
    void anHs256TokenWithTheApiKeyAsIssuerAndTheCustomerAsAudience() throws Exception {
        long before = Instant.now().getEpochSecond();
        MintedToken minted =
                VendorTesting.mint(VendorTesting.profile(vendor, options), "{\"user_id\":\"" + CUSTOMER + "\"}");
        long after = Instant.now().getEpochSecond();
        SignedJWT jwt = Fixtures.verifiedJwt(minted.token(), SigningAlgorithm.HS256);

        assertEquals(Map.of("typ", "JWT", "alg", "HS256"), jwt.getHeader().toJSONObject());
        Map<String, Object> claims = jwt.getPayload().toJSONObject();
        long iat = (Long) claims.get("iat");
        assertTrue(iat >= before && iat <= after, "iat is the request's time, in seconds");
        assertEquals(
                Map.of("iss", API_KEY, "aud", CUSTOMER, "iat", iat, "exp", iat + 5 * 3600),
                claims,
                "exp 5 hours on by default, as Glassix recommends at least");
        assertEquals(Optional.of(Instant.ofEpochSecond(iat + 5 * 3600)), minted.expiresAt());
        assertEquals(
                Map.of(), minted.widgetFields(), "the member of widgetOptions that takes the token is not confirmed");
    }

    @Test
    void theLifetimeIsTheProfilesTtlAtMostADayAndVerifyHoldsIssToTheApiKey() throws Exception {
        Profile profile = VendorTesting.profile(vendor, VendorTesting.with(options, "ttl", "24h"));
        Map<String, Object> claims = Fixtures.verifiedJwt(
                        VendorTesting.mint(profile, "{\"user_id\":\"" + CUSTOMER + "\"}")
                                .token(),
                        SigningAlgorithm.HS256)
                .getPayload()
                .toJSONObject();
        assertEquals(86400L, (Long) claims.get("exp") - (Long) claims.get("iat"));
        assertEquals(Optional.of(Duration.ofHours(24)), profile.rules().maxTokenLifetime());
        assertEquals(Optional.of(API_KEY), profile.rules().issuer(Optional.empty()));
        String refusal = VendorTesting.refusal(vendor, VendorTesting.with(options, "ttl", "25h"));
        assertTrue(
                refusal.contains("chat-token.profiles.glassix.ttl is 90000s; glassix accepts at most 86400s"), refusal);
    }

    @Test
    void theApiKeyIsRequiredAndALowercaseUuid() {
        assertTrue(VendorTesting.refusal(vendor, Map.of())
                .contains("chat-token.profiles.glassix.api-key is required for glassix"));
        String refusal = VendorTesting.refusal(vendor, Map.of("api-key", API_KEY.toUpperCase()));
        assertEquals(
                "profile 'glassix': chat-token.profiles.glassix.api-key is not a lowercase UUID, as Glassix writes its "
                        + "API keys",
                refusal,
                "refused, not lower-cased: the value is not echoed");
    }

    @Test
    void theUniqueIdentifierIsALowercaseUuidRefusedOtherwiseNeverRewritten() {
        Profile profile = VendorTesting.profile(vendor, options);
        for (String id : new String[] {CUSTOMER.toUpperCase(), "customer-42", CUSTOMER + "0", "{" + CUSTOMER + "}"}) {
            InvalidRequestException refused = assertThrows(
                    InvalidRequestException.class,
                    () -> VendorTesting.mint(profile, "{\"user_id\":\"" + id + "\"}"),
                    id);
            assertEquals(Reason.INVALID_FIELD, refused.reason());
            assertEquals("user_id", refused.field());
            assertEquals("user_id is not a lowercase UUID (Glassix's uniqueIdentifier)", refused.getMessage());
        }
        InvalidRequestException missing =
                assertThrows(InvalidRequestException.class, () -> VendorTesting.mint(profile, "{}"));
        assertEquals(Reason.MISSING_FIELD, missing.reason());
    }

    @Test
    void ticketFieldsAndCustomClaimsPassThroughClaims() throws Exception {
        MintedToken minted = VendorTesting.mint(
                VendorTesting.profile(vendor, options),
                "{\"user_id\":\"" + CUSTOMER
                        + "\",\"claims\":{\"field1\":\"John\",\"field4\":\"gold\",\"plan\":{\"tier\":2,\"vip\":true}}}");
        Map<String, Object> claims = Fixtures.verifiedJwt(minted.token(), SigningAlgorithm.HS256)
                .getPayload()
                .toJSONObject();
        assertEquals("John", claims.get("field1"));
        assertEquals("gold", claims.get("field4"));
        assertEquals(Map.of("tier", 2L, "vip", true), claims.get("plan"));
    }

    @Test
    void extraClaimsMayNotReplaceGlassixsOwnNorExceed500CharactersOfJson() throws Exception {
        Profile profile = VendorTesting.profile(vendor, options);
        for (String reserved : new String[] {"iss", "aud", "exp", "iat", "sub", "nbf", "jti"}) {
            InvalidRequestException refused = refused(profile, "{\"" + reserved + "\":\"x\"}");
            assertEquals(Reason.RESERVED_CLAIM, refused.reason(), reserved);
            assertEquals("claims." + reserved, refused.field());
        }
        InvalidRequestException number = refused(profile, "{\"field2\":7}");
        assertEquals("claims.field2", number.field(), "a ticket field is text");
        // {"note":"..."} is 11 characters of JSON around the text
        String fits = "x".repeat(500 - 11);
        assertEquals(fits, mintedClaims(profile, "{\"note\":\"" + fits + "\"}").get("note"));
        InvalidRequestException tooLong = refused(profile, "{\"note\":\"" + fits + "x\"}");
        assertEquals("claims", tooLong.field());
        assertEquals("claims is 501 characters as JSON; Glassix takes at most 500", tooLong.getMessage());
    }

    private static InvalidRequestException refused(Profile profile, String claims) {
        return assertThrows(
                InvalidRequestException.class,
                () -> VendorTesting.mint(profile, "{\"user_id\":\"" + CUSTOMER + "\",\"claims\":" + claims + "}"),
                claims);
    }

    private static Map<String, Object> mintedClaims(Profile profile, String claims) throws Exception {
        return Fixtures.verifiedJwt(
                        VendorTesting.mint(profile, "{\"user_id\":\"" + CUSTOMER + "\",\"claims\":" + claims + "}")
                                .token(),
                        SigningAlgorithm.HS256)
                .getPayload()
                .toJSONObject();
    }
}
