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
 * Intercom Messenger security with JWT (https://developers.intercom.com/installing-intercom/web/identity-verification):
 * "a unique server side generated JSON web token (JWT), based on the user's user_id, a payload of data about the user
 * (optional) and the Messenger API secret key"; user_id is required (help article 10589769). Intercom's own
 * {@code IntercomRails::ScriptTag#generate_jwt} signs {@code {user_id: <string>, exp}} plus signed fields such as
 * {@code email} with HS256 and no {@code kid}, sets no {@code exp} when no expiry is configured, and puts the token in
 * {@code intercomSettings.intercom_user_jwt}.
 */
class IntercomVendorTest {

    private final Vendor vendor = new IntercomVendor();

    @Test
    void headerIsTypAndAlgWithoutKidAndTheAnswerNamesTheMessengerField() throws Exception {
        MintedToken minted = VendorTesting.mint(VendorTesting.profile(vendor, Map.of()), "{\"user_id\":\"42\"}");
        assertEquals(
                Map.of("typ", "JWT", "alg", "HS256"),
                verified(minted).getHeader().toJSONObject());
        assertEquals(Map.of("intercom_user_jwt", minted.token()), minted.widgetFields());
    }

    @Test
    void withoutTtlThePayloadIsTheUserIdAsAStringTheEmailWhenGivenAndExpAnHourAway() throws Exception {
        Profile profile = VendorTesting.profile(vendor, Map.of());
        long before = Instant.now().getEpochSecond();
        MintedToken bare = VendorTesting.mint(profile, "{\"user_id\":\"42\"}");
        long after = Instant.now().getEpochSecond();
        Map<String, Object> claims = verified(bare).getPayload().toJSONObject();
        long exp = (Long) claims.get("exp");
        assertEquals(Map.of("user_id", "42", "exp", exp), claims);
        assertTrue(
                exp >= before + 3600 && exp <= after + 3600, "an hour, as Intercom's example: exp: Time.now.to_i+3600");
        assertEquals(Optional.of(exp), bare.expiresAt().map(Instant::getEpochSecond));
        Map<String, Object> withEmail = verified(
                        VendorTesting.mint(profile, "{\"user_id\":\"42\",\"email\":\"ana@example.com\"}"))
                .getPayload()
                .toJSONObject();
        assertEquals(Map.of("user_id", "42", "email", "ana@example.com", "exp", withEmail.get("exp")), withEmail);
        assertEquals(Optional.of(Duration.ofHours(1)), profile.rules().maxTokenLifetime());
        assertEquals(Optional.empty(), profile.rules().issuer(Optional.empty()), "Intercom's tokens have no iss");
    }

    @Test
    void aTtlAddsExpAloneAtMostADay() throws Exception {
        long before = Instant.now().getEpochSecond();
        MintedToken minted =
                VendorTesting.mint(VendorTesting.profile(vendor, Map.of("ttl", "1h")), "{\"user_id\":\"42\"}");
        long after = Instant.now().getEpochSecond();
        Map<String, Object> claims = verified(minted).getPayload().toJSONObject();
        long exp = (Long) claims.get("exp");
        assertEquals(Map.of("user_id", "42", "exp", exp), claims, "exp only, as Intercom's own gem signs it: no iat");
        assertTrue(exp >= before + 3600 && exp <= after + 3600);
        assertEquals(Optional.of(exp), minted.expiresAt().map(Instant::getEpochSecond));

        assertEquals(
                Optional.of(Duration.ofHours(24)),
                VendorTesting.profile(vendor, Map.of("ttl", "24h")).rules().maxTokenLifetime());
        String refusal = VendorTesting.refusal(vendor, Map.of("ttl", "2d"));
        assertTrue(
                refusal.contains("chat-token.profiles.intercom.ttl is 172800s; intercom accepts at most 86400s"),
                refusal);
    }

    @Test
    void userIdIsRequiredAnEmailAloneIsNotEnoughAndNoKeyIdIsTaken() throws Exception {
        Profile profile = VendorTesting.profile(vendor, Map.of());
        InvalidRequestException missing = assertThrows(
                InvalidRequestException.class, () -> VendorTesting.mint(profile, "{\"email\":\"ana@example.com\"}"));
        assertEquals(InvalidRequestException.Reason.MISSING_FIELD, missing.reason());
        assertEquals("user_id", missing.field());
        InvalidRequestException email = assertThrows(
                InvalidRequestException.class,
                () -> VendorTesting.mint(profile, "{\"user_id\":\"42\",\"email\":\"ana\"}"));
        assertEquals("email", email.field());
        InvalidRequestException name = assertThrows(
                InvalidRequestException.class,
                () -> VendorTesting.mint(profile, "{\"user_id\":\"42\",\"name\":\"Ana\"}"));
        assertEquals(InvalidRequestException.Reason.UNSUPPORTED_FIELD, name.reason());
        String refusal = VendorTesting.refusal(vendor, Map.of("key-id", "k1"));
        assertTrue(refusal.contains("chat-token.profiles.intercom.key-id is not used by intercom tokens"), refusal);
    }

    private static SignedJWT verified(MintedToken minted) throws Exception {
        return Fixtures.verifiedJwt(minted.token(), SigningAlgorithm.HS256);
    }
}
