package dev.chattoken.sidecar.vendors;

import static dev.chattoken.sidecar.support.Tokens.mintOk;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jwt.SignedJWT;
import dev.chattoken.sidecar.support.VendorCatalog;
import io.quarkus.test.junit.QuarkusTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * No claim of one vendor or profile leaks into another's token: tokens minted one after another across every vendor's
 * test profile (and a variant with a ttl) keep exactly the claim names and header of the first token each profile
 * minted on its own, over the running sidecar.
 */
@QuarkusTest
class VendorIsolationTest {

    @Test
    void interleavedMintingKeepsEachTokenToItsProfilesClaims() throws Exception {
        Map<String, String> bodies = new LinkedHashMap<>();
        VendorCatalog.all().forEach(v -> bodies.put(v.id(), v.example().request()));
        bodies.put("dg-ttl", "{\"user_id\":\"u\"}");
        Map<String, List<Set<String>>> shapes = new LinkedHashMap<>();
        bodies.forEach((profile, body) -> shapes.put(profile, shape(mintOk(profile, body))));
        for (int round = 0; round < 3; round++) {
            for (String profile : bodies.keySet()) {
                assertEquals(shapes.get(profile), shape(mintOk(profile, bodies.get(profile))), profile);
            }
        }
        assertEquals(
                List.of(Set.of("alg", "typ", "kid"), Set.of("scope", "external_id", "iat", "exp")),
                shapes.get("dg-ttl"));
    }

    /** A JWT's header and claim names; an HMAC digest's length. */
    private static List<Set<String>> shape(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            return List.of(
                    jwt.getHeader().toJSONObject().keySet(),
                    jwt.getPayload().toJSONObject().keySet());
        } catch (java.text.ParseException digest) {
            return List.of(Set.of("digest of " + token.length()));
        }
    }
}
