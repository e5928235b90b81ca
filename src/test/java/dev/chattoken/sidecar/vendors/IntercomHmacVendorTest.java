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
 * Intercom's legacy identity verification: {@code OpenSSL::HMAC.hexdigest('sha256', api_key.secret, user_id_or_email)}
 * (https://developers.intercom.com/installing-intercom/ios/identity-verification/), with the user id when both are sent
 * (https://developers.intercom.com/installing-intercom/docs/enable-identity-verification-on-your-web-product), exactly
 * as Intercom's rails gem: {@code (user_details[:user_id] || user_details[:email]).to_s} (intercom/intercom-rails
 * {@code lib/intercom-rails/script_tag.rb}). The widget takes {@code intercomSettings.user_hash}.
 */
class IntercomHmacVendorTest {

    private final Profile profile = VendorTesting.example(new IntercomHmacVendor());

    @Test
    void theUserHashIsTheLowercaseHexHmacSha256OfTheUserId() throws Exception {
        MintedToken minted = VendorTesting.mint(profile, "{\"user_id\":\"customer-42\",\"email\":\"ana@example.com\"}");

        assertEquals(
                Fixtures.hmacHex("customer-42"), minted.token(), "the user id, not the e-mail, when both are sent");
        assertEquals(
                "f7c731ee69da21ca3a8c21ac39bef09e09d8d986cbac6060ca6e0d8d1d017782", minted.token(), "OpenSSL's value");
        assertFalse(profile.rules().signsJwt());
    }

    @Test
    void withoutAUserIdTheEmailIsSignedExactlyAsSent() throws Exception {
        assertEquals(
                Fixtures.hmacHex("Ana@Example.com"),
                VendorTesting.mint(profile, "{\"email\":\"Ana@Example.com\"}").token());
    }

    @Test
    void theAnswerCarriesItAsUserHashAndNeverExpires() throws Exception {
        MintedToken minted = VendorTesting.mint(profile, "{\"user_id\":\"customer-42\"}");

        assertEquals(Map.of("user_hash", minted.token()), minted.widgetFields());
        assertEquals(Optional.empty(), minted.expiresAt());
        assertEquals(Optional.empty(), minted.keyId());
    }

    @Test
    void userIdOrEmailIsRequiredAndNothingElseIsAccepted() {
        assertEquals(
                Set.of(IdentityField.USER_ID, IdentityField.EMAIL),
                profile.rules().acceptedFields());
        assertRefused("{}", Reason.MISSING_FIELD, "user_id");
        assertRefused("{\"user_id\":\"42\",\"name\":\"Ana\"}", Reason.UNSUPPORTED_FIELD, "name");
        assertRefused("{\"user_id\":\"42\",\"email\":\"not an e-mail\"}", Reason.INVALID_FIELD, "email");
        assertRefused("{\"user_id\":\"4\\u20282\"}", Reason.INVALID_FIELD, "user_id");
    }

    private void assertRefused(String body, Reason reason, String field) {
        InvalidRequestException refused =
                assertThrows(InvalidRequestException.class, () -> VendorTesting.mint(profile, body));
        assertEquals(reason, refused.reason(), body);
        assertEquals(field, refused.field(), body);
    }
}
