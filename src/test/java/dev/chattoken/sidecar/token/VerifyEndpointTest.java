package dev.chattoken.sidecar.token;

import static dev.chattoken.sidecar.support.Tokens.mintOk;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.chattoken.sidecar.support.Fixtures;
import dev.chattoken.sidecar.support.RawHttp;
import dev.chattoken.sidecar.support.TestKeys;
import dev.chattoken.sidecar.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/verify/{profile}}: what a webhook handler relies on. Tokens are forged with Nimbus and the fixture
 * keys to play each attack; only genuine, current tokens of the profile pass.
 */
@QuarkusTest
class VerifyEndpointTest {

    private static final String KINDLY_BODY = "{\"user_id\":\"u-1\",\"chat_id\":\"c-1\"}";

    private static ValidatableResponse verifyBearer(String profile, String token) {
        return given().header("Authorization", "Bearer " + token)
                .contentType(ContentType.JSON)
                .post("/v1/verify/{profile}", profile)
                .then();
    }

    private static ValidatableResponse rejected(String profile, String token, String reason) {
        return verifyBearer(profile, token)
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("invalid_token"))
                .body("type", equalTo("urn:chat-token-sidecar:problem:invalid-token"))
                .body("detail", containsString(reason));
    }

    private static String kindlyKid() throws Exception {
        return new RSAKey.Builder(Tokens.publicKey("kindly-pkcs8.pub.pem"))
                .build()
                .computeThumbprint()
                .toString();
    }

    /** A token signed with the kindly profile's real private key, with the given claims. */
    private static String forgeKindly(JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .type(JOSEObjectType.JWT)
                        .keyID(kindlyKid())
                        .build(),
                claims);
        jwt.sign(new RSASSASigner(TestKeys.fixturePrivateKey("kindly-pkcs8.pem")));
        return jwt.serialize();
    }

    private static JWTClaimsSet.Builder kindlyClaims(long iat, long exp) {
        return new JWTClaimsSet.Builder()
                .issuer("https://shop.example")
                .subject("u-1")
                .issueTime(new Date(iat * 1000))
                .expirationTime(new Date(exp * 1000));
    }

    @Test
    void aMintedKindlyTokenVerifiesAsBearerAndAsBody() {
        String token = mintOk("kindly", KINDLY_BODY);
        verifyBearer("kindly", token)
                .statusCode(200)
                .body("valid", equalTo(true))
                .body("profile", equalTo("kindly"))
                .body("algorithm", equalTo("RS256"))
                .body("claims.sub", equalTo("u-1"))
                .body("claims.chat.id", equalTo("c-1"))
                .body("claims.iss", equalTo("https://shop.example"));
        given().contentType(ContentType.JSON)
                .body("{\"token\":\"" + token + "\"}")
                .post("/v1/verify/kindly")
                .then()
                .statusCode(200)
                .body("claims.sub", equalTo("u-1"));
    }

    @Test
    void rs512TokensVerifyOnAnRs512ProfileAndRs256OnesDoNot() throws Exception {
        String token = mintOk("salesforce-rs512", "{\"user_id\":\"sf-1\"}");
        assertEquals("RS512", Tokens.header(SignedJWT.parse(token)).get("alg"));
        verifyBearer("salesforce-rs512", token)
                .statusCode(200)
                .body("algorithm", equalTo("RS512"))
                .body("kid", equalTo("salesforce-rs512-1"))
                .body("claims.sub", equalTo("sf-1"))
                .body("claims.iss", equalTo("https://shop.example"));
        long now = Instant.now().getEpochSecond();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer("https://shop.example")
                .subject("sf-1")
                .issueTime(new Date(now * 1000))
                .expirationTime(new Date((now + 60) * 1000))
                .build();
        verifyBearer("salesforce-rs512", forge(JWSAlgorithm.RS512, "salesforce-rs512-1", claims))
                .statusCode(200);
        rejected(
                "salesforce-rs512",
                forge(JWSAlgorithm.RS256, "salesforce-rs512-1", claims),
                "algorithm 'RS256' is not accepted");
        rejected("salesforce", forge(JWSAlgorithm.RS512, kindlyKid(), claims), "algorithm 'RS512' is not accepted");
        JWTClaimsSet otherIssuer = new JWTClaimsSet.Builder(claims)
                .issuer("https://elsewhere.example")
                .build();
        rejected(
                "salesforce-rs512",
                forge(JWSAlgorithm.RS512, "salesforce-rs512-1", otherIssuer),
                "not by this profile's issuer");
    }

    /** A token signed with the fixture RSA key (every RSA vendor profile's) under {@code alg}. */
    private static String forge(JWSAlgorithm alg, String kid, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(alg).type(JOSEObjectType.JWT).keyID(kid).build(), claims);
        jwt.sign(new RSASSASigner(TestKeys.fixturePrivateKey("kindly-pkcs8.pem")));
        return jwt.serialize();
    }

    @Test
    void es256Ps256AndHs512TokensOfTheDeclaredVendorVerifyOnTheirProfiles() throws Exception {
        for (String[] profile :
                new String[][] {{"jwt-es256", "ES256"}, {"jwt-ps256", "PS256"}, {"jwt-hs512", "HS512"}}) {
            String token = mintOk(profile[0], "{\"user_id\":\"j-1\"}");
            assertEquals(profile[1], Tokens.header(SignedJWT.parse(token)).get("alg"), profile[0]);
            verifyBearer(profile[0], token)
                    .statusCode(200)
                    .body("algorithm", equalTo(profile[1]))
                    .body("claims.sub", equalTo("j-1"));
        }
        long now = Instant.now().getEpochSecond();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer("https://shop.example")
                .subject("e-1")
                .issueTime(new Date(now * 1000))
                .expirationTime(new Date((now + 60) * 1000))
                .build();
        SignedJWT es256 = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256)
                        .type(JOSEObjectType.JWT)
                        .keyID("jwt-es256-1")
                        .build(),
                claims);
        es256.sign(new ECDSASigner(ECKey.parse(java.nio.file.Files.readString(Fixtures.EC_JWK_KEY_FILE))));
        verifyBearer("jwt-es256", es256.serialize()).statusCode(200).body("claims.sub", equalTo("e-1"));
        verifyBearer("jwt-ps256", forge(JWSAlgorithm.PS256, null, claims))
                .statusCode(200)
                .body("claims.sub", equalTo("e-1"));
        rejected("jwt-ps256", forge(JWSAlgorithm.RS256, null, claims), "algorithm 'RS256' is not accepted");
        rejected("kindly", forge(JWSAlgorithm.PS256, kindlyKid(), claims), "algorithm 'PS256' is not accepted");
    }

    @Test
    void hmacProfilesVerifyToo() {
        verifyBearer("dg", mintOk("dg", "{\"user_id\":\"x\"}"))
                .statusCode(200)
                .body("kid", equalTo("dg-api-key-1"))
                .body("claims.external_id", equalTo("x"));
        verifyBearer("huggy", mintOk("huggy", "{\"user_id\":\"h\"}"))
                .statusCode(200)
                .body("claims.jti", equalTo("h"));
        verifyBearer("kustomer", mintOk("kustomer", "{\"email\":\"k@example.com\"}"))
                .statusCode(200);
    }

    @Test
    void algNoneIsRefused() {
        String payload = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"iss\":\"https://shop.example\",\"sub\":\"admin\"}".getBytes());
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes());
        rejected("kindly", header + "." + payload + ".", "algorithm 'none' is not accepted");
        rejected("dg", header + "." + payload + ".", "algorithm 'none' is not accepted");
    }

    @Test
    void anHs256TokenMadeWithTheRsaPublicKeyAsSecretIsRefused() throws Exception {
        byte[] publicPem =
                Files.readString(Tokens.KEYS.resolve("kindly-pkcs8.pub.pem")).getBytes(StandardCharsets.US_ASCII);
        long now = Instant.now().getEpochSecond();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kindlyKid()).build(),
                kindlyClaims(now, now + 60).build());
        jwt.sign(new MACSigner(publicPem));
        rejected("kindly", jwt.serialize(), "algorithm 'HS256' is not accepted");
    }

    @Test
    void otherAlgorithmsWithTheRightKeyAreRefused() throws Exception {
        long now = Instant.now().getEpochSecond();
        for (JWSAlgorithm alg : new JWSAlgorithm[] {JWSAlgorithm.RS512, JWSAlgorithm.PS256}) {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(alg).keyID(kindlyKid()).build(),
                    kindlyClaims(now, now + 60).build());
            jwt.sign(new RSASSASigner(TestKeys.fixturePrivateKey("kindly-pkcs8.pem")));
            rejected("kindly", jwt.serialize(), "algorithm '" + alg + "' is not accepted");
        }
    }

    @Test
    void expiredTokensAreRefusedBeyondTheClockSkew() throws Exception {
        long now = Instant.now().getEpochSecond();
        rejected("kindly", forgeKindly(kindlyClaims(now - 400, now - 100).build()), "expired at");
        verifyBearer("kindly", forgeKindly(kindlyClaims(now - 310, now - 10).build()))
                .statusCode(200); // within 30s skew
    }

    @Test
    void notYetValidAndFutureTokensAreRefused() throws Exception {
        long now = Instant.now().getEpochSecond();
        rejected(
                "kindly",
                forgeKindly(kindlyClaims(now, now + 600)
                        .notBeforeTime(new Date((now + 300) * 1000))
                        .build()),
                "not valid before");
        rejected("kindly", forgeKindly(kindlyClaims(now + 300, now + 600).build()), "issued in the future");
    }

    @Test
    void aTamperedPayloadIsRefused() {
        String[] parts = mintOk("kindly", KINDLY_BODY).split("\\.");
        String payload =
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("u-1", "admin");
        String tampered = parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes()) + "." + parts[2];
        rejected("kindly", tampered, "signature does not verify");
    }

    @Test
    void anUnknownKidIsRefused() throws Exception {
        long now = Instant.now().getEpochSecond();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID("someone-elses-key")
                        .build(),
                kindlyClaims(now, now + 60).build());
        jwt.sign(new RSASSASigner(TestKeys.fixturePrivateKey("kindly-pkcs8.pem")));
        rejected("kindly", jwt.serialize(), "unknown kid 'someone-elses-key'");
    }

    @Test
    void aTokenOfAnotherProfileIsRefused() {
        rejected("kindly", mintOk("kindly-pkcs1", KINDLY_BODY), "unknown kid");
        rejected("kindly", mintOk("kindly-jwk", KINDLY_BODY), "unknown kid 'kindly-jwk-1'");
        // dg and dg-ttl share a secret file; the API key (kid) tells their tokens apart
        rejected("dg-ttl", mintOk("dg", "{\"user_id\":\"x\"}"), "unknown kid 'dg-api-key-1'");
        rejected("kustomer", mintOk("huggy-brief", "{\"user_id\":\"x\"}"), "signature does not verify");
    }

    @Test
    void anotherIssuerIsRefused() throws Exception {
        long now = Instant.now().getEpochSecond();
        rejected(
                "kindly",
                forgeKindly(kindlyClaims(now, now + 60)
                        .issuer("https://evil.example")
                        .build()),
                "issued by 'https://evil.example'");
    }

    @Test
    void aKustomerTokenOlderThanFifteenMinutesIsRefused() throws Exception {
        long now = Instant.now().getEpochSecond();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .type(JOSEObjectType.JWT)
                        .build(),
                new JWTClaimsSet.Builder()
                        .claim("externalId", "c")
                        .issueTime(new Date((now - 16 * 60) * 1000))
                        .build());
        jwt.sign(new MACSigner(Tokens.DG_SECRET.getBytes(StandardCharsets.UTF_8)));
        rejected("kustomer", jwt.serialize(), "older than the 900s");
    }

    @Test
    void headerParametersOfTheWrongJsonTypeAreInvalidTokensNotErrors() {
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"sub\":\"u\"}".getBytes());
        for (String header : new String[] {
            "{\"alg\":1}",
            "{\"alg\":[\"HS256\"]}",
            "{\"alg\":{\"a\":1}}",
            "{\"alg\":\"RS256\",\"kid\":{\"a\":1}}",
            "{\"alg\":\"HS256\",\"kid\":2}",
            "{\"alg\":\"HS256\",\"typ\":true}"
        }) {
            String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(header.getBytes());
            for (String profile : new String[] {"kindly", "dg"}) {
                rejected(profile, encoded + "." + payload + ".c2ln", "is not a string");
            }
        }
    }

    @Test
    void anyCritHeaderIsAnInvalidTokenNotAnError() throws Exception {
        // jose4j reads crit before the signature and failed on members that are not strings (a 500); the sidecar never
        // issues crit, so a token with one, well-formed or not, is not its own
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"sub\":\"u\"}".getBytes());
        for (String crit : new String[] {"[1]", "[[]]", "[{}]", "[null]", "\"exp\"", "[]", "[\"exp\"]", "{\"a\":1}"}) {
            String header = "{\"alg\":\"HS256\",\"kid\":\"dg-api-key-1\",\"crit\":" + crit + "}";
            String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(header.getBytes());
            rejected("dg", encoded + "." + payload + ".c2ln", "crit");
        }
        SignedJWT signed = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .keyID("dg-api-key-1")
                        .criticalParams(java.util.Set.of("exp"))
                        .customParam("exp", 1)
                        .build(),
                new JWTClaimsSet.Builder()
                        .claim("scope", "user")
                        .claim("external_id", "x")
                        .expirationTime(new Date((Instant.now().getEpochSecond() + 60) * 1000))
                        .build());
        signed.sign(new MACSigner(Tokens.DG_SECRET.getBytes(StandardCharsets.UTF_8)));
        rejected("dg", signed.serialize(), "crit");
    }

    @Test
    void aTokenThatLivesLongerThanTheProfilesTokensIsRefusedWhoeverSignedIt() throws Exception {
        long now = Instant.now().getEpochSecond();
        // the kindly profile's own key, a 24-hour lifetime: not a Kindly token (15 minutes at most, 5 by this profile)
        rejected("kindly", forgeKindly(kindlyClaims(now, now + 24 * 3600).build()), "lives longer than the 300s");
        rejected(
                "kindly",
                forgeKindly(new JWTClaimsSet.Builder()
                        .issuer("https://shop.example")
                        .subject("u-1")
                        .expirationTime(new Date((now + 24 * 3600) * 1000))
                        .build()),
                "lives longer than the 300s");
        verifyBearer("kindly", forgeKindly(kindlyClaims(now, now + 300).build()))
                .statusCode(200);
        verifyBearer("kindly", forgeKindly(kindlyClaims(now - 100, now + 200).build()))
                .statusCode(200);
    }

    @Test
    void aTokenWithoutExpIsRefusedWhereTheProfilesAlwaysCarryOne() throws Exception {
        SignedJWT dg = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("dg-api-key-1").build(),
                new JWTClaimsSet.Builder()
                        .claim("scope", "user")
                        .claim("external_id", "x")
                        .issueTime(new Date(Instant.now().getEpochSecond() * 1000))
                        .build());
        dg.sign(new MACSigner(Tokens.DG_SECRET.getBytes(StandardCharsets.UTF_8)));
        rejected("dg", dg.serialize(), "the token has no exp, and profile 'dg' always sets one");
        rejected(
                "kindly",
                forgeKindly(new JWTClaimsSet.Builder()
                        .issuer("https://shop.example")
                        .subject("u-1")
                        .issueTime(new Date(Instant.now().getEpochSecond() * 1000))
                        .build()),
                "has no exp");
        // Kustomer's and Huggy's tokens never carry exp: theirs still verify
        verifyBearer("kustomer", mintOk("kustomer", "{\"email\":\"k@example.com\"}"))
                .statusCode(200);
        verifyBearer("huggy", mintOk("huggy", "{\"user_id\":\"h\"}")).statusCode(200);
    }

    @Test
    void aMalformedContentTypeIsABadRequestNotAnError() throws Exception {
        String token = mintOk("dg", "{\"user_id\":\"x\"}");
        for (String contentType : new String[] {"", "/", "application/", "/json", "a/b/c", ";", "application/json;x"}) {
            RawHttp.Answer answer = RawHttp.send(
                    "POST",
                    "/v1/verify/dg",
                    Map.of("Authorization", "Bearer " + token, "Content-Type", contentType),
                    "{}");
            assertEquals(400, answer.status(), contentType);
            assertTrue(answer.contentType().startsWith("application/problem+json"), answer.contentType());
            assertTrue(answer.body().contains("urn:chat-token-sidecar:problem:invalid-header"), answer.summary());
            assertTrue(answer.body().contains("Content-Type"), answer.summary());
        }
        RawHttp.Answer answer = RawHttp.send(
                "POST",
                "/v1/verify/dg",
                Map.of("Authorization", "Bearer " + token, "Accept", "application/json;q=abc"),
                "");
        assertEquals(400, answer.status());
        assertTrue(answer.body().contains("Accept"), answer.summary());
    }

    @Test
    void malformedAndMissingTokens() {
        rejected("kindly", "not-a-token", "not a JWS");
        given().contentType(ContentType.JSON)
                .body("{}")
                .post("/v1/verify/kindly")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("token"));
        verifyBearer("no-such-profile", mintOk("dg", "{\"user_id\":\"x\"}"))
                .statusCode(404)
                .body("type", equalTo("urn:chat-token-sidecar:problem:unknown-profile"));
    }

    @Test
    void aBearerHeaderWithoutBodyIsEnough() {
        given().header("Authorization", "Bearer " + mintOk("dg", "{\"user_id\":\"x\"}"))
                .post("/v1/verify/dg")
                .then()
                .statusCode(200);
    }
}
