package dev.chattoken.sidecar.vendors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import dev.chattoken.sidecar.config.ProfileSettings;
import dev.chattoken.sidecar.crypto.Signers;
import dev.chattoken.sidecar.keys.SigningAlgorithm;
import dev.chattoken.sidecar.profile.Profile;
import dev.chattoken.sidecar.profile.ProfileLoader;
import dev.chattoken.sidecar.support.Fixtures;
import dev.chattoken.sidecar.support.VendorTesting;
import dev.chattoken.sidecar.token.MintedToken;
import dev.chattoken.sidecar.vendors.InvalidRequestException.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The declared JWT vendor (issue 10, section 3), for a widget nobody has built in: the token is what the profile
 * declares. {@code algorithm} is any algorithm the sidecar signs; {@code header.<name>} adds constant header members
 * (not {@code alg}, {@code typ}, {@code kid}, {@code crit}, {@code b64}); {@code claims.<name>} are templates of
 * constant text and {@code {field}} placeholders, a template that is one placeholder keeping the field's JSON type, a
 * claim whose field is missing left out, and a token must hold a field that names the user (user id, e-mail, phone
 * number); {@code required-fields} are 400 missing-field when absent; {@code exp} comes after {@code ttl} (by default
 * an hour, or {@code max-ttl} when shorter; at most {@code max-ttl}, at most and by default 24h); {@code issued-at}
 * (default true) adds {@code iat}; {@code jwt-id} (default false) a random 128-bit base64url {@code jti};
 * {@code key-id} the header {@code kid}. Every token is verified with Nimbus or the JDK's Mac
 * ({@link Fixtures#verifiedJwt}); the algorithm tests run over every algorithm the build has.
 */
class JwtVendorTest {

    private static final String BODY =
            "{\"user_id\":\"customer-42\",\"email\":\"ana@example.com\",\"email_verified\":true}";

    private final Vendor vendor = new JwtVendor();

    @TempDir
    Path dir;

    private static Map<String, String> options(String... keyValues) {
        return VendorTesting.with(Map.of("algorithm", "HS256", "claims.sub", "{user_id}"), keyValues);
    }

    private Profile profile(String... keyValues) {
        return VendorTesting.profile(vendor, options(keyValues));
    }

    private String refusal(String... keyValues) {
        return VendorTesting.refusal(vendor, options(keyValues));
    }

    private static SignedJWT verified(Profile profile, MintedToken minted) throws Exception {
        return Fixtures.verifiedJwt(minted.token(), profile.rules().algorithm());
    }

    private static Map<String, Object> claims(Profile profile, String body) throws Exception {
        return verified(profile, VendorTesting.mint(profile, body)).getPayload().toJSONObject();
    }

    /** The claims besides {@code exp}, which is held to the profile's lifetime from now (by default an hour). */
    private static Map<String, Object> claimsBesideExp(Profile profile, String body) throws Exception {
        long before = Instant.now().getEpochSecond();
        Map<String, Object> claims = new java.util.LinkedHashMap<>(claims(profile, body));
        long after = Instant.now().getEpochSecond();
        long lifetime = profile.rules().maxTokenLifetime().orElseThrow().toSeconds();
        long exp = (Long) claims.remove("exp");
        assertTrue(exp >= before + lifetime && exp <= after + lifetime, "exp is the profile's lifetime from now");
        return claims;
    }

    @Test
    void theExampleIsAnHs256TokenWithKidConstantsFieldsTtlAndJti() throws Exception {
        Profile example = VendorTesting.example(vendor);
        long before = Instant.now().getEpochSecond();
        MintedToken minted = VendorTesting.mint(example, vendor.example().request());
        long after = Instant.now().getEpochSecond();
        SignedJWT jwt = verified(example, minted);

        assertEquals(SigningAlgorithm.HS256, example.rules().algorithm());
        assertEquals(
                Map.of("kid", "acme-chat-2025", "typ", "JWT", "alg", "HS256"),
                jwt.getHeader().toJSONObject());
        Map<String, Object> claims = jwt.getPayload().toJSONObject();
        long iat = (Long) claims.get("iat");
        assertTrue(iat >= before && iat <= after, "iat is the request's time");
        assertEquals(
                Map.of(
                        "iss",
                        "https://shop.example",
                        "aud",
                        "chat-vendor",
                        "sub",
                        "customer-42",
                        "email",
                        "ana@example.com",
                        "email_verified",
                        true,
                        "name",
                        "Ana Lima",
                        "iat",
                        iat,
                        "exp",
                        iat + 600,
                        "jti",
                        claims.get("jti")),
                claims);
        assertEquals(
                List.of("aud", "email", "email_verified", "iss", "name", "sub", "iat", "exp", "jti"),
                List.copyOf(claims.keySet()),
                "claims in name order, then the sidecar's");
        assertEquals(Optional.of(iat + 600), minted.expiresAt().map(Instant::getEpochSecond), "expires_at is exp");
        assertEquals(Map.of(), minted.widgetFields(), "the widget takes the token itself");
        assertEquals(
                Optional.of("https://shop.example"),
                example.rules().issuer(Optional.of("acme-chat-2025")),
                "/v1/verify holds the tokens to a constant iss");
    }

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void everyAlgorithmTheSidecarSignsIsDeclaredWithTheKeyOfItsFamily(SigningAlgorithm algorithm) throws Exception {
        Profile profile = VendorTesting.profile(
                vendor,
                options("algorithm", algorithm.name(), "header.cty", "acme-id;v=2"),
                Optional.of(Fixtures.keyFile(algorithm)));
        SignedJWT jwt = verified(profile, VendorTesting.mint(profile, "{\"user_id\":\"customer-42\"}"));

        assertEquals(algorithm, profile.rules().algorithm());
        assertEquals(
                Map.of("cty", "acme-id;v=2", "typ", "JWT", "alg", algorithm.name()),
                jwt.getHeader().toJSONObject());
        assertEquals(
                Set.of("sub", "iat", "exp"), jwt.getPayload().toJSONObject().keySet());
        assertEquals("customer-42", jwt.getPayload().toJSONObject().get("sub"));
        assertEquals(
                3600L,
                jwt.getJWTClaimsSet().getExpirationTime().getTime() / 1000
                        - jwt.getJWTClaimsSet().getIssueTime().getTime() / 1000,
                "an hour by default");
    }

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void aKeyOfAnotherFamilyIsRefusedForEveryAlgorithm(SigningAlgorithm algorithm) {
        List<SigningAlgorithm> others = Arrays.stream(SigningAlgorithm.values())
                .filter(a -> a.family() != algorithm.family())
                .toList();
        assumeFalse(others.isEmpty(), "the build signs with one key family only");
        for (SigningAlgorithm other : others) {
            Path wrong = Fixtures.keyFile(other);
            RuntimeException refused = assertThrows(
                    RuntimeException.class,
                    () -> VendorTesting.profile(vendor, options("algorithm", algorithm.name()), Optional.of(wrong)));
            assertTrue(refused.getMessage().startsWith("profile 'jwt': key file " + wrong), refused.getMessage());
        }
    }

    /** A jwt profile signing {@code algorithm} with {@code keyFile}, or the startup line that refuses it. */
    private RuntimeException refusedKey(SigningAlgorithm algorithm, Path keyFile) {
        return assertThrows(
                RuntimeException.class,
                () -> VendorTesting.profile(vendor, options("algorithm", algorithm.name()), Optional.of(keyFile)));
    }

    @Test
    void everyAlgorithmOfTheRfcIsOffered() {
        assertEquals(
                List.of("HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "ES256"),
                Arrays.stream(SigningAlgorithm.values()).map(Enum::name).toList());
    }

    @Test
    void es256SignsWithAP256KeyInSec1Pkcs8OrJwkAsRawRAndS() throws Exception {
        ECKey fixture = ECKey.parse(Files.readString(Fixtures.EC_JWK_KEY_FILE));
        for (Path file : List.of(Fixtures.EC_KEY_FILE, Fixtures.EC_PKCS8_KEY_FILE, Fixtures.EC_JWK_KEY_FILE)) {
            Profile profile = VendorTesting.profile(vendor, options("algorithm", "ES256"), Optional.of(file));
            String token =
                    VendorTesting.mint(profile, "{\"user_id\":\"customer-42\"}").token();
            SignedJWT jwt = Fixtures.verifiedJwt(token, SigningAlgorithm.ES256); // Nimbus, with OpenSSL's public PEM
            assertEquals(64, jwt.getSignature().decode().length, file + ": JOSE's R || S of 32 bytes each, not DER");
            assertTrue(
                    jwt.verify(new ECDSAVerifier(fixture.toPublicJWK())), file + ": the JWK fixture's x, y verify it");
            assertEquals(
                    Optional.of(fixture.computeThumbprint().toString()),
                    KeyIdRule.kidOrThumbprint("").kid(profile.keys().current(), Optional.empty()),
                    file + ": the RFC 7638 thumbprint over crv, kty, x, y");
        }
    }

    @Test
    void es256TakesTheEcParametersBlockOpensslEcparamWritesBeforeTheKey() throws Exception {
        Path withParameters = Files.writeString(
                dir.resolve("ecparam.pem"),
                "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n" + "-----END EC PARAMETERS-----\n"
                        + Files.readString(Fixtures.EC_KEY_FILE)); // the OID of prime256v1
        Profile profile = VendorTesting.profile(vendor, options("algorithm", "ES256"), Optional.of(withParameters));
        Fixtures.verifiedJwt(
                VendorTesting.mint(profile, "{\"user_id\":\"customer-42\"}").token(), SigningAlgorithm.ES256);
    }

    @Test
    void anEcJwkWhoseDIsNotItsXAndYIsRefusedAtStartup() throws Exception {
        ECKey fixture = ECKey.parse(Files.readString(Fixtures.EC_JWK_KEY_FILE));
        ECKey other = new ECKeyGenerator(Curve.P_256).generate();
        Path mismatched = Files.writeString(
                dir.resolve("mismatched.jwk.json"),
                new ECKey.Builder(fixture.toPublicJWK()).d(other.getD()).build().toJSONString());
        assertEquals(
                "profile 'jwt': key file " + mismatched + " holds an EC public key (x, y) that does not belong to its "
                        + "private key (d)",
                refusedKey(SigningAlgorithm.ES256, mismatched).getMessage());
    }

    @Test
    void es256RefusesAKeyOnAnotherCurveNamingTheFile() {
        assertEquals(
                "profile 'jwt': key file " + Fixtures.EC_P384_KEY_FILE + " holds an EC key on curve secp384r1; ES256 "
                        + "signs on P-256 (prime256v1) only",
                refusedKey(SigningAlgorithm.ES256, Fixtures.EC_P384_KEY_FILE).getMessage());
    }

    @Test
    void hs384AndHs512RefuseASecretShorterThanTheirHashWhileHs256TakesTheVendorsShortOnes() throws Exception {
        Path secret47 = Files.writeString(dir.resolve("47.secret"), "s".repeat(47) + "\n");
        Path secret63 = Files.writeString(dir.resolve("63.secret"), "s".repeat(63) + "\n");
        assertEquals(
                "profile 'jwt': key file " + secret47 + " holds a secret of 47 bytes; HS384 needs at least 48 (RFC "
                        + "7518 3.2: as long as the hash output)",
                refusedKey(SigningAlgorithm.HS384, secret47).getMessage());
        assertTrue(
                refusedKey(SigningAlgorithm.HS512, secret63)
                        .getMessage()
                        .endsWith(
                                " holds a secret of 63 bytes; HS512 needs at least 64 (RFC 7518 3.2: as long as the hash output)"));
        VendorTesting.profile(vendor, options("algorithm", "HS384"), Optional.of(secret63));
        VendorTesting.profile(vendor, options("algorithm", "HS256"), Optional.of(Fixtures.HMAC_KEY_FILE)); // 41 bytes
    }

    @Test
    void anAlgorithmTheSidecarDoesNotSignIsRefusedWithTheKnownOnes() {
        String known = Arrays.stream(SigningAlgorithm.values()).map(Enum::name).collect(Collectors.joining(", "));
        for (String name : List.of("hs256", "none", "HS257", "EdDSA")) {
            assertTrue(
                    refusal("algorithm", name)
                            .contains("chat-token.profiles.jwt.algorithm is '" + name + "', which the "
                                    + "sidecar does not sign (known: " + known + ")"),
                    name);
        }
        assertTrue(refusal("algorithm", null).contains("chat-token.profiles.jwt.algorithm is required for jwt"));
    }

    @Test
    void aTemplateThatIsOnePlaceholderKeepsTheFieldsJsonTypeAndOtherTemplatesAreText() throws Exception {
        Profile profile = profile(
                "claims.verified",
                "{email_verified}",
                "claims.phone_ok",
                "{phone_number_verified}",
                "claims.contact",
                "{user_id} <{email}>",
                "claims.flag",
                "true",
                "claims.v",
                "1",
                "issued-at",
                "false");
        Map<String, Object> claims = claimsBesideExp(
                profile,
                "{\"user_id\":\"customer-42\",\"email\":\"ana@example.com\",\"email_verified\":true,\"phone_number_verified\":false}");

        assertEquals(
                Map.of(
                        "sub",
                        "customer-42",
                        "verified",
                        true,
                        "phone_ok",
                        false,
                        "contact",
                        "customer-42 <ana@example.com>",
                        "flag",
                        "true",
                        "v",
                        "1"),
                claims);
        assertEquals(Boolean.TRUE, claims.get("verified"), "a JSON boolean, not \"true\"");
        assertEquals("true", claims.get("flag"), "a constant is text");
    }

    @Test
    void eachTextFieldIsWrittenAsSentAndChecked() throws Exception {
        Profile profile = profile(
                "claims.email",
                "{email}",
                "claims.name",
                "{name}",
                "claims.phone",
                "{phone_number}",
                "claims.picture",
                "{picture}",
                "claims.chat",
                "{chat_id}",
                "issued-at",
                "false");
        String body = "{\"user_id\":\"Ana L\",\"email\":\"Ana@Example.com\",\"name\":\"Ana Lima\",\"phone_number\":"
                + "\"+351 900\",\"picture\":\"https://x.io/a.png\",\"chat_id\":\"c-1\"}";
        assertEquals(
                Map.of(
                        "sub",
                        "Ana L",
                        "email",
                        "Ana@Example.com",
                        "name",
                        "Ana Lima",
                        "phone",
                        "+351 900",
                        "picture",
                        "https://x.io/a.png",
                        "chat",
                        "c-1"),
                claimsBesideExp(profile, body),
                "nothing changed or lower-cased");
        assertRefused(profile, "{\"user_id\":\" Ana \"}", Reason.INVALID_FIELD, "user_id"); // refused, not trimmed

        assertRefused(profile, "{\"user_id\":\"4\\u200b2\"}", Reason.INVALID_FIELD, "user_id");
        assertRefused(profile, "{\"user_id\":\"42\",\"email\":\"ab.c\"}", Reason.INVALID_FIELD, "email");
        assertRefused(
                profile, "{\"user_id\":\"42\",\"picture\":\"http://x.io/a.png\"}", Reason.INVALID_FIELD, "picture");
    }

    @Test
    void aClaimWhoseFieldTheRequestLacksIsLeftOutWhole() throws Exception {
        Profile profile = profile(
                "claims.email",
                "{email}",
                "claims.verified",
                "{email_verified}",
                "claims.contact",
                "{name} <{email}>",
                "claims.aud",
                "chat-vendor",
                "issued-at",
                "false");

        assertEquals(
                Map.of("sub", "customer-42", "aud", "chat-vendor"),
                claimsBesideExp(profile, "{\"user_id\":\"customer-42\"}"));
        assertEquals(
                Map.of("sub", "customer-42", "aud", "chat-vendor", "email", "ana@example.com"),
                claimsBesideExp(profile, "{\"user_id\":\"customer-42\",\"email\":\"ana@example.com\"}"),
                "contact lacks name");
        assertEquals(
                Map.of("aud", "chat-vendor", "email", "ana@example.com"),
                claimsBesideExp(profile, "{\"email\":\"ana@example.com\"}"),
                "without required-fields, user_id is optional too");
    }

    @Test
    void aRequestThatFillsNoClaimsFieldIsRefusedNotSignedForEveryone() {
        Profile profile = profile("claims.aud", "chat-vendor", "claims.email", "{email}");
        InvalidRequestException refused =
                assertThrows(InvalidRequestException.class, () -> VendorTesting.mint(profile, "{}"));
        assertEquals(Reason.MISSING_FIELD, refused.reason());
        assertEquals("user_id", refused.field());
        assertEquals(
                "the request has none of the fields that identify the user in the profile's claims (user_id, "
                        + "email): the token would name no user",
                refused.getMessage());
    }

    @Test
    void onlyAUserIdAnEmailOrAPhoneNumberNamesTheUser() throws Exception {
        // a name or a verified flag is shared by many users: a token holding only those fits every one of them
        Profile profile =
                profile("claims.name", "{name}", "claims.verified", "{email_verified}", "claims.tel", "{phone_number}");
        for (String body : List.of(
                "{\"name\":\"Alice\"}", "{\"email_verified\":true}", "{\"name\":\"Alice\",\"email_verified\":true}")) {
            InvalidRequestException refused =
                    assertThrows(InvalidRequestException.class, () -> VendorTesting.mint(profile, body));
            assertEquals(Reason.MISSING_FIELD, refused.reason(), body);
            assertEquals("user_id", refused.field(), body);
        }
        assertEquals(
                "+351 900",
                claimsBesideExp(profile, "{\"phone_number\":\"+351 900\"}").get("tel"));

        assertTrue(
                VendorTesting.refusal(
                                vendor,
                                Map.of("algorithm", "HS256", "claims.name", "{name}", "claims.ok", "{email_verified}"))
                        .contains("chat-token.profiles.jwt.claims.* name no field that identifies the user "
                                + "(user_id, email, phone_number)"),
                "refused at startup when no claim could name the user");
    }

    @Test
    void requiredFieldsAreMissingFieldWhenAbsentOrBlank() throws Exception {
        Profile profile = profile("claims.email", "{email}", "required-fields", "email, user_id");

        assertEquals(
                Set.of("sub", "email", "iat"),
                claimsBesideExp(profile, "{\"user_id\":\"1\",\"email\":\"a@b.c\"}")
                        .keySet());
        assertRefused(profile, "{\"email\":\"a@b.c\"}", Reason.MISSING_FIELD, "user_id");
        assertRefused(profile, "{\"user_id\":\"1\"}", Reason.MISSING_FIELD, "email");
        assertRefused(profile, "{\"user_id\":\"1\",\"email\":null}", Reason.MISSING_FIELD, "email");
        assertRefused(profile, "{\"user_id\":\" \",\"email\":\"a@b.c\"}", Reason.MISSING_FIELD, "user_id");
        InvalidRequestException missing =
                assertThrows(InvalidRequestException.class, () -> VendorTesting.mint(profile, "{\"user_id\":\"1\"}"));
        assertEquals("email is required (the profile's required-fields)", missing.getMessage());
    }

    @Test
    void theAcceptedFieldsAreExactlyThoseTheClaimsNameAndOthersAreRefused() throws Exception {
        Profile profile = profile("claims.verified", "{email_verified}", "claims.who", "{name} ({email})");
        assertEquals(
                Set.of(IdentityField.USER_ID, IdentityField.EMAIL_VERIFIED, IdentityField.NAME, IdentityField.EMAIL),
                profile.rules().acceptedFields());

        assertRefused(
                profile, "{\"user_id\":\"1\",\"phone_number\":\"+351900\"}", Reason.UNSUPPORTED_FIELD, "phone_number");
        assertRefused(profile, "{\"user_id\":\"1\",\"claims\":{\"a\":1}}", Reason.UNSUPPORTED_FIELD, "claims");
    }

    @Test
    void aTtlAddsExpWithinMaxTtlAtMostADay() throws Exception {
        Profile profile = profile("ttl", "10m");
        Instant now = Instant.ofEpochSecond(1_800_000_000L);
        TokenContent.Jwt content = (TokenContent.Jwt)
                profile.rules().build(VendorTesting.identity("{\"user_id\":\"1\"}"), Optional.empty(), now);
        assertEquals(Map.of("sub", "1", "iat", 1_800_000_000L, "exp", 1_800_000_600L), content.claims());
        assertEquals(Optional.of(now.plusSeconds(600)), content.expiresAt());
        assertEquals(
                Optional.of(Duration.ofMinutes(10)), profile.rules().maxTokenLifetime(), "keys retained for the ttl");

        Profile untimed = profile();
        assertEquals(
                Map.of("sub", "1", "iat", 1_800_000_000L, "exp", 1_800_003_600L),
                ((TokenContent.Jwt) untimed.rules()
                                .build(VendorTesting.identity("{\"user_id\":\"1\"}"), Optional.empty(), now))
                        .claims(),
                "no ttl: an hour, since a token handed to a browser should expire");
        assertEquals(Optional.of(Duration.ofHours(1)), untimed.rules().maxTokenLifetime());
        assertEquals(
                Optional.of(Duration.ofMinutes(20)),
                profile("max-ttl", "20m").rules().maxTokenLifetime(),
                "no ttl and a max-ttl under an hour: the max-ttl");
        assertEquals(
                Optional.of(Duration.ofHours(1)),
                profile("max-ttl", "2h").rules().maxTokenLifetime());

        assertEquals(
                Optional.of(Duration.ofHours(24)), profile("ttl", "24h").rules().maxTokenLifetime());
        assertEquals(
                Optional.of(Duration.ofMinutes(5)),
                profile("ttl", "5m", "max-ttl", "5m").rules().maxTokenLifetime());
        assertTrue(refusal("ttl", "25h").contains("chat-token.profiles.jwt.ttl is 90000s; jwt accepts at most 86400s"));
        assertTrue(refusal("ttl", "2h", "max-ttl", "1h")
                .contains("chat-token.profiles.jwt.ttl is 7200s, longer than " + "max-ttl (3600s)"));
        assertTrue(refusal("ttl", "1h", "max-ttl", "25h")
                .contains("chat-token.profiles.jwt.max-ttl must be a whole number "
                        + "of seconds from 1s to 86400s (got PT25H)"));
        assertTrue(refusal("ttl", "1s", "max-ttl", "500ms").contains("max-ttl must be a whole number of seconds"));
        assertTrue(
                refusal("ttl", "1h", "max-ttl", "soon").contains("chat-token.profiles.jwt.max-ttl is not a duration"));
    }

    @Test
    void issuedAtIsOnByDefaultAndCanBeTurnedOff() throws Exception {
        Instant now = Instant.ofEpochSecond(1_800_000_000L);
        UserIdentity identity = VendorTesting.identity("{\"user_id\":\"1\"}");
        assertEquals(
                Map.of("sub", "1", "iat", 1_800_000_000L, "exp", 1_800_003_600L),
                ((TokenContent.Jwt) profile().rules().build(identity, Optional.empty(), now)).claims());
        assertEquals(
                Map.of("sub", "1", "exp", 1_800_000_060L),
                ((TokenContent.Jwt) profile("issued-at", "false", "ttl", "1m")
                                .rules()
                                .build(identity, Optional.empty(), now))
                        .claims());
        assertTrue(refusal("issued-at", "yes")
                .contains("chat-token.profiles.jwt.issued-at must be true or false, not yes"));
    }

    @Test
    void jwtIdIsOffByDefaultAndOtherwiseA128BitRandomBase64UrlId() throws Exception {
        assertEquals(
                Set.of("sub", "iat"),
                claimsBesideExp(profile(), "{\"user_id\":\"1\"}").keySet());

        Profile profile = profile("jwt-id", "true");
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String jti = (String) claims(profile, "{\"user_id\":\"1\"}").get("jti");
            assertTrue(jti.matches("[A-Za-z0-9_-]{22}"), jti); // 128 bits in unpadded base64url
            assertEquals(16, Base64.getUrlDecoder().decode(jti).length);
            ids.add(jti);
        }
        assertEquals(200, ids.size(), "every token has its own jti");
        assertTrue(refusal("jwt-id", "1").contains("chat-token.profiles.jwt.jwt-id must be true or false, not 1"));
    }

    @Test
    void theKeyIdIsTheHeaderKidFromKeyIdOrKeyIdFile() throws Exception {
        Profile configured = profile("key-id", "acme-2025-01");
        assertEquals(
                "acme-2025-01",
                verified(configured, VendorTesting.mint(configured, "{\"user_id\":\"1\"}"))
                        .getHeader()
                        .getKeyID());

        Path idFile = Files.writeString(dir.resolve("key-id"), "acme-rotated\n");
        Profile rotated = ProfileLoader.loadOne(
                new ProfileSettings(
                        "jwt", "jwt", Fixtures.keyFile(SigningAlgorithm.HS256), Optional.of(idFile), options()),
                new Vendors(List.of(vendor)),
                Duration.ofSeconds(30),
                Clock.systemUTC(),
                Signers.jdk());
        assertEquals(
                "acme-rotated",
                verified(rotated, VendorTesting.mint(rotated, "{\"user_id\":\"1\"}"))
                        .getHeader()
                        .getKeyID());
    }

    @Test
    void headerMembersAreConstantsInNameOrderBeforeTheSidecarsOwn() throws Exception {
        Profile profile = profile("header.cty", "acme-id;v=2", "header.x-tenant", "shop-1", "key-id", "k1");
        MintedToken minted = VendorTesting.mint(profile, "{\"user_id\":\"1\"}");
        String header = new String(
                Base64.getUrlDecoder()
                        .decode(minted.token().substring(0, minted.token().indexOf('.'))),
                java.nio.charset.StandardCharsets.UTF_8);

        assertEquals(
                "{\"cty\":\"acme-id;v=2\",\"x-tenant\":\"shop-1\",\"kid\":\"k1\",\"typ\":\"JWT\",\"alg\":\"HS256\"}",
                header);
        verified(profile, minted);
    }

    @Test
    void theIssuerVerifyExpectsIsAConstantIssOnly() {
        assertEquals(Optional.of("acme"), profile("claims.iss", "acme").rules().issuer(Optional.empty()));
        assertEquals(
                Optional.empty(),
                profile("claims.iss", "acme-{chat_id}").rules().issuer(Optional.empty()));
        assertEquals(Optional.empty(), profile().rules().issuer(Optional.empty()));
    }

    @Test
    void everyStartupProblemIsRefusedOnOneLine() {
        String refusal = refusal(
                "algorithm",
                "HS999",
                "header.alg",
                "none",
                "header.typ",
                "at+jwt",
                "header.kid",
                "k",
                "header.crit",
                "exp",
                "header.b64",
                "false",
                "header.cty",
                "${HOME}",
                "header.x",
                "{user_id}",
                "header.y",
                "",
                "claims.iat",
                "1",
                "claims.exp",
                "1",
                "claims.jti",
                "1",
                "claims.nbf",
                "1",
                "claims.a",
                "{user}",
                "claims.b",
                "${user_id}",
                "claims.c",
                "{user_id",
                "claims.d",
                "user_id}",
                "claims.e",
                "ok {email_verified}",
                "claims.f",
                "{claims}",
                "claims.g",
                "",
                "required-fields",
                "uid");

        assertTrue(refusal.startsWith("profile 'jwt': "), refusal);
        List<String> expected = List.of(
                "chat-token.profiles.jwt.algorithm is 'HS999', which the sidecar does not sign",
                "chat-token.profiles.jwt.header.alg may not be set: the sidecar sets it from algorithm",
                "chat-token.profiles.jwt.header.typ may not be set: the sidecar sets it (JWT)",
                "chat-token.profiles.jwt.header.kid may not be set: the sidecar sets it from key-id or key-id-file",
                "chat-token.profiles.jwt.header.crit may not be set: it names extensions a verifier must understand",
                "chat-token.profiles.jwt.header.b64 may not be set: it changes what the signature covers",
                "chat-token.profiles.jwt.header.cty holds ${...}, Quarkus' own configuration expression",
                "chat-token.profiles.jwt.header.x holds a brace: a header value is constant text",
                "chat-token.profiles.jwt.header.y is empty",
                "chat-token.profiles.jwt.claims.iat may not be set: the sidecar sets it (issued-at)",
                "chat-token.profiles.jwt.claims.exp may not be set: the sidecar sets it (ttl)",
                "chat-token.profiles.jwt.claims.jti may not be set: the sidecar sets it (jwt-id)",
                "chat-token.profiles.jwt.claims.nbf may not be set: it is a time in seconds, which no template writes",
                "chat-token.profiles.jwt.claims.a names {user}, which is not a request field a claim can hold (user_id, email, "
                        + "name, phone_number, email_verified, phone_number_verified, picture, chat_id)",
                "chat-token.profiles.jwt.claims.b holds ${...}, Quarkus' own configuration expression: write the "
                        + "placeholder as {field}, e.g. {user_id}",
                "chat-token.profiles.jwt.claims.c has a '{' without its '}' at position 0",
                "chat-token.profiles.jwt.claims.d has a '}' without its '{' at position 7",
                "chat-token.profiles.jwt.claims.e holds {email_verified} among other text: a true/false field is only a "
                        + "whole template, chat-token.profiles.jwt.claims.e={email_verified}",
                "chat-token.profiles.jwt.claims.f names {claims}, which is not a request field a claim can hold",
                "chat-token.profiles.jwt.claims.g is empty",
                "chat-token.profiles.jwt.required-fields names 'uid', which is not a request field");
        expected.forEach(phrase -> assertTrue(refusal.contains(phrase), phrase + "\nin: " + refusal));
        assertEquals(expected.size() - 1, refusal.chars().filter(c -> c == ';').count(), "one phrase each: " + refusal);
        assertEquals(1, refusal.lines().count());
    }

    @Test
    void claimsMustNameARequestFieldAndRequiredFieldsOneTheClaimsHold() {
        assertTrue(VendorTesting.refusal(vendor, Map.of("algorithm", "HS256"))
                .contains("chat-token.profiles.jwt.claims is " + "required for jwt"));
        assertTrue(refusal("claims.sub", "acme", "claims.aud", "chat")
                .contains("chat-token.profiles.jwt.claims.* name no "
                        + "field that identifies the user (user_id, email, phone_number): every user they describe would get the "
                        + "same token"));
        assertTrue(refusal("required-fields", "user_id,email")
                .contains("chat-token.profiles.jwt.required-fields names " + "email, which no claim holds"));
        assertTrue(
                refusal("claims.who", "{nick}", "required-fields", "email").contains("names {nick}"), "a broken claim");
        assertTrue(
                !refusal("claims.who", "{nick}", "required-fields", "email").contains("which no claim holds"),
                "a broken claim's fields are unknown: no guess about them");
    }

    private static void assertRefused(Profile profile, String body, Reason reason, String field) {
        InvalidRequestException refused =
                assertThrows(InvalidRequestException.class, () -> VendorTesting.mint(profile, body), body);
        assertEquals(reason, refused.reason(), body);
        assertEquals(field, refused.field(), body);
    }
}
