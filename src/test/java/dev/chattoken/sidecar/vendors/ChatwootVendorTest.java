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
 * Chatwoot identity validation (https://www.chatwoot.com/docs/product/channels/live-chat/sdk/identity-validation).
 * Chatwoot's own check (chatwoot/chatwoot {@code app/controllers/api/v1/widget/contacts_controller.rb}):
 * {@code params[:identifier_hash] == OpenSSL::HMAC.hexdigest('sha256', @web_widget.hmac_token,
 * params[:identifier].to_s)}, an exact string comparison, so the hash must be the lowercase hex of HMAC-SHA256(inbox
 * token, identifier). The widget takes it as {@code window.$chatwoot.setUser(identifier, {identifier_hash})}.
 */
class ChatwootVendorTest {

    private final Profile profile = VendorTesting.example(new ChatwootVendor());

    @Test
    void theIdentifierHashIsTheLowercaseHexHmacSha256OfTheIdentifier() throws Exception {
        MintedToken minted = VendorTesting.mint(profile, "{\"user_id\":\"customer-42\"}");

        assertEquals(Fixtures.hmacHex("customer-42"), minted.token());
        assertEquals(
                "f7c731ee69da21ca3a8c21ac39bef09e09d8d986cbac6060ca6e0d8d1d017782", minted.token(), "OpenSSL's value");
        assertFalse(profile.rules().signsJwt());
    }

    @Test
    void theAnswerCarriesItAsIdentifierHashAndNeverExpires() throws Exception {
        MintedToken minted = VendorTesting.mint(profile, "{\"user_id\":\"customer-42\"}");

        assertEquals(Map.of("identifier_hash", minted.token()), minted.widgetFields());
        assertEquals(Optional.empty(), minted.expiresAt());
    }

    @Test
    void theIdentifierIsSignedExactlyAsSent() throws Exception {
        assertEquals(
                Fixtures.hmacHex("Customer 42 ✓"),
                VendorTesting.mint(profile, "{\"user_id\":\"Customer 42 ✓\"}").token());
    }

    @Test
    void theIdentifierIsRequiredAndIsTheOnlyFieldAccepted() {
        // setUser also takes email, name, avatar_url, phone_number: unsigned, so the app passes them to the widget
        // itself
        assertEquals(Set.of(IdentityField.USER_ID), profile.rules().acceptedFields());
        assertRefused("{}", Reason.MISSING_FIELD, "user_id");
        assertRefused("{\"user_id\":\"\"}", Reason.MISSING_FIELD, "user_id");
        assertRefused("{\"user_id\":\"c\",\"email\":\"c@example.com\"}", Reason.UNSUPPORTED_FIELD, "email");
        assertRefused("{\"user_id\":\"c\\u0000\"}", Reason.INVALID_FIELD, "user_id");
    }

    private void assertRefused(String body, Reason reason, String field) {
        InvalidRequestException refused =
                assertThrows(InvalidRequestException.class, () -> VendorTesting.mint(profile, body));
        assertEquals(reason, refused.reason(), body);
        assertEquals(field, refused.field(), body);
    }
}
