package dev.chattoken.sidecar.vendors;

import static dev.chattoken.sidecar.support.Tokens.HUGGY_SECRET;
import static dev.chattoken.sidecar.support.Tokens.header;
import static dev.chattoken.sidecar.support.Tokens.mint;
import static dev.chattoken.sidecar.support.Tokens.payload;
import static dev.chattoken.sidecar.support.Tokens.verifiedHs256;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.nimbusds.jwt.SignedJWT;

import dev.chattoken.sidecar.support.Fixtures;

import io.quarkus.test.junit.QuarkusTest;

/** Huggy: HS256, header {@code {typ, alg}}, payload {@code {jti: userIdentifier}}; the widget gets both back. */
@QuarkusTest
class HuggyTokenTest {

    @Test
    void payloadIsExactlyJtiAndTheHeaderHasNoKid() throws Exception {
        var answer = mint("huggy", "{\"user_id\":\"user1@company.com\"}").statusCode(200)
                .body("vendor", equalTo("huggy"))
                .body("expires_at", nullValue())
                .extract();
        SignedJWT jwt = verifiedHs256(answer.path("token"), Fixtures.HMAC_SECRET);

        assertEquals(Map.of("typ", "JWT", "alg", "HS256"), header(jwt));
        assertEquals(Map.of("jti", "user1@company.com"), payload(jwt));
    }

    @Test
    void theAnswerCarriesUserIdentifierAndUserHashForHuggyData() {
        var answer = mint("huggy", "{\"user_id\":\"+5511999999999\"}").statusCode(200).extract();
        assertEquals("+5511999999999", answer.path("user_identifier"));
        assertEquals((String) answer.path("token"), answer.path("user_hash"));
    }

    @Test
    void aSecretShorterThan32BytesIsAcceptedAsTheVendorIssuedIt() throws Exception {
        verifiedHs256(mint("huggy-brief", "{\"user_id\":\"id-7\"}").statusCode(200).extract().path("token"), HUGGY_SECRET);
    }

    @Test
    void userIdentifierIsRequiredAndNothingElseIsAccepted() {
        mint("huggy", "{}").statusCode(400).body("field", equalTo("user_id"));
        mint("huggy", "{\"user_id\":\"a\",\"email\":\"a@b.c\"}").statusCode(400).body("field", equalTo("email"));
    }
}
