package dev.chattoken.sidecar.vendors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * Crisp identity verification (https://docs.crisp.chat/guides/chatbox-sdks/web-sdk/identity-verification): the backend
 * "signs John's email"; Crisp's own plugins compute {@code hash_hmac("sha256", $email, $website_verify)}
 * (crisp-im/crisp-plugin-wordpress {@code crisp.php}), lowercase hex, and hand it over as {@code $crisp.push(["set",
 * "user:email", [email, signature]])} (crisp-im/crisp-sdk-web {@code src/user.ts}).
 */
class CrispVendorTest {

    private final Profile profile = VendorTesting.example(new CrispVendor());

    @Test
    void theSignatureIsTheLowercaseHexHmacSha256OfTheEmail() throws Exception {
        MintedToken minted = VendorTesting.mint(profile, "{\"email\":\"john@doe.name\"}");

        assertEquals(Fixtures.hmacHex("john@doe.name"), minted.token());
        // the same value from OpenSSL (what PHP's hash_hmac calls): printf %s john@doe.name | openssl dgst -sha256
        // -hmac <fixture>
        assertEquals("b82fb8d7e05c5bae04b00625d7389a21597a247e40a7cce91f32158c80ea4161", minted.token());
        assertFalse(profile.rules().signsJwt());
    }

    @Test
    void theAnswerCarriesItAsSignatureAndNeverExpires() throws Exception {
        MintedToken minted = VendorTesting.mint(profile, "{\"email\":\"john@doe.name\"}");

        assertEquals(Map.of("signature", minted.token()), minted.widgetFields());
        assertEquals(Optional.empty(), minted.expiresAt());
        assertEquals(Optional.empty(), minted.keyId());
    }

    @Test
    void theEmailIsSignedExactlyAsSentNeverLowerCased() throws Exception {
        String mixed =
                VendorTesting.mint(profile, "{\"email\":\"John@Doe.name\"}").token();
        String unicode = VendorTesting.mint(profile, "{\"email\":\"zo\\u00eb@example.com\"}")
                .token();

        assertEquals(Fixtures.hmacHex("John@Doe.name"), mixed);
        assertNotEquals(Fixtures.hmacHex("john@doe.name"), mixed, "the app must send the string it gives the widget");
        assertEquals(Fixtures.hmacHex("zoë@example.com"), unicode, "UTF-8 bytes of the e-mail as sent");
    }

    @Test
    void theEmailIsRequiredAndIsTheOnlyFieldAccepted() {
        assertEquals(Set.of(IdentityField.EMAIL), profile.rules().acceptedFields());
        assertRefused("{}", Reason.MISSING_FIELD, "email");
        assertRefused("{\"email\":\"john@doe.name\",\"user_id\":\"42\"}", Reason.UNSUPPORTED_FIELD, "user_id");
        assertRefused("{\"email\":\"john@doe.name\",\"name\":\"John\"}", Reason.UNSUPPORTED_FIELD, "name");
    }

    @Test
    void anEmailThatIsNotOneOrHoldsInvisibleCharactersIsRefusedNotCleaned() {
        assertRefused("{\"email\":\"john\"}", Reason.INVALID_FIELD, "email");
        assertRefused("{\"email\":\"john@doe.name\\u200b\"}", Reason.INVALID_FIELD, "email");
        assertRefused("{\"email\":\"  \"}", Reason.MISSING_FIELD, "email");
    }

    @Test
    void theProfileTakesNoOptions() {
        assertTrue(new CrispVendor().options().isEmpty());
    }

    private void assertRefused(String body, Reason reason, String field) {
        InvalidRequestException refused =
                assertThrows(InvalidRequestException.class, () -> VendorTesting.mint(profile, body));
        assertEquals(reason, refused.reason(), body);
        assertEquals(field, refused.field(), body);
    }
}
