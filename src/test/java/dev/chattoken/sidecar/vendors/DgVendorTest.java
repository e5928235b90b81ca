package dev.chattoken.sidecar.vendors;

import static dev.chattoken.sidecar.support.Tokens.DG_SECRET;
import static dev.chattoken.sidecar.support.Tokens.header;
import static dev.chattoken.sidecar.support.Tokens.payload;
import static dev.chattoken.sidecar.support.Tokens.verifiedHs256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import dev.chattoken.sidecar.profile.Profile;
import dev.chattoken.sidecar.support.VendorTesting;
import dev.chattoken.sidecar.token.MintedToken;
import dev.chattoken.sidecar.vendors.InvalidRequestException.Reason;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** DG: HS256 with the API secret, {@code kid} = API key, payload {@code {scope: "user", external_id}}. */
class DgVendorTest {

    private final Vendor vendor = new DgVendor();
    private final Profile dg = VendorTesting.example(vendor); // key-id dg-api-key-1, the fixture secret

    @Test
    void headerCarriesTheApiKeyAsKidAndThePayloadIsExactlyScopeAndExternalId() throws Exception {
        SignedJWT jwt = verifiedHs256(
                VendorTesting.mint(dg, "{\"user_id\":\"customer-42\"}").token(), DG_SECRET);

        assertEquals(Map.of("alg", "HS256", "typ", "JWT", "kid", "dg-api-key-1"), header(jwt));
        Map<String, Object> claims = payload(jwt);
        assertEquals(
                Map.of(
                        "scope",
                        "user",
                        "external_id",
                        "customer-42",
                        "iat",
                        claims.get("iat"),
                        "exp",
                        claims.get("exp")),
                claims,
                "DG's scope and external_id, and the times of a token that expires");
    }

    @Test
    void withoutTtlTheTokenLivesAnHourAndTheAnswerSaysWhen() throws Exception {
        MintedToken minted = VendorTesting.mint(dg, "{\"user_id\":\"u1\"}");
        assertEquals("dg", minted.profile());
        assertEquals("dg", minted.vendor());
        Map<String, Object> claims = payload(verifiedHs256(minted.token(), DG_SECRET));
        long iat = assertInstanceOf(Long.class, claims.get("iat"));
        long exp = assertInstanceOf(Long.class, claims.get("exp"));
        assertEquals(
                3600,
                exp - iat,
                "a token handed to a browser expires: an hour unless the profile's ttl says otherwise");
        assertEquals(
                Optional.of(exp), minted.expiresAt().map(Instant::getEpochSecond), "the answer's expires_at is exp");
    }

    @Test
    void withTtlTheTokenCarriesIntegerIatAndExpTtlApart() throws Exception {
        Profile dgTtl = VendorTesting.profile(vendor, Map.of("key-id", "dg-api-key-2", "ttl", "10m"));
        long before = Instant.now().getEpochSecond();
        MintedToken minted = VendorTesting.mint(dgTtl, "{\"user_id\":\"u1\"}");
        long after = Instant.now().getEpochSecond();
        SignedJWT jwt = verifiedHs256(minted.token(), DG_SECRET);

        Map<String, Object> claims = payload(jwt);
        assertEquals(Map.of("alg", "HS256", "typ", "JWT", "kid", "dg-api-key-2"), header(jwt));
        assertEquals(java.util.Set.of("scope", "external_id", "iat", "exp"), claims.keySet());
        long iat = assertInstanceOf(Long.class, claims.get("iat"));
        long exp = assertInstanceOf(Long.class, claims.get("exp"));
        assertTrue(iat >= before && iat <= after, "iat is the time of the request");
        assertEquals(600, exp - iat, "exp - iat is the profile's ttl (10m)");
        assertEquals(Optional.of(exp), minted.expiresAt().map(Instant::getEpochSecond));
    }

    @Test
    void theSecretIsTheFileTextWithoutItsTrailingNewline() throws Exception {
        SignedJWT jwt =
                SignedJWT.parse(VendorTesting.mint(dg, "{\"user_id\":\"u1\"}").token());
        assertFalse(
                jwt.verify(new MACVerifier((DG_SECRET + "\n").getBytes())), "the newline is not part of the secret");
        assertTrue(jwt.verify(new MACVerifier(DG_SECRET.getBytes())));
    }

    @Test
    void aUserIdReachesTheTokenExactlyAsSentSurrogatePairsIncluded() throws Exception {
        SignedJWT jwt = verifiedHs256(
                VendorTesting.mint(dg, "{\"user_id\":\"bob\\ud83d\\ude00 \u00e9\"}")
                        .token(),
                DG_SECRET);
        assertEquals("bob\ud83d\ude00 \u00e9", payload(jwt).get("external_id"));
    }

    @Test
    void userIdIsRequired() {
        assertRefused("{}", Reason.MISSING_FIELD, "user_id");
        assertRefused("{\"user_id\":\"   \"}", Reason.MISSING_FIELD, "user_id");
    }

    @Test
    void fieldsOutsideTheDgTokenAreRefusedNotDropped() {
        for (String field : new String[] {"email", "chat_id", "claims", "name"}) {
            String value = field.equals("claims") ? "{\"x\":1}" : field.equals("email") ? "\"a@b.c\"" : "\"N\"";
            assertRefused("{\"user_id\":\"u\",\"" + field + "\":" + value + "}", Reason.UNSUPPORTED_FIELD, field);
        }
    }

    private void assertRefused(String body, Reason reason, String field) {
        InvalidRequestException refused =
                assertThrows(InvalidRequestException.class, () -> VendorTesting.mint(dg, body));
        assertEquals(reason, refused.reason(), body);
        assertEquals(field, refused.field(), body);
    }
}
