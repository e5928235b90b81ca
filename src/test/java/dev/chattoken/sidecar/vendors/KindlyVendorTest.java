package dev.chattoken.sidecar.vendors;

import static dev.chattoken.sidecar.support.Tokens.header;
import static dev.chattoken.sidecar.support.Tokens.payload;
import static dev.chattoken.sidecar.support.Tokens.payloadJson;
import static dev.chattoken.sidecar.support.Tokens.publicKey;
import static dev.chattoken.sidecar.support.Tokens.verifiedRs256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import dev.chattoken.sidecar.profile.Profile;
import dev.chattoken.sidecar.support.Tokens;
import dev.chattoken.sidecar.support.VendorTesting;
import dev.chattoken.sidecar.token.MintedToken;
import dev.chattoken.sidecar.vendors.InvalidRequestException.Reason;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kindly: RS256; {@code iat}, {@code exp} integers at most 15 minutes apart, {@code iss}, {@code sub}, {@code chat:
 * {id, webhook_domains: [..]}}, the optional profile claims only when given, extra claims that do not replace those.
 */
class KindlyVendorTest {

    private static final String MINIMAL = "{\"user_id\":\"123abc\",\"chat_id\":\"chat-1\"}";

    private final Vendor vendor = new KindlyVendor();
    /** The example: issuer https://shop.example, webhook domains example.com and *.example.org, the PKCS#8 fixture. */
    private final Profile kindly = VendorTesting.example(vendor);
    /** A PKCS#1 key as older OpenSSL writes it, another issuer, the longest ttl, no webhook domains. */
    private final Profile pkcs1 = VendorTesting.profile(
            vendor,
            Map.of("issuer", "https://second-bot.example", "ttl", "15m"),
            Optional.of(Tokens.KEYS.resolve("kindly-pkcs1.pem")));
    /** A JWK key file with its own key id. */
    private final Profile jwk = VendorTesting.profile(
            vendor,
            Map.of("issuer", "https://third-bot.example", "ttl", "60s", "key-id", "kindly-jwk-1"),
            Optional.of(Tokens.KEYS.resolve("kindly.jwk.json")));

    @Test
    void requiredClaimsWithTheDefaultFiveMinuteLifetime() throws Exception {
        long before = Instant.now().getEpochSecond();
        MintedToken minted = VendorTesting.mint(kindly, MINIMAL);
        long after = Instant.now().getEpochSecond();
        assertEquals("kindly", minted.vendor());
        SignedJWT jwt = verifiedRs256(minted.token(), "kindly-pkcs8.pub.pem");

        Map<String, Object> claims = payload(jwt);
        assertEquals(Set.of("iat", "exp", "iss", "sub", "chat"), claims.keySet());
        long iat = assertInstanceOf(Long.class, claims.get("iat"));
        long exp = assertInstanceOf(Long.class, claims.get("exp"));
        assertTrue(iat >= before && iat <= after);
        assertEquals(300, exp - iat, "Kindly's default ttl is 5 minutes");
        assertEquals(Optional.of(exp), minted.expiresAt().map(Instant::getEpochSecond));
        assertTrue(payloadJson(jwt).matches(".*\"iat\":\\d+,\"exp\":\\d+,.*"), "iat and exp are JSON integers");
        assertEquals("https://shop.example", claims.get("iss"));
        assertEquals("123abc", claims.get("sub"));
        assertEquals(
                Map.of("id", "chat-1", "webhook_domains", List.of("example.com", "*.example.org")),
                claims.get("chat"),
                "chat is an object with an array, the profile's default domains");
    }

    @Test
    void theHeaderIsRs256JwtWithTheKeyThumbprintAsKid() throws Exception {
        SignedJWT jwt = verifiedRs256(VendorTesting.mint(kindly, MINIMAL).token(), "kindly-pkcs8.pub.pem");
        String thumbprint = new RSAKey.Builder(publicKey("kindly-pkcs8.pub.pem"))
                .build()
                .computeThumbprint()
                .toString();
        assertEquals(Map.of("alg", "RS256", "typ", "JWT", "kid", thumbprint), header(jwt));
    }

    @Test
    void aPkcs1KeyFromOlderOpensslSignsAndItsProfileTtlApplies() throws Exception {
        SignedJWT jwt = verifiedRs256(VendorTesting.mint(pkcs1, MINIMAL).token(), "kindly-pkcs1.pub.pem");
        Map<String, Object> claims = payload(jwt);
        assertEquals(900L, (Long) claims.get("exp") - (Long) claims.get("iat"), "15 minutes, Kindly's maximum");
        assertEquals("https://second-bot.example", claims.get("iss"));
        assertEquals(Map.of("id", "chat-1"), claims.get("chat"), "no domains configured: none forwarded");
    }

    @Test
    void aJwkKeySignsWithItsConfiguredKid() throws Exception {
        SignedJWT jwt = verifiedRs256(VendorTesting.mint(jwk, MINIMAL).token(), "kindly-jwk.pub.pem");
        assertEquals("kindly-jwk-1", jwt.getHeader().getKeyID());
        assertEquals(60L, (Long) payload(jwt).get("exp") - (Long) payload(jwt).get("iat"));
        assertFalse(
                jwt.verify(new RSASSAVerifier(publicKey("kindly-pkcs8.pub.pem"))),
                "each profile signs with its own key");
    }

    @Test
    void optionalProfileClaimsAppearOnlyWhenGivenWithTheirJsonTypes() throws Exception {
        String body = """
                {"user_id":"u-1","chat_id":"c-1","name":"John Doe","email":"john.doe@example.com",
                 "email_verified":true,"phone_number":"+4712345678","phone_number_verified":false,
                 "picture":"https://example.com/avatar.jpg"}""";
        Map<String, Object> claims = claims(kindly, body);
        assertEquals("John Doe", claims.get("name"));
        assertEquals("john.doe@example.com", claims.get("email"));
        assertEquals(Boolean.TRUE, claims.get("email_verified"));
        assertEquals("+4712345678", claims.get("phone_number"));
        assertEquals(Boolean.FALSE, claims.get("phone_number_verified"));
        assertEquals("https://example.com/avatar.jpg", claims.get("picture"));
    }

    @Test
    void aRequestMayNarrowTheProfilesWebhookDomainsButNeverWidenThem() throws Exception {
        Map<String, Object> claims = claims(
                kindly,
                "{\"user_id\":\"u\",\"chat_id\":\"c\",\"webhook_domains\":[\"hooks.example.org\",\"EXAMPLE.COM\"]}");
        assertEquals(
                Map.of("id", "c", "webhook_domains", List.of("hooks.example.org", "example.com")),
                claims.get("chat"),
                "within *.example.org and example.com, in lower case");
        assertEquals(
                Map.of("id", "c"),
                claims(kindly, "{\"user_id\":\"u\",\"chat_id\":\"c\",\"webhook_domains\":[]}")
                        .get("chat"),
                "narrowed to none: forwarded to no webhook");
        for (String wider : new String[] {"hooks.example.net", "example.org", "*.example.net", "evil.example.com"}) {
            InvalidRequestException refused = refused(
                    kindly,
                    "{\"user_id\":\"u\",\"chat_id\":\"c\",\"webhook_domains\":" + "[\"a.example.org\",\"" + wider
                            + "\"]}");
            assertEquals("webhook_domains[1]", refused.field());
            assertTrue(refused.getMessage().contains("not within the profile's webhook domains"), refused.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"*.com", "localhost", "10.0.0.1", "hooks.internal"})
    void aProfileWithoutDomainsStillRefusesNonPublicOnesAndSingleLabelWildcards(String domain) {
        assertEquals(
                "webhook_domains[1]",
                refused(
                                pkcs1,
                                "{\"user_id\":\"u\",\"chat_id\":\"c\",\"webhook_domains\":" + "[\"shop.example.net\",\""
                                        + domain + "\"]}")
                        .field());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"https://example.com/x", "example.com/path", "http://a.b", "exa mple.com", "a..b", "*", "*.*.x"})
    void webhookDomainsMustBeDomainNamesOrWildcardPatterns(String domain) {
        assertEquals(
                "webhook_domains[1]",
                refused(
                                kindly,
                                "{\"user_id\":\"u\",\"chat_id\":\"c\",\"webhook_domains\":" + "[\"a.example.org\",\""
                                        + domain + "\"]}")
                        .field());
    }

    @Test
    void extraClaimsPassThroughWithTheirJsonTypes() throws Exception {
        String body = """
                {"user_id":"u","chat_id":"c","claims":{"tier":"gold","orders":12,"ratio":0.5,"vip":true,
                 "tags":["a","b"],"address":{"city":"Oslo","zip":"0150"}}}""";
        Map<String, Object> claims = claims(kindly, body);
        assertEquals("gold", claims.get("tier"));
        assertEquals(12L, claims.get("orders"));
        assertEquals(0.5, claims.get("ratio"));
        assertEquals(Boolean.TRUE, claims.get("vip"));
        assertEquals(List.of("a", "b"), claims.get("tags"));
        assertEquals(Map.of("city", "Oslo", "zip", "0150"), claims.get("address"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "iat",
                "exp",
                "nbf",
                "iss",
                "sub",
                "jti",
                "chat",
                "email",
                "email_verified",
                "picture",
                "aud",
                "azp"
            })
    void extraClaimsMayNotReplaceAReservedClaim(String reserved) {
        // answered as problem+json reserved-claim: ProblemAnswersTest
        InvalidRequestException refused =
                refused(kindly, "{\"user_id\":\"u\",\"chat_id\":\"c\",\"claims\":{\"" + reserved + "\":\"x\"}}");
        assertEquals(Reason.RESERVED_CLAIM, refused.reason());
        assertEquals("claims." + reserved, refused.field());
    }

    @Test
    void userIdAndChatIdAreRequired() {
        assertEquals("user_id", refused(kindly, "{\"chat_id\":\"c\"}").field());
        assertEquals("chat_id", refused(kindly, "{\"user_id\":\"u\"}").field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://example.com/a.jpg", "/avatar.jpg", "avatar.jpg", "https://", "ftp://x/y"})
    void pictureMustBeAnAbsoluteHttpsUrl(String picture) {
        assertEquals(
                "picture",
                refused(kindly, "{\"user_id\":\"u\",\"chat_id\":\"c\",\"picture\":\"" + picture + "\"}")
                        .field());
    }

    @Test
    void verifiedFlagsMustBeJsonBooleans() {
        // the request is read by the API's own JSON rules, which answer wrong-type (ProblemAnswersTest)
        MismatchedInputException text = assertThrows(
                MismatchedInputException.class,
                () -> VendorTesting.identity("{\"user_id\":\"u\",\"chat_id\":\"c\",\"email_verified\":\"true\"}"));
        assertEquals("email_verified", text.getPath().getLast().getFieldName());
        MismatchedInputException number = assertThrows(
                MismatchedInputException.class,
                () -> VendorTesting.identity("{\"user_id\":\"u\",\"chat_id\":\"c\",\"phone_number_verified\":1}"));
        assertEquals("phone_number_verified", number.getPath().getLast().getFieldName());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"a\":1e400}                         | claims.a",
                "{\"a\":-1e400}                        | claims.a",
                "{\"a\":{\"b\":[1,2e999]}}            | claims.a.b[1]",
                "{\"a\":0.12345678901234567890123}     | claims.a",
                "{\"a\":\"x\\ud800\"}                  | claims.a",
                "{\"a\":[\"\\udc00y\"]}                | claims.a[0]",
                "{\"__proto__\":{\"admin\":true}}      | claims.__proto__",
                "{\"a\":{\"__proto__\":{\"x\":1}}}     | claims.a.__proto__",
                "{\"a\":[{\"__proto__\":1}]}          | claims.a[0].__proto__",
            })
    void extraClaimsThatWouldChangeOnTheWayIntoTheTokenAreRefused(String claims, String field) {
        InvalidRequestException refused =
                refused(kindly, "{\"user_id\":\"u\",\"chat_id\":\"c\",\"claims\":" + claims + "}");
        assertEquals(Reason.INVALID_FIELD, refused.reason());
        assertEquals(field, refused.field());
    }

    @Test
    void decimalsADoubleHoldsExactlyArriveAsTheSameNumber() throws Exception {
        SignedJWT jwt = verifiedRs256(
                VendorTesting.mint(
                                kindly,
                                "{\"user_id\":\"u\",\"chat_id\":\"c\",\"claims\":{\"a\":0.1,"
                                        + "\"b\":1e5,\"c\":-2.5E-3,\"d\":123456789012345678901234567890}}")
                        .token(),
                "kindly-pkcs8.pub.pem");
        Map<String, Object> claims = payload(jwt);
        assertEquals(0.1, claims.get("a"));
        assertEquals(100000.0, ((Number) claims.get("b")).doubleValue());
        assertEquals(-0.0025, claims.get("c"));
        assertTrue(
                payloadJson(jwt).contains("\"d\":123456789012345678901234567890"),
                "integers are kept whole, however long");
    }

    @Test
    void nullInsideExtraClaimsIsRefusedWithItsPath() {
        assertEquals(
                "claims.a.b[1]",
                refused(kindly, "{\"user_id\":\"u\",\"chat_id\":\"c\",\"claims\":{\"a\":{\"b\":[1,null]}}}")
                        .field());
    }

    private static Map<String, Object> claims(Profile profile, String body) throws Exception {
        return payload(verifiedRs256(VendorTesting.mint(profile, body).token(), "kindly-pkcs8.pub.pem"));
    }

    private static InvalidRequestException refused(Profile profile, String body) {
        return assertThrows(InvalidRequestException.class, () -> VendorTesting.mint(profile, body), body);
    }
}
