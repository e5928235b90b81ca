package dev.chattoken.sidecar.vendors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import dev.chattoken.sidecar.config.ProfileSettings;
import dev.chattoken.sidecar.crypto.Signers;
import dev.chattoken.sidecar.keys.SigningAlgorithm;
import dev.chattoken.sidecar.profile.Profile;
import dev.chattoken.sidecar.profile.ProfileLoader;
import dev.chattoken.sidecar.support.Fixtures;
import dev.chattoken.sidecar.support.VendorTesting;
import dev.chattoken.sidecar.token.MintedToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Zendesk messaging authentication: "A signing key is a type of credential which is comprised of a key id (kid) and a
 * shared secret"
 * (https://developer.zendesk.com/documentation/zendesk-web-widget-sdks/sdks/web/enabling_auth_visitors/), the kid being
 * the key's {@code app_...} id (Zendesk staff, community post 4421945067546); "The exp ... property of a JWT payload is
 * honored by the messaging Web Widget"
 * (https://developer.zendesk.com/api-reference/widget-messaging/web/authentication/). Claim table (HS256, typ JWT,
 * {@code scope: "user"}, {@code external_id} at most 255 characters, {@code name}, {@code email},
 * {@code email_verified}) from the mirror of Zendesk's "Creating a JWT" table in mochila-ai/zd-jwt-generate.
 */
class ZendeskVendorTest {

    static final String KEY_ID = "app_64f1c0a5e7b2d30012345678";

    private final Vendor vendor = new ZendeskVendor();
    private final Map<String, String> options = Map.of("key-id", KEY_ID);

    @TempDir
    Path dir;

    @Test
    void theHeaderCarriesTheSigningKeyIdAsKid() throws Exception {
        SignedJWT jwt =
                verified(VendorTesting.mint(VendorTesting.profile(vendor, options), "{\"user_id\":\"customer-42\"}"));
        assertEquals(
                Map.of("kid", KEY_ID, "typ", "JWT", "alg", "HS256"),
                jwt.getHeader().toJSONObject());
    }

    @Test
    void thePayloadIsScopeExternalIdTheIdentityFieldsGivenAndExpAnHourAwayWhenNoTtlIsSet() throws Exception {
        Profile profile = VendorTesting.profile(vendor, options);
        long before = Instant.now().getEpochSecond();
        MintedToken minimal = VendorTesting.mint(profile, "{\"user_id\":\"customer-42\"}");
        long after = Instant.now().getEpochSecond();
        Map<String, Object> claims = verified(minimal).getPayload().toJSONObject();
        long exp = (Long) claims.get("exp");
        assertEquals(
                Map.of("scope", "user", "external_id", "customer-42", "exp", exp),
                claims,
                "\"The exp ... is honored by the messaging Web Widget\": a token handed to the browser expires");
        assertTrue(exp >= before + 3600 && exp <= after + 3600, "an hour by default");
        assertEquals(Optional.of(exp), minimal.expiresAt().map(Instant::getEpochSecond));
        assertEquals(Map.of(), minimal.widgetFields(), "loginUser's callback takes the token itself");

        MintedToken full = VendorTesting.mint(
                profile,
                "{\"user_id\":\"customer-42\",\"name\":\"Ana Lima\",\"email\":\"ana@example.com\",\"email_verified\":false}");
        Map<String, Object> fullClaims = verified(full).getPayload().toJSONObject();
        assertEquals(
                Map.of(
                        "scope",
                        "user",
                        "external_id",
                        "customer-42",
                        "name",
                        "Ana Lima",
                        "email",
                        "ana@example.com",
                        "email_verified",
                        false,
                        "exp",
                        fullClaims.get("exp")),
                fullClaims);
        assertEquals(
                Optional.of(Duration.ofHours(1)), profile.rules().maxTokenLifetime(), "keys kept for the default ttl");
        assertEquals(Optional.empty(), profile.rules().issuer(Optional.of(KEY_ID)), "Zendesk's tokens have no iss");
    }

    @Test
    void aTtlAddsExpOnlyAtMostADay() throws Exception {
        long before = Instant.now().getEpochSecond();
        MintedToken minted = VendorTesting.mint(
                VendorTesting.profile(vendor, VendorTesting.with(options, "ttl", "10m")),
                "{\"user_id\":\"customer-42\"}");
        long after = Instant.now().getEpochSecond();
        Map<String, Object> claims = verified(minted).getPayload().toJSONObject();
        long exp = (Long) claims.get("exp");
        assertEquals(Map.of("scope", "user", "external_id", "customer-42", "exp", exp), claims, "exp only: no iat");
        assertTrue(exp >= before + 600 && exp <= after + 600, "exp is the request's time plus the ttl");
        assertEquals(Optional.of(exp), minted.expiresAt().map(Instant::getEpochSecond));

        assertEquals(
                Optional.of(Duration.ofHours(24)),
                VendorTesting.profile(vendor, VendorTesting.with(options, "ttl", "24h"))
                        .rules()
                        .maxTokenLifetime());
        String refusal = VendorTesting.refusal(vendor, VendorTesting.with(options, "ttl", "25h"));
        assertTrue(
                refusal.contains("chat-token.profiles.zendesk.ttl is 90000s; zendesk accepts at most 86400s"), refusal);
    }

    @Test
    void theKeyIdIsRequiredOrReadFromKeyIdFileWithTheSecret() throws Exception {
        String refusal = VendorTesting.refusal(vendor, Map.of());
        assertTrue(
                refusal.contains(
                        "chat-token.profiles.zendesk.key-id is required for zendesk (the messaging signing key's id"),
                refusal);

        Path idFile = Files.writeString(dir.resolve("key-id"), "app_rotated0000000000000000\n");
        Profile profile = ProfileLoader.loadOne(
                new ProfileSettings("zendesk", "zendesk", Fixtures.HMAC_KEY_FILE, Optional.of(idFile), Map.of()),
                new Vendors(List.of(vendor)),
                Duration.ofSeconds(30),
                Clock.systemUTC(),
                Signers.jdk());
        SignedJWT jwt = verified(VendorTesting.mint(profile, "{\"user_id\":\"customer-42\"}"));
        assertEquals("app_rotated0000000000000000", jwt.getHeader().getKeyID());
    }

    @Test
    void theExternalIdHoldsAtMost255CharactersCountedAsCodePoints() throws Exception {
        Profile profile = VendorTesting.profile(vendor, options);
        String longest = "a".repeat(255);
        assertEquals(
                longest,
                verified(VendorTesting.mint(profile, "{\"user_id\":\"" + longest + "\"}"))
                        .getPayload()
                        .toJSONObject()
                        .get("external_id"));
        String emoji = "\ud83d\ude00".repeat(255); // 510 UTF-16 units, 255 characters
        assertEquals(
                emoji,
                verified(VendorTesting.mint(profile, "{\"user_id\":\"" + emoji + "\"}"))
                        .getPayload()
                        .toJSONObject()
                        .get("external_id"));

        InvalidRequestException refused = assertThrows(
                InvalidRequestException.class,
                () -> VendorTesting.mint(profile, "{\"user_id\":\"" + "a".repeat(256) + "\"}"));
        assertEquals(InvalidRequestException.Reason.INVALID_FIELD, refused.reason());
        assertEquals("user_id", refused.field());
        assertEquals("user_id is longer than 255 characters, Zendesk's limit for external_id", refused.getMessage());
    }

    @Test
    void userIdIsRequiredTheEmailMustBeOneAndOtherFieldsAreRefused() throws Exception {
        Profile profile = VendorTesting.profile(vendor, options);
        InvalidRequestException missing = assertThrows(
                InvalidRequestException.class, () -> VendorTesting.mint(profile, "{\"email\":\"ana@example.com\"}"));
        assertEquals(InvalidRequestException.Reason.MISSING_FIELD, missing.reason());
        assertEquals("user_id", missing.field());
        InvalidRequestException email = assertThrows(
                InvalidRequestException.class,
                () -> VendorTesting.mint(profile, "{\"user_id\":\"1\",\"email\":\"not an address\"}"));
        assertEquals("email", email.field());
        InvalidRequestException phone = assertThrows(
                InvalidRequestException.class,
                () -> VendorTesting.mint(profile, "{\"user_id\":\"1\",\"phone_number\":\"+351900000000\"}"));
        assertEquals(InvalidRequestException.Reason.UNSUPPORTED_FIELD, phone.reason());
        assertEquals("phone_number", phone.field());
    }

    private static SignedJWT verified(MintedToken minted) throws Exception {
        return Fixtures.verifiedJwt(minted.token(), SigningAlgorithm.HS256);
    }
}
