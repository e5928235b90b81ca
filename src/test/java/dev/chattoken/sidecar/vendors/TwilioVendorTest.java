package dev.chattoken.sidecar.vendors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import dev.chattoken.sidecar.config.ProfileSettings;
import dev.chattoken.sidecar.crypto.Signers;
import dev.chattoken.sidecar.keys.KeyRing;
import dev.chattoken.sidecar.keys.ProfileKeyFile;
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
 * Twilio access token, as https://www.twilio.com/docs/iam/access-tokens and errors 20101 ("the token header contains
 * typ="JWT", alg="HS256", and cty="twilio-fpa;v=1""; "iss must be the API Key SID ... sub must be the Twilio Account
 * SID ... jti, iat ... exp") and 20157 (at most 24 hours) define it, shaped like twilio-node's
 * {@code src/jwt/AccessToken.ts}: {@code jti = keySid + "-" + now}, {@code grants.identity}, the {@code chat} grant
 * {@code {service_sid}}, default ttl 3600 s, {@code nbf} only when asked for (never here). SIDs are "a two-letter
 * prefix followed by 32 hexadecimal digits" (https://www.twilio.com/docs/glossary/what-is-a-sid).
 */
class TwilioVendorTest {

    static final String KEY_SID = "SK0123456789abcdef0123456789abcdef";
    static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
    static final String SERVICE_SID = "IS0123456789abcdef0123456789abcdef";

    private final Vendor vendor = new TwilioVendor();
    private final Map<String, String> options =
            Map.of("key-id", KEY_SID, "options.account-sid", ACCOUNT_SID, "options.chat-service-sid", SERVICE_SID);

    @TempDir
    Path dir;

    @Test
    void theHeaderIsCtyTypAndAlgWithoutKidTheKeyIsNamedByIss() throws Exception {
        MintedToken minted =
                VendorTesting.mint(VendorTesting.profile(vendor, options), "{\"user_id\":\"ana@example.com\"}");
        SignedJWT jwt = Fixtures.verifiedJwt(minted.token(), SigningAlgorithm.HS256);

        assertEquals(
                Map.of("cty", "twilio-fpa;v=1", "typ", "JWT", "alg", "HS256"),
                jwt.getHeader().toJSONObject());
        assertEquals(Optional.empty(), minted.keyId(), "no header kid");
        assertEquals(Map.of(), minted.widgetFields(), "the client SDK takes the token itself");
    }

    @Test
    void theClaimsAreJtiGrantsIatExpIssSubAndNothingElse() throws Exception {
        long before = Instant.now().getEpochSecond();
        MintedToken minted =
                VendorTesting.mint(VendorTesting.profile(vendor, options), "{\"user_id\":\"ana@example.com\"}");
        long after = Instant.now().getEpochSecond();
        Map<String, Object> claims = Fixtures.verifiedJwt(minted.token(), SigningAlgorithm.HS256)
                .getPayload()
                .toJSONObject();

        long iat = (Long) claims.get("iat");
        assertTrue(iat >= before && iat <= after, "iat is the time of the request");
        assertEquals(
                Map.of(
                        "jti",
                        KEY_SID + "-" + iat,
                        "grants",
                        Map.of("identity", "ana@example.com", "chat", Map.of("service_sid", SERVICE_SID)),
                        "iat",
                        iat,
                        "exp",
                        iat + 3600,
                        "iss",
                        KEY_SID,
                        "sub",
                        ACCOUNT_SID),
                claims);
        assertEquals(Optional.of(Instant.ofEpochSecond(iat + 3600)), minted.expiresAt());
    }

    @Test
    void withoutAChatServiceSidTheGrantsHoldOnlyTheIdentity() throws Exception {
        Profile profile = VendorTesting.profile(vendor, VendorTesting.with(options, "options.chat-service-sid", null));
        Map<String, Object> claims = claims(VendorTesting.mint(profile, "{\"user_id\":\"42\"}"));
        assertEquals(Map.of("identity", "42"), claims.get("grants"));
    }

    @Test
    void theTtlIsOneHourByDefaultAndAtMostTwentyFourHours() throws Exception {
        Map<String, Object> ten = claims(VendorTesting.mint(
                VendorTesting.profile(vendor, VendorTesting.with(options, "ttl", "10m")), "{\"user_id\":\"42\"}"));
        assertEquals(600L, (Long) ten.get("exp") - (Long) ten.get("iat"));
        Map<String, Object> day = claims(VendorTesting.mint(
                VendorTesting.profile(vendor, VendorTesting.with(options, "ttl", "24h")), "{\"user_id\":\"42\"}"));
        assertEquals(86_400L, (Long) day.get("exp") - (Long) day.get("iat"));
        String refusal = VendorTesting.refusal(vendor, VendorTesting.with(options, "ttl", "86401s"));
        assertTrue(
                refusal.contains("chat-token.profiles.twilio.ttl is 86401s; twilio accepts at most 86400s"), refusal);

        assertEquals(
                Optional.of(Duration.ofHours(1)),
                VendorTesting.profile(vendor, options).rules().maxTokenLifetime(),
                "a replaced key verifies tokens as long as they live");
    }

    @Test
    void verifyExpectsTheApiKeySidAsIssuer() {
        TokenRules rules = VendorTesting.profile(vendor, options).rules();
        assertEquals(Optional.of(KEY_SID), rules.issuer(Optional.of(KEY_SID)));
    }

    @Test
    void theApiKeySidAndTheAccountSidAreRequired() {
        String noKey = VendorTesting.refusal(vendor, VendorTesting.with(options, "key-id", null));
        assertTrue(noKey.contains("chat-token.profiles.twilio.key-id is required for twilio (the API key SID"), noKey);
        String noAccount = VendorTesting.refusal(vendor, VendorTesting.with(options, "options.account-sid", null));
        assertTrue(
                noAccount.contains(
                        "chat-token.profiles.twilio.options.account-sid is required for twilio (the account SID"),
                noAccount);
    }

    @Test
    void sidsOfTheWrongShapeAreRefusedAtStartupWithoutEchoingThem() {
        for (String bad : List.of(
                "AC0123456789abcdef0123456789abcdef",
                "SK0123456789abcdef0123456789abcde",
                "SK0123456789abcdef0123456789abcdef0",
                "SK0123456789abcdef0123456789abcdeg",
                "sk0123456789abcdef0123456789abcdef",
                "a-secret-pasted-here")) {
            String refusal = VendorTesting.refusal(vendor, VendorTesting.with(options, "key-id", bad));
            assertTrue(
                    refusal.contains("chat-token.profiles.twilio.key-id is not a Twilio API key SID (SK followed by 32 "
                            + "hexadecimal digits)"),
                    refusal);
            assertFalse(refusal.contains(bad), "the value is not echoed: " + refusal);
        }
        String account = VendorTesting.refusal(vendor, VendorTesting.with(options, "options.account-sid", KEY_SID));
        assertTrue(
                account.contains(
                        "chat-token.profiles.twilio.options.account-sid is not a Twilio account SID (AC followed "
                                + "by 32 hexadecimal digits)"),
                account);
        String service = VendorTesting.refusal(
                vendor, VendorTesting.with(options, "options.chat-service-sid", "CH0123456789abcdef0123456789abcdef"));
        assertTrue(
                service.contains(
                        "chat-token.profiles.twilio.options.chat-service-sid is not a Twilio chat service SID (IS "
                                + "followed by 32 hexadecimal digits)"),
                service);
        // Twilio's own API patterns accept both cases of hex digit
        VendorTesting.profile(vendor, VendorTesting.with(options, "key-id", "SK0123456789ABCDEF0123456789ABCDEF"));
    }

    @Test
    void theApiKeySidMayComeFromKeyIdFileAndIsCheckedThereAtStartupAndOnRotation() throws Exception {
        Path idFile = Files.writeString(dir.resolve("api-key-sid"), KEY_SID + "\n");
        Profile profile = withKeyIdFile(idFile);
        Map<String, Object> claims = claims(VendorTesting.mint(profile, "{\"user_id\":\"42\"}"));
        assertEquals(KEY_SID, claims.get("iss"));
        assertTrue(((String) claims.get("jti")).startsWith(KEY_SID + "-"));

        Files.writeString(idFile, "not-a-key-sid\n");
        KeyRing.Outcome[] outcome = new KeyRing.Outcome[1];
        new ProfileKeyFile(profile.name(), profile.keySource(), profile.keys(), o -> outcome[0] = o).reread();
        assertEquals(
                KeyRing.Outcome.REFUSED,
                outcome[0],
                "a rotated id that is no API key SID is refused like a broken key");
        assertEquals(Optional.of(KEY_SID), profile.keys().state().keyId(), "the last good key and id keep signing");

        RuntimeException refused = assertThrows(RuntimeException.class, () -> withKeyIdFile(idFile));
        assertEquals(
                "profile 'twilio': key file " + Fixtures.HMAC_KEY_FILE + " has a key id file " + idFile
                        + " whose id is not a Twilio API key SID (SK followed by 32 hexadecimal digits)",
                refused.getMessage());
    }

    @Test
    void theIdentityIsRequiredAndNoOtherFieldIsTaken() throws Exception {
        Profile profile = VendorTesting.profile(vendor, options);
        InvalidRequestException missing =
                assertThrows(InvalidRequestException.class, () -> VendorTesting.mint(profile, "{}"));
        assertEquals(InvalidRequestException.Reason.MISSING_FIELD, missing.reason());
        assertEquals("user_id", missing.field());
        InvalidRequestException email = assertThrows(
                InvalidRequestException.class,
                () -> VendorTesting.mint(profile, "{\"user_id\":\"42\",\"email\":\"ana@example.com\"}"));
        assertEquals(InvalidRequestException.Reason.UNSUPPORTED_FIELD, email.reason());
        assertEquals("email", email.field());
    }

    private Profile withKeyIdFile(Path idFile) {
        ProfileSettings settings = new ProfileSettings(
                "twilio",
                "twilio",
                Fixtures.HMAC_KEY_FILE,
                Optional.of(idFile),
                VendorTesting.with(options, "key-id", null));
        return ProfileLoader.loadOne(
                settings, new Vendors(List.of(vendor)), Duration.ofSeconds(30), Clock.systemUTC(), Signers.jdk());
    }

    private static Map<String, Object> claims(MintedToken minted) throws Exception {
        return Fixtures.verifiedJwt(minted.token(), SigningAlgorithm.HS256)
                .getPayload()
                .toJSONObject();
    }
}
