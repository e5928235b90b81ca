package dev.chattoken.sidecar.vendors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import dev.chattoken.sidecar.config.ProfileSettings;
import dev.chattoken.sidecar.crypto.Signers;
import dev.chattoken.sidecar.keys.KeyFiles;
import dev.chattoken.sidecar.keys.KeyRing;
import dev.chattoken.sidecar.keys.PublicJwk;
import dev.chattoken.sidecar.keys.RsaKeyPair;
import dev.chattoken.sidecar.keys.SigningAlgorithm;
import dev.chattoken.sidecar.profile.Profile;
import dev.chattoken.sidecar.profile.ProfileLoader;
import dev.chattoken.sidecar.support.Fixtures;
import dev.chattoken.sidecar.support.JwkCertificates;
import dev.chattoken.sidecar.support.TestKeys;
import dev.chattoken.sidecar.support.Tokens;
import dev.chattoken.sidecar.support.VendorTesting;
import dev.chattoken.sidecar.token.MintedToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Salesforce Enhanced Chat user verification, as developer.salesforce.com/docs/service/messaging-web/guide/
 * user-verification.html ("JWTs must be signed using the RS256 or RS512 algorithms"), the keyset setup and
 * troubleshooting pages (the JWT's iss "matches" the keyset's issuer; each uploaded JWK carries kty, kid, alg and an
 * x5c certificate "valid for at least 10 days") and Salesforce's key-command-line-utility (JwtUtil: header alg and kid,
 * claims sub, iss, exp, iat; no aud) define it. Tokens are verified with Nimbus against the fixture public key.
 */
class SalesforceVendorTest {

    static final String ISSUER = "https://shop.example";
    private static final String REQUEST = "{\"user_id\":\"customer-42\"}";

    private final Vendor vendor = new SalesforceVendor();
    private final Map<String, String> options = Map.of("issuer", ISSUER);

    @TempDir
    Path dir;

    private static String thumbprint() throws Exception {
        return new RSAKey.Builder(Tokens.publicKey(Fixtures.RSA_PUBLIC_PEM))
                .build()
                .computeThumbprint()
                .toString();
    }

    @ParameterizedTest
    @EnumSource(
            value = SigningAlgorithm.class,
            names = {"RS256", "RS512"})
    void theTokenIsSignedWithTheChosenAlgorithmAndCarriesExactlyIssSubIatExp(SigningAlgorithm algorithm)
            throws Exception {
        Profile profile = VendorTesting.profile(vendor, VendorTesting.with(options, "algorithm", algorithm.name()));
        long before = Instant.now().getEpochSecond();
        MintedToken minted = VendorTesting.mint(profile, REQUEST);
        long after = Instant.now().getEpochSecond();

        SignedJWT jwt = SignedJWT.parse(minted.token());
        assertTrue(
                jwt.verify(new RSASSAVerifier(Tokens.publicKey(Fixtures.RSA_PUBLIC_PEM))),
                "verifies with the public key");
        assertEquals(
                Map.of("alg", algorithm.name(), "typ", "JWT", "kid", thumbprint()),
                jwt.getHeader().toJSONObject());
        Map<String, Object> claims = jwt.getPayload().toJSONObject();
        long iat = (Long) claims.get("iat");
        assertTrue(iat >= before && iat <= after, "iat is the time of the request");
        assertEquals(
                Map.of("iss", ISSUER, "sub", "customer-42", "iat", iat, "exp", iat + 300),
                claims,
                "no aud, nothing else");
        assertEquals(Optional.of(Instant.ofEpochSecond(iat + 300)), minted.expiresAt());
        assertEquals(Map.of(), minted.widgetFields(), "setIdentityToken takes the token alone");
    }

    @Test
    void rs256IsTheDefaultAndNoOtherAlgorithmIsTaken() {
        assertEquals(
                SigningAlgorithm.RS256,
                VendorTesting.profile(vendor, options).rules().algorithm());
        for (String bad : List.of("HS256", "PS256", "rs512", "RS384", "none")) {
            String refusal = VendorTesting.refusal(vendor, VendorTesting.with(options, "algorithm", bad));
            assertTrue(
                    refusal.contains("chat-token.profiles.salesforce.algorithm is '" + bad
                            + "'; Salesforce takes RS256 or RS512"),
                    refusal);
        }
    }

    @Test
    void theIssuerIsRequiredAndIsWhatVerifyExpects() {
        String refusal = VendorTesting.refusal(vendor, Map.of());
        assertTrue(
                refusal.contains("chat-token.profiles.salesforce.issuer is required for salesforce (the issuer of the "
                        + "Salesforce keyset, sent as iss)"),
                refusal);
        assertEquals(
                Optional.of(ISSUER),
                VendorTesting.profile(vendor, options).rules().issuer(Optional.empty()));
    }

    @Test
    void theTtlIsFiveMinutesByDefaultAndAtMostADay() throws Exception {
        Map<String, Object> hour = claims(
                VendorTesting.mint(VendorTesting.profile(vendor, VendorTesting.with(options, "ttl", "1h")), REQUEST),
                SigningAlgorithm.RS256);
        assertEquals(3600L, (Long) hour.get("exp") - (Long) hour.get("iat"));
        String refusal = VendorTesting.refusal(vendor, VendorTesting.with(options, "ttl", "86401s"));
        assertTrue(
                refusal.contains("chat-token.profiles.salesforce.ttl is 86401s; salesforce accepts at most 86400s"),
                refusal);
        assertEquals(
                Optional.of(Duration.ofMinutes(5)),
                VendorTesting.profile(vendor, options).rules().maxTokenLifetime());
    }

    @Test
    void theKidIsTheConfiguredKeyIdOrTheIdFromKeyIdFile() throws Exception {
        MintedToken configured = VendorTesting.mint(
                VendorTesting.profile(vendor, VendorTesting.with(options, "key-id", "sf-key-1")), REQUEST);
        assertEquals("sf-key-1", SignedJWT.parse(configured.token()).getHeader().getKeyID());

        Path idFile = Files.writeString(dir.resolve("kid"), "sf-key-2\n");
        Profile fromFile = ProfileLoader.loadOne(
                new ProfileSettings("salesforce", "salesforce", Fixtures.RSA_KEY_FILE, Optional.of(idFile), options),
                new Vendors(List.of(vendor)),
                Duration.ofSeconds(30),
                Clock.systemUTC(),
                Signers.jdk());
        assertEquals(
                "sf-key-2",
                SignedJWT.parse(VendorTesting.mint(fromFile, REQUEST).token())
                        .getHeader()
                        .getKeyID());
    }

    @Test
    void theUserIdIsRequiredAndNoOtherFieldIsTaken() throws Exception {
        Profile profile = VendorTesting.profile(vendor, options);
        InvalidRequestException missing =
                assertThrows(InvalidRequestException.class, () -> VendorTesting.mint(profile, "{}"));
        assertEquals(InvalidRequestException.Reason.MISSING_FIELD, missing.reason());
        assertEquals("user_id", missing.field());
        for (String field : List.of("email", "name", "chat_id")) {
            InvalidRequestException other = assertThrows(
                    InvalidRequestException.class,
                    () -> VendorTesting.mint(profile, "{\"user_id\":\"42\",\"" + field + "\":\"x@example.com\"}"));
            assertEquals(InvalidRequestException.Reason.UNSUPPORTED_FIELD, other.reason());
            assertEquals(field, other.field());
        }
    }

    @Test
    void theJwksCarriesACertificateOfTheKeyAndARotatedKeyGetsItsOwn() throws Exception {
        Profile profile = VendorTesting.profile(vendor, options);
        assertTrue(profile.rules().publishesCertificate());
        RsaKeyPair current = (RsaKeyPair) profile.keys().current();
        X509Certificate first = jwkCertificate(profile, current, "salesforce");

        KeyPair next = TestKeys.rsa2048();
        Path rotated = Files.write(dir.resolve("next.pem"), TestKeys.pkcs8Pem(next));
        assertEquals(
                KeyRing.Outcome.ROTATED,
                profile.keys()
                        .offer(
                                new byte[] {1},
                                KeyFiles.snapshot(rotated, SigningAlgorithm.RS256)
                                        .parsed()));
        RsaKeyPair replacement = (RsaKeyPair) profile.keys().current();
        X509Certificate second = jwkCertificate(profile, replacement, "salesforce");
        assertEquals(next.getPublic(), second.getPublicKey());
        assertNotEquals(first.getSerialNumber(), second.getSerialNumber());
        assertEquals(first, jwkCertificate(profile, current, "salesforce"), "the replaced key keeps its certificate");
    }

    /** The key's JWK as the JWKS publishes it, its x5c checked. */
    private static X509Certificate jwkCertificate(Profile profile, RsaKeyPair key, String name) throws Exception {
        List<RsaKeyPair> listed = profile.keys().state().keysValidAt(Instant.now()).stream()
                .map(RsaKeyPair.class::cast)
                .toList();
        X509Certificate certificate =
                profile.certificates().orElseThrow().forKeys(listed).get(key.thumbprint());
        return JwkCertificates.assertCertifiesItsKey(
                PublicJwk.of(key, key.thumbprint(), profile.rules().algorithm(), Optional.of(certificate)), name);
    }

    private static Map<String, Object> claims(MintedToken minted, SigningAlgorithm algorithm) throws Exception {
        return Fixtures.verifiedJwt(minted.token(), algorithm).getPayload().toJSONObject();
    }
}
