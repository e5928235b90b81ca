package dev.chattoken.sidecar.token;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chattoken.sidecar.crypto.RsaAlgorithm;
import dev.chattoken.sidecar.crypto.Signers;
import dev.chattoken.sidecar.keys.SigningAlgorithm;
import dev.chattoken.sidecar.support.TestKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtSignatureBuilder;

/**
 * Tokens signed through the per-key signer are byte for byte the ones SmallRye JWT Build made before (RS256 and
 * HS256 are deterministic, so equal inputs give equal tokens). A Quarkus test: SmallRye reads its settings
 * (no default claims) from the application's configuration.
 */
@QuarkusTest
class CompactJwsTest {

    private static final byte[] SECRET = "compact-jws-test-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    /** Claims shaped like the vendors' and a request's extra claims, with the types Jackson gives them. */
    private static List<Map<String, Object>> claimSets() throws Exception {
        Map<String, Object> kindly = new LinkedHashMap<>();
        kindly.put("iat", 1_764_000_000L);
        kindly.put("exp", 1_764_000_300L);
        kindly.put("iss", "https://shop.example");
        kindly.put("sub", "user-1 \"quoted\" \\ back/slash </script> é ü 💬 \u2028");
        kindly.put("chat", new LinkedHashMap<>(Map.of("id", "c1")));
        kindly.put("email_verified", true);
        kindly.putAll(new ObjectMapper().readValue("""
                {"plan":"gold","tier":3,"big":123456789012345678901234567890,"ratio":0.25,"tiny":1e-7,
                 "tags":["a","b",1,false],"nested":{"z":1,"a":{"deep":[{"x":"y"}]}},"empty":{},"none":[]}""",
                Map.class));
        Map<String, Object> kustomer = new LinkedHashMap<>();
        kustomer.put("externalId", "42");
        kustomer.put("email", "ana@example.com");
        kustomer.put("iat", 1_764_000_000L);
        return List.of(kindly, kustomer, Map.of("jti", "user1@company.com"));
    }

    private static String smallRye(Map<String, Object> claims, SignatureAlgorithm algorithm, Optional<String> kid,
            java.security.Key key) {
        JwtSignatureBuilder jws = Jwt.claims(claims).jws().algorithm(algorithm).header("typ", "JWT");
        kid.ifPresent(jws::keyId);
        return key instanceof RSAPrivateKey rsa ? jws.sign(rsa) : jws.sign((javax.crypto.SecretKey) key);
    }

    @Test
    void rs256TokensAreThoseSmallRyeMade() throws Exception {
        KeyPair pair = TestKeys.rsa2048();
        var signer = Signers.jdk().rsa((RSAPrivateKey) pair.getPrivate(), (RSAPublicKey) pair.getPublic(), RsaAlgorithm.RS256);
        for (Map<String, Object> claims : claimSets()) {
            for (Optional<String> kid : List.of(Optional.<String>empty(), Optional.of("kid-1"))) {
                assertEquals(smallRye(claims, SignatureAlgorithm.RS256, kid, pair.getPrivate()),
                        CompactJws.sign(SigningAlgorithm.RS256, kid, Map.of(), claims, signer), claims.keySet() + " kid " + kid);
            }
        }
    }

    @Test
    void hs256TokensAreThoseSmallRyeMade() throws Exception {
        SecretKeySpec secret = new SecretKeySpec(SECRET, "HmacSHA256");
        var signer = Signers.jdk().hmac(secret, "HmacSHA256");
        for (Map<String, Object> claims : claimSets()) {
            for (Optional<String> kid : List.of(Optional.<String>empty(), Optional.of("dg-api-key"))) {
                assertEquals(smallRye(claims, SignatureAlgorithm.HS256, kid, secret),
                        CompactJws.sign(SigningAlgorithm.HS256, kid, Map.of(), claims, signer), claims.keySet() + " kid " + kid);
            }
        }
    }
}
