package dev.chattoken.sidecar.vendors;

import static dev.chattoken.sidecar.support.Fixtures.HMAC_SECRET;
import static dev.chattoken.sidecar.support.Tokens.header;
import static dev.chattoken.sidecar.support.Tokens.payload;
import static dev.chattoken.sidecar.support.Tokens.payloadJson;
import static dev.chattoken.sidecar.support.Tokens.verifiedHs256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import dev.chattoken.sidecar.profile.Profile;
import dev.chattoken.sidecar.support.VendorTesting;
import dev.chattoken.sidecar.vendors.InvalidRequestException.Reason;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Kustomer: HS256, header {@code {alg, typ}}, {@code externalId} and/or {@code email}, {@code iat} in seconds. */
class KustomerVendorTest {

    private final Profile kustomer = VendorTesting.example(new KustomerVendor());

    @Test
    void externalIdAndAnIntegerIatInSeconds() throws Exception {
        long before = Instant.now().getEpochSecond();
        SignedJWT jwt = verified("{\"user_id\":\"cust-1\"}");
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
        SignedJWT jwt = verified("{\"email\":\"ana@example.com\"}");
        assertEquals(Set.of("email", "iat"), payload(jwt).keySet());
        assertEquals("ana@example.com", payload(jwt).get("email"));
    }

    @Test
    void bothAreSentWhenBothAreGiven() throws Exception {
        assertEquals(
                Set.of("externalId", "email", "iat"),
                payload(verified("{\"user_id\":\"c-9\",\"email\":\"c9@example.com\"}"))
                        .keySet());
    }

    @Test
    void theTokenHasNoExpAndTheAnswerSaysSo() throws Exception {
        assertEquals(
                Optional.empty(),
                VendorTesting.mint(kustomer, "{\"user_id\":\"c\"}").expiresAt());
    }

    @Test
    void neitherUserIdNorEmailIsRefused() {
        InvalidRequestException refused =
                assertThrows(InvalidRequestException.class, () -> VendorTesting.mint(kustomer, "{}"));
        assertEquals(Reason.MISSING_FIELD, refused.reason());
        assertEquals("user_id", refused.field());
    }

    @Test
    void aMalformedEmailIsRefused() {
        InvalidRequestException refused = assertThrows(
                InvalidRequestException.class, () -> VendorTesting.mint(kustomer, "{\"email\":\"not an email\"}"));
        assertEquals(Reason.INVALID_FIELD, refused.reason());
        assertEquals("email", refused.field());
    }

    private SignedJWT verified(String body) throws Exception {
        return verifiedHs256(VendorTesting.mint(kustomer, body).token(), HMAC_SECRET);
    }
}
