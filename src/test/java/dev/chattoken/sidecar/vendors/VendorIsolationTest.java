package dev.chattoken.sidecar.vendors;

import static dev.chattoken.sidecar.support.Tokens.mintOk;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.nimbusds.jwt.SignedJWT;

import io.quarkus.test.junit.QuarkusTest;

/**
 * No claim of one vendor or profile leaks into another's token: SmallRye's default {@code iat}/{@code exp}/
 * {@code jti} and any global issuer stay out, and tokens minted one after another across profiles keep
 * exactly their own claim names and headers.
 */
@QuarkusTest
class VendorIsolationTest {

    @Test
    void interleavedMintingKeepsEachTokenToItsVendorsClaims() throws Exception {
        Map<String, Set<String>> expected = Map.of(
                "dg", Set.of("scope", "external_id"),
                "dg-ttl", Set.of("scope", "external_id", "iat", "exp"),
                "kindly", Set.of("iat", "exp", "iss", "sub", "chat", "tier"),
                "huggy", Set.of("jti"),
                "kustomer", Set.of("externalId", "iat"));
        Map<String, String> bodies = Map.of(
                "dg", "{\"user_id\":\"u\"}",
                "dg-ttl", "{\"user_id\":\"u\"}",
                "kindly", "{\"user_id\":\"u\",\"chat_id\":\"c\",\"claims\":{\"tier\":\"gold\"}}",
                "huggy", "{\"user_id\":\"u\"}",
                "kustomer", "{\"user_id\":\"u\"}");
        for (int round = 0; round < 3; round++) {
            for (String profile : new String[] { "kindly", "dg", "huggy", "dg-ttl", "kustomer" }) {
                SignedJWT jwt = SignedJWT.parse(mintOk(profile, bodies.get(profile)));
                assertEquals(expected.get(profile), jwt.getPayload().toJSONObject().keySet(), profile + " claims");
                Set<String> headerKeys = jwt.getHeader().toJSONObject().keySet();
                assertEquals(profile.startsWith("dg") || profile.equals("kindly") ? Set.of("alg", "typ", "kid")
                        : Set.of("alg", "typ"), headerKeys, profile + " header");
            }
        }
    }
}
