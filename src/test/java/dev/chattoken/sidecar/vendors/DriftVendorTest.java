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
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Drift signed identities (https://devdocs.drift.com/docs/securing-drift-on-your-site-using-signed-identities):
 * "sending a signed JSON Web Token (JWT) representing the user's identity along with your chosen user identifier"; the
 * document's sample token decodes to header {@code {"typ":"JWT","alg":"HS256"}} and payload {@code {"sub":"12345"}} for
 * the user id 12345 (a string). "In the event that a signed identity is invalid/expired, we will fall back to the
 * unsigned identity": {@code exp} when the profile sets a ttl. The page's hand-off to the widget is not in the readable
 * copies, so no widget field is named.
 */
class DriftVendorTest {

    private final Vendor vendor = new DriftVendor();

    @Test
    void withoutTtlTheTokenIsTheDocumentsSampleShapeWithExpAnHourAway() throws Exception {
        Profile profile = VendorTesting.profile(vendor, Map.of());
        long before = Instant.now().getEpochSecond();
        MintedToken minted = VendorTesting.mint(profile, "{\"user_id\":\"12345\"}");
        long after = Instant.now().getEpochSecond();
        SignedJWT jwt = verified(minted);
        assertEquals(Map.of("typ", "JWT", "alg", "HS256"), jwt.getHeader().toJSONObject());
        long exp = (Long) jwt.getPayload().toJSONObject().get("exp");
        assertEquals(
                Map.of("sub", "12345", "exp", exp),
                jwt.getPayload().toJSONObject(),
                "the sample's {sub}, and exp: Drift falls back to the unsigned identity when a signed one is expired");
        assertTrue(exp >= before + 3600 && exp <= after + 3600, "an hour by default");
        assertEquals(Optional.of(exp), minted.expiresAt().map(Instant::getEpochSecond));
        assertEquals(Map.of(), minted.widgetFields());
        assertEquals(Optional.of(Duration.ofHours(1)), profile.rules().maxTokenLifetime());
        assertEquals(Optional.empty(), profile.rules().issuer(Optional.empty()));
    }

    @Test
    void aTtlAddsExpAloneAtMostADay() throws Exception {
        long before = Instant.now().getEpochSecond();
        MintedToken minted =
                VendorTesting.mint(VendorTesting.profile(vendor, Map.of("ttl", "15m")), "{\"user_id\":\"12345\"}");
        long after = Instant.now().getEpochSecond();
        Map<String, Object> claims = verified(minted).getPayload().toJSONObject();
        long exp = (Long) claims.get("exp");
        assertEquals(Map.of("sub", "12345", "exp", exp), claims);
        assertTrue(exp >= before + 900 && exp <= after + 900);
        assertEquals(Optional.of(exp), minted.expiresAt().map(Instant::getEpochSecond));

        assertEquals(
                Optional.of(Duration.ofHours(24)),
                VendorTesting.profile(vendor, Map.of("ttl", "24h")).rules().maxTokenLifetime());
        String refusal = VendorTesting.refusal(vendor, Map.of("ttl", "25h"));
        assertTrue(refusal.contains("chat-token.profiles.drift.ttl is 90000s; drift accepts at most 86400s"), refusal);
    }

    @Test
    void userIdIsRequiredAndNothingElseIsTaken() throws Exception {
        Profile profile = VendorTesting.profile(vendor, Map.of());
        InvalidRequestException missing =
                assertThrows(InvalidRequestException.class, () -> VendorTesting.mint(profile, "{}"));
        assertEquals(InvalidRequestException.Reason.MISSING_FIELD, missing.reason());
        assertEquals("user_id", missing.field());
        InvalidRequestException email = assertThrows(
                InvalidRequestException.class,
                () -> VendorTesting.mint(profile, "{\"user_id\":\"12345\",\"email\":\"ana@example.com\"}"));
        assertEquals(InvalidRequestException.Reason.UNSUPPORTED_FIELD, email.reason());
        assertEquals("email", email.field());
    }

    private static SignedJWT verified(MintedToken minted) throws Exception {
        return Fixtures.verifiedJwt(minted.token(), SigningAlgorithm.HS256);
    }
}
