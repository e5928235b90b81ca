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
 * Front Chat identity verification (https://dev.frontapp.com/docs/identify-users): "a server-side generated HMAC ...
 * with SHA-256", {@code hash_hmac('sha256', $userEmail, $verificationSecret)}, and "The user hash must explicitly be
 * generated from a user ID, if a user ID is being passed to the SDK". The widget takes it as {@code userHash} in
 * {@code FrontChat('identity', {email, userHash, ...})} (https://dev.frontapp.com/docs/chat-sdk-reference).
 */
class FrontVendorTest {

    private final Profile profile = VendorTesting.example(new FrontVendor());

    @Test
    void withoutAUserIdTheEmailIsSigned() throws Exception {
        MintedToken minted = VendorTesting.mint(profile, "{\"email\":\"leela@planetexpress.com\"}");

        assertEquals(Fixtures.hmacHex("leela@planetexpress.com"), minted.token());
        assertEquals(
                "068d15ec33052a9f80bd3c4571d22c3efd5891ff659dd38c9e02a04a28852579", minted.token(), "OpenSSL's value");
        assertFalse(profile.rules().signsJwt());
    }

    @Test
    void aUserIdIsSignedInsteadOfTheEmailWhenBothAreSent() throws Exception {
        assertEquals(
                Fixtures.hmacHex("u-1999"),
                VendorTesting.mint(profile, "{\"user_id\":\"u-1999\"}").token());
        assertEquals(
                Fixtures.hmacHex("u-1999"),
                VendorTesting.mint(profile, "{\"user_id\":\"u-1999\",\"email\":\"leela@planetexpress.com\"}")
                        .token());
    }

    @Test
    void theAnswerCarriesItAsUserHashAndNeverExpires() throws Exception {
        MintedToken minted = VendorTesting.mint(profile, "{\"email\":\"leela@planetexpress.com\"}");

        assertEquals(Map.of("userHash", minted.token()), minted.widgetFields());
        assertEquals(Optional.empty(), minted.expiresAt());
    }

    @Test
    void theSignedTextIsExactlyAsSent() throws Exception {
        assertEquals(
                Fixtures.hmacHex("Leela@PlanetExpress.com"),
                VendorTesting.mint(profile, "{\"email\":\"Leela@PlanetExpress.com\"}")
                        .token());
        assertEquals(
                Fixtures.hmacHex("u 7"),
                VendorTesting.mint(profile, "{\"user_id\":\"u 7\"}").token());
    }

    @Test
    void textThatWouldLookLikeAnotherUserIsRefusedNotTrimmed() {
        // the app hands Front the same text: a trimmed signature would not match it, an untrimmed one names a
        // look-alike
        assertRefused("{\"user_id\":\" u 7\"}", Reason.INVALID_FIELD, "user_id");
        assertRefused("{\"email\":\"leela@planetexpress.com\\u00a0\"}", Reason.INVALID_FIELD, "email");
    }

    @Test
    void userIdOrEmailIsRequiredAndNothingElseIsAccepted() {
        assertEquals(
                Set.of(IdentityField.USER_ID, IdentityField.EMAIL),
                profile.rules().acceptedFields());
        assertRefused("{}", Reason.MISSING_FIELD, "user_id");
        assertRefused(
                "{\"email\":\"leela@planetexpress.com\",\"name\":\"Turanga Leela\"}", Reason.UNSUPPORTED_FIELD, "name");
        assertRefused("{\"user_id\":\"a\\u200bb\"}", Reason.INVALID_FIELD, "user_id");
    }

    @Test
    void aMalformedEmailIsRefusedEvenWhenTheUserIdIsSigned() {
        // the app hands the e-mail to the widget as well ("The value of the email field should be a valid email
        // address")
        assertRefused("{\"user_id\":\"u-1\",\"email\":\"leela\"}", Reason.INVALID_FIELD, "email");
    }

    private void assertRefused(String body, Reason reason, String field) {
        InvalidRequestException refused =
                assertThrows(InvalidRequestException.class, () -> VendorTesting.mint(profile, body));
        assertEquals(reason, refused.reason(), body);
        assertEquals(field, refused.field(), body);
    }
}
