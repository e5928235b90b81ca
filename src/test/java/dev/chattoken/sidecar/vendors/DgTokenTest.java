package dev.chattoken.sidecar.vendors;

import static dev.chattoken.sidecar.support.Tokens.DG_SECRET;
import static dev.chattoken.sidecar.support.Tokens.header;
import static dev.chattoken.sidecar.support.Tokens.mint;
import static dev.chattoken.sidecar.support.Tokens.mintOk;
import static dev.chattoken.sidecar.support.Tokens.payload;
import static dev.chattoken.sidecar.support.Tokens.verifiedHs256;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;

import io.quarkus.test.junit.QuarkusTest;

/** DG: HS256 with the API secret, {@code kid} = API key, payload {@code {scope: "user", external_id}}. */
@QuarkusTest
class DgTokenTest {

    @Test
    void headerCarriesTheApiKeyAsKidAndThePayloadIsExactlyScopeAndExternalId() throws Exception {
        SignedJWT jwt = verifiedHs256(mintOk("dg", "{\"user_id\":\"customer-42\"}"), DG_SECRET);

        assertEquals(Map.of("alg", "HS256", "typ", "JWT", "kid", "dg-api-key-1"), header(jwt));
        Map<String, Object> claims = payload(jwt);
        assertEquals(Map.of("scope", "user", "external_id", "customer-42", "iat", claims.get("iat"), "exp",
                claims.get("exp")), claims, "DG's scope and external_id, and the times of a token that expires");
    }

    @Test
    void withoutTtlTheTokenLivesAnHourAndTheAnswerSaysWhen() throws Exception {
        var answer = mint("dg", "{\"user_id\":\"u1\"}").statusCode(200)
                .body("profile", equalTo("dg"))
                .body("vendor", equalTo("dg"))
                .extract();
        Map<String, Object> claims = payload(verifiedHs256(answer.path("token"), DG_SECRET));
        long iat = assertInstanceOf(Long.class, claims.get("iat"));
        long exp = assertInstanceOf(Long.class, claims.get("exp"));
        assertEquals(3600, exp - iat, "a token handed to a browser expires: an hour unless the profile's ttl says otherwise");
        assertEquals(exp, ((Number) answer.path("expires_at")).longValue());
    }

    @Test
    void withTtlTheTokenCarriesIntegerIatAndExpTtlApart() throws Exception {
        long before = Instant.now().getEpochSecond();
        var answer = mint("dg-ttl", "{\"user_id\":\"u1\"}").statusCode(200).extract();
        long after = Instant.now().getEpochSecond();
        SignedJWT jwt = verifiedHs256(answer.path("token"), DG_SECRET);

        Map<String, Object> claims = payload(jwt);
        assertEquals(Map.of("alg", "HS256", "typ", "JWT", "kid", "dg-api-key-2"), header(jwt));
        assertEquals(java.util.Set.of("scope", "external_id", "iat", "exp"), claims.keySet());
        long iat = assertInstanceOf(Long.class, claims.get("iat"));
        long exp = assertInstanceOf(Long.class, claims.get("exp"));
        assertTrue(iat >= before && iat <= after, "iat is the time of the request");
        assertEquals(600, exp - iat, "exp - iat is the profile's ttl (10m)");
        assertEquals(exp, ((Number) answer.path("expires_at")).longValue());
    }

    @Test
    void theSecretIsTheFileTextWithoutItsTrailingNewline() throws Exception {
        SignedJWT jwt = SignedJWT.parse(mintOk("dg", "{\"user_id\":\"u1\"}"));
        assertFalse(jwt.verify(new MACVerifier((DG_SECRET + "\n").getBytes())), "the newline is not part of the secret");
        assertTrue(jwt.verify(new MACVerifier(DG_SECRET.getBytes())));
    }

    @Test
    void aUserIdReachesTheTokenExactlyAsSentSurrogatePairsIncluded() throws Exception {
        SignedJWT jwt = verifiedHs256(mintOk("dg", "{\"user_id\":\"bob\\ud83d\\ude00 \u00e9\"}"), DG_SECRET);
        assertEquals("bob\ud83d\ude00 \u00e9", payload(jwt).get("external_id"));
    }

    @Test
    void userIdIsRequired() {
        mint("dg", "{}").statusCode(400).body("field", equalTo("user_id"))
                .body("type", equalTo("urn:chat-token-sidecar:problem:missing-field"));
        mint("dg", "{\"user_id\":\"   \"}").statusCode(400).body("field", equalTo("user_id"));
    }

    @Test
    void fieldsOutsideTheDgTokenAreRefusedNotDropped() {
        for (String field : new String[] { "\"email\":\"a@b.c\"", "\"chat_id\":\"c\"", "\"claims\":{\"x\":1}",
                "\"name\":\"N\"" }) {
            mint("dg", "{\"user_id\":\"u\"," + field + "}").statusCode(400)
                    .body("type", equalTo("urn:chat-token-sidecar:problem:unsupported-field"));
        }
    }
}
