package dev.chattoken.sidecar.vendors;

import static dev.chattoken.sidecar.support.Fixtures.HMAC_SECRET;
import static dev.chattoken.sidecar.support.Tokens.header;
import static dev.chattoken.sidecar.support.Tokens.mint;
import static dev.chattoken.sidecar.support.Tokens.mintOk;
import static dev.chattoken.sidecar.support.Tokens.payload;
import static dev.chattoken.sidecar.support.Tokens.payloadJson;
import static dev.chattoken.sidecar.support.Tokens.verifiedHs256;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.nimbusds.jwt.SignedJWT;

import io.quarkus.test.junit.QuarkusTest;

/** Kustomer: HS256, header {@code {alg, typ}}, {@code externalId} and/or {@code email}, {@code iat} in seconds. */
@QuarkusTest
class KustomerTokenTest {

    @Test
    void externalIdAndAnIntegerIatInSeconds() throws Exception {
        long before = Instant.now().getEpochSecond();
        SignedJWT jwt = verifiedHs256(mintOk("kustomer", "{\"user_id\":\"cust-1\"}"), HMAC_SECRET);
        long after = Instant.now().getEpochSecond();

        assertEquals(Map.of("alg", "HS256", "typ", "JWT"), header(jwt));
        assertEquals(Set.of("externalId", "iat"), payload(jwt).keySet());
        assertEquals("cust-1", payload(jwt).get("externalId"));
        long iat = assertInstanceOf(Long.class, payload(jwt).get("iat"));
        assertTrue(iat >= before && iat <= after, "iat is now, in seconds (not milliseconds)");
        assertTrue(payloadJson(jwt).matches(".*\"iat\":\\d{10}[,}].*"), "iat is a JSON integer");
    }

    @Test
    void emailAloneIdentifiesTheCustomer() throws Exception {
        SignedJWT jwt = verifiedHs256(mintOk("kustomer", "{\"email\":\"ana@example.com\"}"), HMAC_SECRET);
        assertEquals(Set.of("email", "iat"), payload(jwt).keySet());
        assertEquals("ana@example.com", payload(jwt).get("email"));
    }

    @Test
    void bothAreSentWhenBothAreGiven() throws Exception {
        SignedJWT jwt = verifiedHs256(mintOk("kustomer", "{\"user_id\":\"c-9\",\"email\":\"c9@example.com\"}"),
                HMAC_SECRET);
        assertEquals(Set.of("externalId", "email", "iat"), payload(jwt).keySet());
    }

    @Test
    void theTokenHasNoExpAndTheAnswerSaysSo() {
        mint("kustomer", "{\"user_id\":\"c\"}").statusCode(200).body("expires_at", nullValue());
    }

    @Test
    void neitherUserIdNorEmailIsRefused() {
        mint("kustomer", "{}").statusCode(400).body("field", equalTo("user_id"))
                .body("type", equalTo("urn:chat-token-sidecar:problem:missing-field"));
    }

    @Test
    void aMalformedEmailIsRefused() {
        mint("kustomer", "{\"email\":\"not an email\"}").statusCode(400).body("field", equalTo("email"))
                .body("type", equalTo("urn:chat-token-sidecar:problem:invalid-field"));
    }
}
