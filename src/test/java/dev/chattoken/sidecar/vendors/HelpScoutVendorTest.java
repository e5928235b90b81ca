package dev.chattoken.sidecar.vendors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chattoken.sidecar.profile.Profile;
import dev.chattoken.sidecar.support.Fixtures;
import dev.chattoken.sidecar.support.VendorTesting;
import dev.chattoken.sidecar.token.MintedToken;
import dev.chattoken.sidecar.vendors.InvalidRequestException.Reason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Help Scout Beacon Secure Mode (https://developer.helpscout.com/beacon-2/web/secure-mode/, and the older
 * https://developer.helpscout.com/beacon-2/secure-mode/): "generate a SHA-256 HMAC code on your server",
 * {@code OpenSSL::HMAC.hexdigest('sha256', 'secret_key_from_beacon_config', user.email)}, passed as
 * {@code Beacon('identify', {name, email, signature})}.
 *
 * <p>The older page's sample signature ({@code 2fe4d4a5...99a3}, for "steve@aoki.com") is not the HMAC of that e-mail
 * with the page's own sample key ({@code JNbSz...ME4}), nor of any other value the page shows: it is a placeholder, so
 * the worked example checked here is the page's Ruby call with its sample key, recomputed by the JDK and OpenSSL.
 */
class HelpScoutVendorTest {

    /** The sample Beacon secret of https://developer.helpscout.com/beacon-2/secure-mode/. */
    private static final String DOC_SAMPLE_KEY = "JNbSzXIEonCFiiOepXyMtcXlTMVjtWX7wFZbiME4";

    @TempDir
    Path dir;

    private final Profile profile = VendorTesting.example(new HelpScoutVendor());

    @Test
    void theSignatureIsTheLowercaseHexHmacSha256OfTheEmail() throws Exception {
        MintedToken minted = VendorTesting.mint(profile, "{\"email\":\"steve@aoki.com\"}");

        assertEquals(Fixtures.hmacHex("steve@aoki.com"), minted.token());
        assertEquals(
                "aa528adebde3e1a7eec4b3ade4f9ad68aad95e75fe88d84f1a778af592b88654", minted.token(), "OpenSSL's value");
        assertFalse(profile.rules().signsJwt());
    }

    @Test
    void theDocumentsRubyExampleWithItsSampleKey() throws Exception {
        Path key = Files.writeString(dir.resolve("beacon.secret"), DOC_SAMPLE_KEY + "\n", StandardCharsets.UTF_8);
        Profile sample = VendorTesting.profile(new HelpScoutVendor(), Map.of(), Optional.of(key));

        String signature =
                VendorTesting.mint(sample, "{\"email\":\"steve@aoki.com\"}").token();

        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(DOC_SAMPLE_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertEquals(
                HexFormat.of().formatHex(mac.doFinal("steve@aoki.com".getBytes(StandardCharsets.UTF_8))), signature);
        // printf %s steve@aoki.com | openssl dgst -sha256 -hmac JNbSzXIEonCFiiOepXyMtcXlTMVjtWX7wFZbiME4
        assertEquals("24bfb689844dcf614adee2fd117272ddde542a6bd7091b035401eb941a46d016", signature);
    }

    @Test
    void theAnswerCarriesItAsSignatureAndNeverExpires() throws Exception {
        MintedToken minted = VendorTesting.mint(profile, "{\"email\":\"steve@aoki.com\"}");

        assertEquals(Map.of("signature", minted.token()), minted.widgetFields());
        assertEquals(Optional.empty(), minted.expiresAt());
    }

    @Test
    void theEmailIsSignedExactlyAsSent() throws Exception {
        assertEquals(
                Fixtures.hmacHex("Steve@Aoki.com"),
                VendorTesting.mint(profile, "{\"email\":\"Steve@Aoki.com\"}").token());
    }

    @Test
    void theEmailIsRequiredAndIsTheOnlyFieldAccepted() {
        // Beacon's identify also takes name, but only the e-mail is signed: the app passes the name to Beacon itself
        assertEquals(Set.of(IdentityField.EMAIL), profile.rules().acceptedFields());
        assertRefused("{}", Reason.MISSING_FIELD, "email");
        assertRefused("{\"email\":\"steve@aoki.com\",\"name\":\"Steve Aoki\"}", Reason.UNSUPPORTED_FIELD, "name");
        assertRefused("{\"email\":\"steve@aoki.com\",\"user_id\":\"7\"}", Reason.UNSUPPORTED_FIELD, "user_id");
        assertRefused("{\"email\":\"steve\\n@aoki.com\"}", Reason.INVALID_FIELD, "email");
    }

    private void assertRefused(String body, Reason reason, String field) {
        InvalidRequestException refused =
                assertThrows(InvalidRequestException.class, () -> VendorTesting.mint(profile, body));
        assertEquals(reason, refused.reason(), body);
        assertEquals(field, refused.field(), body);
    }
}
