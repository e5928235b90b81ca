package dev.chattoken.sidecar.vendors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chattoken.sidecar.profile.Profile;
import dev.chattoken.sidecar.support.Fixtures;
import dev.chattoken.sidecar.support.VendorTesting;
import dev.chattoken.sidecar.token.MintedToken;
import dev.chattoken.sidecar.vendors.InvalidRequestException.Reason;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * tawk.to Secure Mode, {@code Tawk_API.login({hash, userId, name, email}, callback)}
 * (https://help.tawk.to/article/how-to-set-up-logins-with-a-hash-using-javascript-api): "A hash encrypts your secret
 * key and user ID into a string"; tawk.to answers 401 when "The user ID doesn't match the encrypted hash value". The
 * key is the property's JavaScript API key (https://help.tawk.to/article/how-to-generate-a-hash-for-javascript-api).
 * The article's code is an image; the digest here is the one working integrations compute,
 * {@code CryptoJS.HmacSHA256(userId, key).toString(CryptoJS.enc.Hex)}: lowercase hex HMAC-SHA256 of the user id.
 */
class TawktoVendorTest {

    private final Profile profile = VendorTesting.example(new TawktoVendor());

    @Test
    void theHashIsTheLowercaseHexHmacSha256OfTheUserIdWithThePropertysKey() throws Exception {
        MintedToken minted = VendorTesting.mint(profile, "{\"user_id\":\"customer-42\"}");

        assertEquals(Fixtures.hmacHex("customer-42"), minted.token(), "the JDK's HmacSHA256 of the user id, as hex");
        assertEquals(
                "f7c731ee69da21ca3a8c21ac39bef09e09d8d986cbac6060ca6e0d8d1d017782",
                minted.token(),
                "CryptoJS.HmacSHA256('customer-42', key).toString(CryptoJS.enc.Hex), as OpenSSL computes it");
        assertFalse(profile.rules().signsJwt());
    }

    @Test
    void theAnswerCarriesItAsHashForLoginAndItNeverExpires() throws Exception {
        MintedToken minted = VendorTesting.mint(profile, "{\"user_id\":\"customer-42\"}");

        assertEquals(Map.of("hash", minted.token()), minted.widgetFields());
        assertEquals(Optional.empty(), minted.expiresAt());
        assertEquals(Optional.empty(), minted.keyId());
    }

    @Test
    void theUserIdIsSignedExactlyAsSentNeverTheEmail() throws Exception {
        assertEquals(
                Fixtures.hmacHex("Ana.Lima@Example.com"),
                VendorTesting.mint(profile, "{\"user_id\":\"Ana.Lima@Example.com\"}")
                        .token(),
                "not lower-cased");
        assertEquals(
                Set.of(IdentityField.USER_ID),
                profile.rules().acceptedFields(),
                "name and email go to login() from the app, unsigned: the legacy hash of the e-mail is not this vendor");
    }

    @Test
    void theUserIdIsRequiredAndNothingElseIsTaken() {
        assertRefused("{}", Reason.MISSING_FIELD, "user_id");
        assertRefused("{\"user_id\":\"\"}", Reason.MISSING_FIELD, "user_id");
        assertRefused("{\"user_id\":\"c\",\"email\":\"c@example.com\"}", Reason.UNSUPPORTED_FIELD, "email");
        assertRefused("{\"user_id\":\"c\\u200b\"}", Reason.INVALID_FIELD, "user_id");
    }

    @Test
    void aProfileTakesNoOptionAndNoKeyId() {
        String refusal = VendorTesting.refusal(new TawktoVendor(), Map.of("key-id", "property-1"));
        assertEquals(
                "profile 'tawkto': chat-token.profiles.tawkto.key-id is not used by tawkto tokens; remove it", refusal);
    }

    private void assertRefused(String body, Reason reason, String field) {
        InvalidRequestException refused =
                assertThrows(InvalidRequestException.class, () -> VendorTesting.mint(profile, body));
        assertEquals(reason, refused.reason(), body);
        assertEquals(field, refused.field(), body);
    }
}
