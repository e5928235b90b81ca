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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * LivePerson authenticated messaging, implicit flow: "LivePerson supports OIDC ID Tokens ... The ID Token is
 * represented as a JSON Web Token (JWT)"
 * (https://developers.liveperson.com/consumer-authentication-authenticate-in-web-and-mobile-messaging-implementation-considerations.html).
 * LivePerson's tutorial configures the authentication connector with "oAuth 2.0 authentication (implicit)", a "JWT
 * Public Key" and a "JS Method Name", and signs its external JWT with RS256, header {@code {"alg":"RS256","typ":"JWT"}}
 * (https://developers.liveperson.com/messaging-window-api-tutorials-authentication.html). The identity function's
 * {@code iss} and {@code sub} are the token's. Claims as in LivePerson's example tokens (its developer pages and the
 * LivePerson Cordova plugin's README): {@code sub}, {@code iss}, {@code exp}, {@code iat}, {@code phone_number},
 * {@code email}, {@code preferred_username}, and {@code lp_sdes}, an array of engagement attributes such as
 * {@code {"type": "ctmrinfo", "info": {...}}}.
 */
class LivePersonVendorTest {

    private final Vendor vendor = new LivePersonVendor();
    private final Map<String, String> options = Map.of("issuer", "https://shop.example");

    @Test
    void anRs256TokenWithoutKidOfSubIssExpIatVerifiedWithThePublicKey() throws Exception {
        long before = Instant.now().getEpochSecond();
        MintedToken minted =
                VendorTesting.mint(VendorTesting.profile(vendor, options), "{\"user_id\":\"customer-42\"}");
        long after = Instant.now().getEpochSecond();
        SignedJWT jwt = Fixtures.verifiedJwt(minted.token(), SigningAlgorithm.RS256); // Nimbus, OpenSSL's public PEM

        assertEquals(
                Map.of("alg", "RS256", "typ", "JWT"), jwt.getHeader().toJSONObject(), "the connector holds one key");
        Map<String, Object> claims = jwt.getPayload().toJSONObject();
        long iat = (Long) claims.get("iat");
        assertTrue(iat >= before && iat <= after);
        assertEquals(
                Map.of("sub", "customer-42", "iss", "https://shop.example", "exp", iat + 3600, "iat", iat),
                claims,
                "an hour by default");
        assertEquals(Optional.of(Instant.ofEpochSecond(iat + 3600)), minted.expiresAt());
        assertEquals(Map.of(), minted.widgetFields(), "the page's JS method hands the token itself to LivePerson");
    }

    @Test
    void emailPhoneNumberPreferredUsernameAndEngagementAttributesWhenGiven() throws Exception {
        MintedToken minted = VendorTesting.mint(VendorTesting.profile(vendor, options), """
                {"user_id":"4255551212","email":"ana@example.com","phone_number":"+1-10-344-3765333",
                 "claims":{"preferred_username":"JohnDoe","lp_sdes":[
                   {"type":"ctmrinfo","info":{"cstatus":"cancelled","ctype":"vip","customerId":"138766AC","balance":-400.99,
                    "lastPaymentDate":{"day":15,"month":10,"year":2014}}},
                   {"type":"personal","personal":{"firstname":"AN","lastname":"Other","contacts":[{"email":"another@liveperson.com"}]}}]}}""");
        Map<String, Object> claims = Fixtures.verifiedJwt(minted.token(), SigningAlgorithm.RS256)
                .getPayload()
                .toJSONObject();
        assertEquals("ana@example.com", claims.get("email"));
        assertEquals("+1-10-344-3765333", claims.get("phone_number"));
        assertEquals("JohnDoe", claims.get("preferred_username"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> attributes = (List<Map<String, Object>>) claims.get("lp_sdes");
        assertEquals(
                List.of("ctmrinfo", "personal"),
                attributes.stream().map(a -> a.get("type")).toList());
        @SuppressWarnings("unchecked")
        Map<String, Object> info = (Map<String, Object>) attributes.get(0).get("info");
        assertEquals(-400.99, info.get("balance"), "numbers as sent");
        assertEquals(Map.of("day", 15L, "month", 10L, "year", 2014L), info.get("lastPaymentDate"));
    }

    @Test
    void theIssuerIsRequiredAndWhatVerifyHoldsTokensTo() {
        assertTrue(VendorTesting.refusal(vendor, Map.of())
                .contains("chat-token.profiles.liveperson.issuer is required for " + "liveperson"));
        Profile profile = VendorTesting.profile(vendor, options);
        assertEquals(Optional.of("https://shop.example"), profile.rules().issuer(Optional.empty()));
        assertEquals(Optional.of(Duration.ofHours(1)), profile.rules().maxTokenLifetime());
        assertTrue(VendorTesting.refusal(vendor, VendorTesting.with(options, "key-id", "k1"))
                .contains("chat-token.profiles.liveperson.key-id is not used by liveperson tokens; remove it"));
    }

    @Test
    void claimsTakeOnlyPreferredUsernameAndEngagementAttributesOfTheirShape() {
        Profile profile = VendorTesting.profile(vendor, options);
        assertRefused(profile, "{\"name\":\"x\"}", Reason.UNSUPPORTED_FIELD, "claims.name");
        assertRefused(profile, "{\"sub\":\"admin\"}", Reason.UNSUPPORTED_FIELD, "claims.sub");
        assertRefused(profile, "{\"preferred_username\":7}", Reason.INVALID_FIELD, "claims.preferred_username");
        assertRefused(
                profile, "{\"preferred_username\":\"a\\u0000\"}", Reason.INVALID_FIELD, "claims.preferred_username");
        assertRefused(profile, "{\"lp_sdes\":{\"type\":\"ctmrinfo\"}}", Reason.INVALID_FIELD, "claims.lp_sdes");
        assertRefused(profile, "{\"lp_sdes\":[]}", Reason.INVALID_FIELD, "claims.lp_sdes");
        assertRefused(profile, "{\"lp_sdes\":[\"ctmrinfo\"]}", Reason.INVALID_FIELD, "claims.lp_sdes[0]");
        assertRefused(profile, "{\"lp_sdes\":[{\"info\":{}}]}", Reason.INVALID_FIELD, "claims.lp_sdes[0].type");
        assertRefused(profile, "{\"lp_sdes\":[{\"type\":\" \"}]}", Reason.INVALID_FIELD, "claims.lp_sdes[0].type");
        assertRefused(
                profile,
                "{\"lp_sdes\":[{\"type\":\"ctmrinfo\",\"info\":{\"balance\":null}}]}",
                Reason.INVALID_FIELD,
                "claims.lp_sdes[0].info.balance");
    }

    @Test
    void theUserIdIsRequiredAndOtherFieldsAreRefused() {
        Profile profile = VendorTesting.profile(vendor, options);
        InvalidRequestException missing =
                assertThrows(InvalidRequestException.class, () -> VendorTesting.mint(profile, "{}"));
        assertEquals(Reason.MISSING_FIELD, missing.reason());
        assertEquals("user_id", missing.field());
        InvalidRequestException name = assertThrows(
                InvalidRequestException.class,
                () -> VendorTesting.mint(profile, "{\"user_id\":\"u\",\"name\":\"Ana\"}"));
        assertEquals(Reason.UNSUPPORTED_FIELD, name.reason());
        assertEquals("name", name.field());
    }

    private static void assertRefused(Profile profile, String claims, Reason reason, String field) {
        InvalidRequestException refused = assertThrows(
                InvalidRequestException.class,
                () -> VendorTesting.mint(profile, "{\"user_id\":\"u\",\"claims\":" + claims + "}"),
                claims);
        assertEquals(reason, refused.reason(), claims);
        assertEquals(field, refused.field(), claims);
    }
}
