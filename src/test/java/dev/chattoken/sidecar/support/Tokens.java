package dev.chattoken.sidecar.support;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Test-side knowledge of the fixtures and an independent verifier: tokens are checked with Nimbus JOSE (the sidecar
 * signs through SmallRye/jose4j) against the fixture secrets as literals and the public keys that OpenSSL wrote, never
 * through the sidecar's own key parsing.
 */
public final class Tokens {

    public static final String DG_SECRET = "dg-test-secret-0123456789abcdefghijklmnop";
    public static final String HUGGY_SECRET = "huggy-short";
    /** The %test profile's {@code chat-token.audit.user-key-file}. */
    public static final String AUDIT_KEY = "audit-pseudonym-key-0123456789abcdef";

    public static final Path KEYS = Path.of("src/test/resources/keys");

    private Tokens() {}

    /** POSTs a JSON body to the token endpoint. */
    public static ValidatableResponse mint(String profile, String jsonBody) {
        return given().contentType(ContentType.JSON)
                .body(jsonBody)
                .when()
                .post("/v1/tokens/{profile}", profile)
                .then();
    }

    /** Mints, expects 200, and returns the answer's {@code token}. */
    public static String mintOk(String profile, String jsonBody) {
        return mint(profile, jsonBody)
                .statusCode(200)
                .contentType(ContentType.JSON)
                .extract()
                .path("token");
    }

    /** Parses a token and checks its HS256 signature with {@code secret}; returns it for claim checks. */
    public static SignedJWT verifiedHs256(String token, String secret) throws Exception {
        SignedJWT jwt = SignedJWT.parse(token);
        assertEquals(JWSAlgorithm.HS256, jwt.getHeader().getAlgorithm());
        byte[] key = secret.getBytes(StandardCharsets.UTF_8);
        if (key.length >= 32) {
            assertTrue(jwt.verify(new MACVerifier(key)), "HS256 signature must verify with the vendor secret");
        } else { // Nimbus refuses secrets under 256 bits, which vendors do issue: check the MAC with the JDK
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] expected = mac.doFinal(jwt.getSigningInput());
            assertTrue(
                    MessageDigest.isEqual(expected, jwt.getSignature().decode()),
                    "HS256 signature must verify with the vendor secret");
        }
        return jwt;
    }

    /** Parses a token and checks its RS256 signature with the public key in {@code publicPemFile}. */
    public static SignedJWT verifiedRs256(String token, String publicPemFile) throws Exception {
        return verifiedRs256(token, publicKey(publicPemFile));
    }

    public static SignedJWT verifiedRs256(String token, RSAPublicKey publicKey) throws Exception {
        SignedJWT jwt = SignedJWT.parse(token);
        assertEquals(JWSAlgorithm.RS256, jwt.getHeader().getAlgorithm());
        assertTrue(jwt.verify(new RSASSAVerifier(publicKey)), "RS256 signature must verify with the public key");
        return jwt;
    }

    public static RSAPublicKey publicKey(String publicPemFile) throws Exception {
        String pem = Files.readString(KEYS.resolve(publicPemFile), StandardCharsets.US_ASCII);
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return rsaPublicKey(Base64.getDecoder().decode(body));
    }

    /**
     * {@code GET /v1/profiles/{profile}/public-key.pem}: 200 {@code application/x-pem-file}, one SubjectPublicKeyInfo
     * PEM in RFC 7468's strict form (LF line ends, base64 lines of 64 characters, the last one at most 64), parsed by
     * the JDK.
     */
    public static RSAPublicKey servedPublicKey(String profile) throws Exception {
        return rsaPublicKey(servedSubjectPublicKeyInfo(profile));
    }

    /** The DER SubjectPublicKeyInfo {@code public-key.pem} serves, checked as {@link #servedPublicKey} says. */
    public static byte[] servedSubjectPublicKeyInfo(String profile) throws Exception {
        String pem = given().get("/v1/profiles/{profile}/public-key.pem", profile)
                .then()
                .statusCode(200)
                .contentType("application/x-pem-file")
                .extract()
                .asString();
        assertFalse(pem.contains("\r"), "LF line ends");
        assertTrue(pem.endsWith("-----END PUBLIC KEY-----\n"), "one key, ending with its footer line");
        List<String> lines = pem.lines().toList();
        assertEquals("-----BEGIN PUBLIC KEY-----", lines.getFirst());
        assertEquals("-----END PUBLIC KEY-----", lines.getLast());
        List<String> body = lines.subList(1, lines.size() - 1);
        for (int i = 0; i < body.size(); i++) {
            String line = body.get(i);
            assertTrue(line.matches("[A-Za-z0-9+/]+=*"), "base64 line " + i);
            assertTrue(
                    i == body.size() - 1 ? line.length() <= 64 : line.length() == 64, "line " + i + " has 64 columns");
        }
        return Base64.getDecoder().decode(String.join("", body));
    }

    private static RSAPublicKey rsaPublicKey(byte[] subjectPublicKeyInfo) throws Exception {
        return (RSAPublicKey)
                KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(subjectPublicKeyInfo));
    }

    /** The header exactly as JSON (alg, typ, kid ...). */
    public static Map<String, Object> header(SignedJWT jwt) {
        return jwt.getHeader().toJSONObject();
    }

    /** The payload exactly as JSON; integral numbers come back as Long, others as Double. */
    public static Map<String, Object> payload(SignedJWT jwt) {
        return jwt.getPayload().toJSONObject();
    }

    /** The payload's JSON text, for checks on its literal form (integers, not strings or decimals). */
    public static String payloadJson(SignedJWT jwt) {
        return jwt.getPayload().toString();
    }
}
