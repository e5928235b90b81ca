package dev.chattoken.sidecar.vendors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;

import dev.chattoken.sidecar.profile.Profile;
import dev.chattoken.sidecar.profile.ProfileLoader;
import dev.chattoken.sidecar.support.Fixtures;
import dev.chattoken.sidecar.support.VendorCatalog;
import dev.chattoken.sidecar.support.VendorTesting;
import dev.chattoken.sidecar.vendors.InvalidRequestException.Reason;

/**
 * An HMAC digest profile signs the text a user chooses (Intercom's {@code user_hash}, Front's {@code userHash},
 * Chatwoot's {@code identifier_hash}, Crisp's and Help Scout's e-mail signatures, a declared {@code hmac}). HMAC-SHA256
 * over {@code base64url(header).base64url(payload)} is the HS256 signature of that JWT: with one secret for both (as
 * Intercom's own code has it), a digest of such a text is a JWT for whoever chose it. Such texts are refused.
 */
class DigestSigningOracleTest {

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private static String segment(String json) {
        return B64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The signing input of an Intercom JWT naming another user, as an attacker would send it for a user id. */
    private static final String FORGED_INPUT = segment("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "."
            + segment("{\"user_id\":\"admin\",\"exp\":4102444800}");

    /** Each digest vendor with the request field its message signs. */
    private static final Map<String, String> SIGNED_FIELD = Map.of("intercom-hmac", "user_id", "front", "user_id",
            "chatwoot", "user_id", "crisp", "email", "helpscout", "email", "hmac", "user_id");

    private static Profile digestProfile(String vendor) {
        Vendor v = VendorCatalog.byId(vendor);
        return vendor.equals("hmac") ? VendorTesting.profile(v, Map.of("message", "{user_id}", "answer-field", "hash"))
                : VendorTesting.example(v);
    }

    private static String body(String field, String value) {
        return "{\"" + field + "\":\"" + value + (field.equals("email") ? "@x\"}" : "\"}");
    }

    @Test
    void aDigestOfAJwtsSigningInputIsThatJwtsSignatureWhichIsWhyItIsRefused() throws Exception {
        // the attack as it stood: the digest, re-encoded, completes a JWT that verifies with the shared secret
        String signature = B64URL.encodeToString(Fixtures.hmac(FORGED_INPUT.getBytes(StandardCharsets.UTF_8)));
        SignedJWT forged = SignedJWT.parse(FORGED_INPUT + "." + signature);
        assertTrue(forged.verify(new MACVerifier(Fixtures.HMAC_SECRET.getBytes(StandardCharsets.UTF_8))));
        assertEquals("admin", forged.getJWTClaimsSet().getStringClaim("user_id"));

        Profile userHash = VendorTesting.example(VendorCatalog.byId("intercom-hmac"));
        InvalidRequestException refused = assertThrows(InvalidRequestException.class,
                () -> VendorTesting.mint(userHash, body("user_id", FORGED_INPUT)));
        assertEquals(Reason.INVALID_FIELD, refused.reason());
        assertEquals("user_id", refused.field());
        assertTrue(refused.getMessage().contains("its digest would be that JWT's HS256 signature"), refused.getMessage());
    }

    @Test
    void everyDigestVendorRefusesAMessageShapedLikeAJwsSigningInput() {
        List<String> digestVendors = VendorCatalog.all().stream().filter(v -> {
            VendorProfile rules = VendorTesting.profile(v, v.example().options()).rules();
            return !rules.signsJwt() && !(rules instanceof UpstreamRules); // a vendor API's tokens are no digests of ours
        }).map(Vendor::id).toList();
        assertEquals(SIGNED_FIELD.keySet(), java.util.Set.copyOf(digestVendors), "every digest vendor is tried here");
        SIGNED_FIELD.forEach((vendor, field) -> {
            InvalidRequestException refused = assertThrows(InvalidRequestException.class,
                    () -> VendorTesting.mint(digestProfile(vendor), body(field, FORGED_INPUT)), vendor);
            assertEquals(Reason.INVALID_FIELD, refused.reason(), vendor);
            assertEquals(field, refused.field(), vendor);
        });
    }

    @Test
    void spellingsALenientJoseReaderAcceptsAreRefusedToo() {
        Profile profile = digestProfile("chatwoot");
        String payload = segment("{\"user_id\":\"admin\"}");
        for (String header : List.of(
                Base64.getUrlEncoder().encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8)), // padded
                Base64.getEncoder().withoutPadding().encodeToString("{\"alg\":\"HS256\",\"x\":\"??>\"}".getBytes(StandardCharsets.UTF_8)),
                segment(" \n{ \"alg\" : \"HS256\" }"), segment("{}"), "eyJh bGciOiJIUzI1NiJ9")) {
            assertThrows(InvalidRequestException.class, () -> VendorTesting.mint(profile, body("user_id", header + "." + payload)),
                    header);
        }
    }

    @Test
    void idsThatMerelyHoldADotAreSigned() throws Exception {
        Profile profile = digestProfile("chatwoot");
        for (String id : List.of("john.doe", "eyal.cohen", "v1.2", "ey.ey", "eyJ", "a.b.c", FORGED_INPUT + ".x")) {
            assertEquals(Fixtures.hmacHex(id), VendorTesting.mint(profile, body("user_id", id)).token(), id);
        }
    }

    @Test
    void profilesThatShareASecretBetweenDigestsAndJwtsAreNamedAtStartup() {
        Profile jwt = VendorTesting.example(VendorCatalog.byId("intercom"));
        Profile digest = VendorTesting.example(VendorCatalog.byId("intercom-hmac"));
        List<String> warnings = ProfileLoader.sharedDigestAndJwtSecrets(List.of(jwt, digest));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.getFirst().startsWith("profiles 'intercom-hmac' (HMAC digests, intercom-hmac) and 'intercom' "
                + "(HS256 JWTs, intercom) sign with the same secret"), warnings.getFirst());

        Profile ownSecret = VendorTesting.profile(VendorCatalog.byId("intercom-hmac"), Map.of(),
                Optional.of(Fixtures.LONG_HMAC_KEY_FILE));
        assertEquals(List.of(), ProfileLoader.sharedDigestAndJwtSecrets(List.of(jwt, ownSecret)));
        assertEquals(List.of(), ProfileLoader.sharedDigestAndJwtSecrets(List.of(jwt, VendorTesting.example(VendorCatalog.byId("dg")))),
                "two JWT profiles on one secret are no oracle for each other");
    }
}
