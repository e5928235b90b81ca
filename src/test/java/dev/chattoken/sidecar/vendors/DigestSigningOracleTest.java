package dev.chattoken.sidecar.vendors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import dev.chattoken.sidecar.profile.Profile;
import dev.chattoken.sidecar.profile.ProfileLoader;
import dev.chattoken.sidecar.support.Fixtures;
import dev.chattoken.sidecar.support.VendorCatalog;
import dev.chattoken.sidecar.support.VendorTesting;
import dev.chattoken.sidecar.vendors.InvalidRequestException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

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

    /**
     * The request field a digest vendor's message signs, from its own rules: the user id where it takes one (alone, or
     * before the e-mail), else the e-mail; so that a new digest vendor is tried here without being listed.
     */
    private static String signedField(Profile profile) {
        Set<IdentityField> fields = profile.rules().acceptedFields();
        assertTrue(fields.contains(IdentityField.USER_ID) || fields.contains(IdentityField.EMAIL), fields.toString());
        return (fields.contains(IdentityField.USER_ID) ? IdentityField.USER_ID : IdentityField.EMAIL).jsonName();
    }

    private static Profile digestProfile(String vendor) {
        Vendor v = VendorCatalog.byId(vendor);
        return vendor.equals("hmac")
                ? VendorTesting.profile(v, Map.of("message", "{user_id}", "answer-field", "hash"))
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
        InvalidRequestException refused = assertThrows(
                InvalidRequestException.class, () -> VendorTesting.mint(userHash, body("user_id", FORGED_INPUT)));
        assertEquals(Reason.INVALID_FIELD, refused.reason());
        assertEquals("user_id", refused.field());
        assertTrue(
                refused.getMessage().contains("its digest would be that JWT's HS256 signature"), refused.getMessage());
    }

    @Test
    void everyDigestVendorRefusesAMessageShapedLikeAJwsSigningInput() {
        List<String> digestVendors = VendorCatalog.all().stream()
                // the digests signed here: a vendor API's tokens are no digests of ours
                .filter(v -> VendorTesting.profile(v, v.example().options()).rules() instanceof DigestRules)
                .map(Vendor::id)
                .toList();
        assertTrue(
                digestVendors.containsAll(List.of("intercom-hmac", "front", "chatwoot", "crisp", "helpscout", "hmac")),
                "every digest vendor is tried here: " + digestVendors);
        for (String vendor : digestVendors) {
            Profile profile = digestProfile(vendor);
            String field = signedField(profile);
            InvalidRequestException refused = assertThrows(
                    InvalidRequestException.class,
                    () -> VendorTesting.mint(profile, body(field, FORGED_INPUT)),
                    vendor);
            assertEquals(Reason.INVALID_FIELD, refused.reason(), vendor);
            assertEquals(field, refused.field(), vendor);
        }
    }

    @Test
    void spellingsALenientJoseReaderAcceptsAreRefusedToo() {
        Profile profile = digestProfile("chatwoot");
        String payload = segment("{\"user_id\":\"admin\"}");
        for (String header : List.of(
                Base64.getUrlEncoder().encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8)), // padded
                Base64.getEncoder()
                        .withoutPadding()
                        .encodeToString("{\"alg\":\"HS256\",\"x\":\"??>\"}".getBytes(StandardCharsets.UTF_8)),
                segment(" \n{ \"alg\" : \"HS256\" }"),
                segment("{}"),
                "eyJh bGciOiJIUzI1NiJ9")) {
            assertThrows(
                    InvalidRequestException.class,
                    () -> VendorTesting.mint(profile, body("user_id", header + "." + payload)),
                    header);
        }
    }

    @Test
    void idsThatMerelyHoldADotAreSigned() throws Exception {
        Profile profile = digestProfile("chatwoot");
        for (String id : List.of("john.doe", "eyal.cohen", "v1.2", "ey.ey", "eyJ", "a.b.c", FORGED_INPUT + ".x")) {
            assertEquals(
                    Fixtures.hmacHex(id),
                    VendorTesting.mint(profile, body("user_id", id)).token(),
                    id);
        }
    }

    @Test
    void profilesThatShareASecretBetweenDigestsAndJwtsAreNamedAtStartup() {
        Profile jwt = VendorTesting.example(VendorCatalog.byId("intercom"));
        Profile digest = VendorTesting.example(VendorCatalog.byId("intercom-hmac"));
        List<String> warnings = ProfileLoader.sharedDigestAndJwtSecrets(List.of(jwt, digest));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(
                warnings.getFirst()
                        .startsWith("profiles 'intercom-hmac' (HMAC digests, intercom-hmac) and 'intercom' "
                                + "(HS256 JWTs, intercom) sign with the same secret"),
                warnings.getFirst());

        Profile ownSecret = VendorTesting.profile(
                VendorCatalog.byId("intercom-hmac"), Map.of(), Optional.of(Fixtures.LONG_HMAC_KEY_FILE));
        assertEquals(List.of(), ProfileLoader.sharedDigestAndJwtSecrets(List.of(jwt, ownSecret)));
        assertEquals(
                List.of(),
                ProfileLoader.sharedDigestAndJwtSecrets(List.of(jwt, VendorTesting.example(VendorCatalog.byId("dg")))),
                "two JWT profiles on one secret are no oracle for each other");
    }
}
