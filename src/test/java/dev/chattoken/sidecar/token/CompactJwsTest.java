package dev.chattoken.sidecar.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import dev.chattoken.sidecar.crypto.RsaAlgorithm;
import dev.chattoken.sidecar.crypto.Signers;
import dev.chattoken.sidecar.keys.SigningAlgorithm;
import dev.chattoken.sidecar.support.TestKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtSignatureBuilder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Tokens signed through the per-key signer say what SmallRye JWT Build's said (the header members, the claims and their
 * order are the same JSON; the bytes differ only in escapes json-simple adds, such as {@code \/}), and their signatures
 * verify with Nimbus. A Quarkus test: SmallRye reads its settings (no default claims) from the application's
 * configuration.
 */
@QuarkusTest
class CompactJwsTest {

    private static final byte[] SECRET = "compact-jws-test-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Claims shaped like the vendors' and a request's extra claims, with the types Jackson gives them. */
    private static List<Map<String, Object>> claimSets() throws Exception {
        Map<String, Object> kindly = new LinkedHashMap<>();
        kindly.put("iat", 1_764_000_000L);
        kindly.put("exp", 1_764_000_300L);
        kindly.put("iss", "https://shop.example");
        kindly.put("sub", "user-1 \"quoted\" \\ back/slash </script> é ü 💬 \u2028 \u0001");
        kindly.put("chat", new LinkedHashMap<>(Map.of("id", "c1")));
        kindly.put("email_verified", true);
        kindly.putAll(new ObjectMapper().readValue("""
                {"plan":"gold","tier":3,"big":123456789012345678901234567890,"ratio":0.25,"tiny":1e-7,
                 "tags":["a","b",1,false],"nested":{"z":1,"a":{"deep":[{"x":"y"}]}},"empty":{},"none":[]}""", new TypeReference<Map<String, Object>>() {}));
        Map<String, Object> kustomer = new LinkedHashMap<>();
        kustomer.put("externalId", "42");
        kustomer.put("email", "ana@example.com");
        kustomer.put("iat", 1_764_000_000L);
        return List.of(kindly, kustomer, Map.of("jti", "user1@company.com"));
    }

    private static String smallRye(
            Map<String, Object> claims, SignatureAlgorithm algorithm, Optional<String> kid, java.security.Key key) {
        JwtSignatureBuilder jws = Jwt.claims(claims).jws().algorithm(algorithm).header("typ", "JWT");
        kid.ifPresent(jws::keyId);
        return key instanceof RSAPrivateKey rsa ? jws.sign(rsa) : jws.sign((javax.crypto.SecretKey) key);
    }

    /** A part of a compact JWS as its members in order: equal JSON, whatever the escapes. */
    private static List<Map.Entry<String, Object>> members(String token, int part) throws Exception {
        byte[] json = Base64.getUrlDecoder().decode(token.split("\\.")[part]);
        Map<String, Object> object = JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {});
        return List.copyOf(object.entrySet());
    }

    private static void assertSameJws(String expected, String actual, JWSVerifier verifier, String what)
            throws Exception {
        assertEquals(members(expected, 0), members(actual, 0), what + ": header");
        assertEquals(members(expected, 1), members(actual, 1), what + ": claims");
        assertTrue(JWSObject.parse(actual).verify(verifier), what + ": the signature verifies with Nimbus");
    }

    @Test
    void rs256TokensSayWhatSmallRyesSaid() throws Exception {
        KeyPair pair = TestKeys.rsa2048();
        var signer = Signers.jdk()
                .rsa((RSAPrivateKey) pair.getPrivate(), (RSAPublicKey) pair.getPublic(), RsaAlgorithm.RS256);
        for (Map<String, Object> claims : claimSets()) {
            for (Optional<String> kid : List.of(Optional.<String>empty(), Optional.of("kid-1"))) {
                assertSameJws(
                        smallRye(claims, SignatureAlgorithm.RS256, kid, pair.getPrivate()),
                        CompactJws.sign(CompactJws.header(SigningAlgorithm.RS256, kid, Map.of()), claims, signer),
                        new RSASSAVerifier((RSAPublicKey) pair.getPublic()),
                        claims.keySet() + " kid " + kid);
            }
        }
    }

    @Test
    void hs256TokensSayWhatSmallRyesSaid() throws Exception {
        SecretKeySpec secret = new SecretKeySpec(SECRET, "HmacSHA256");
        var signer = Signers.jdk().hmac(secret, "HmacSHA256");
        for (Map<String, Object> claims : claimSets()) {
            for (Optional<String> kid : List.of(Optional.<String>empty(), Optional.of("dg-api-key"))) {
                assertSameJws(
                        smallRye(claims, SignatureAlgorithm.HS256, kid, secret),
                        CompactJws.sign(CompactJws.header(SigningAlgorithm.HS256, kid, Map.of()), claims, signer),
                        new MACVerifier(SECRET),
                        claims.keySet() + " kid " + kid);
            }
        }
    }

    @Test
    void theVendorsHeaderMembersComeFirstThenKidTypAlg() throws Exception {
        String header = new String(
                Base64.getUrlDecoder()
                        .decode(CompactJws.header(
                                SigningAlgorithm.HS256, Optional.of("SK1"), Map.of("cty", "twilio-fpa;v=1"))),
                StandardCharsets.UTF_8);
        assertEquals("{\"cty\":\"twilio-fpa;v=1\",\"kid\":\"SK1\",\"typ\":\"JWT\",\"alg\":\"HS256\"}", header);
    }
}
