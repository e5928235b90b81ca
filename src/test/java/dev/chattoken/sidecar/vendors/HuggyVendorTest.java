package dev.chattoken.sidecar.vendors;

import static dev.chattoken.sidecar.support.Tokens.HUGGY_SECRET;
import static dev.chattoken.sidecar.support.Tokens.header;
import static dev.chattoken.sidecar.support.Tokens.payload;
import static dev.chattoken.sidecar.support.Tokens.verifiedHs256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jwt.SignedJWT;
import dev.chattoken.sidecar.profile.Profile;
import dev.chattoken.sidecar.support.Fixtures;
import dev.chattoken.sidecar.support.Tokens;
import dev.chattoken.sidecar.support.VendorTesting;
import dev.chattoken.sidecar.token.MintedToken;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Huggy: HS256, header {@code {typ, alg}}, payload {@code {jti: userIdentifier}}; the widget gets both back. */
class HuggyVendorTest {

    private final Vendor vendor = new HuggyVendor();
    private final Profile huggy = VendorTesting.example(vendor);

    @Test
    void payloadIsExactlyJtiAndTheHeaderHasNoKid() throws Exception {
        MintedToken minted = VendorTesting.mint(huggy, "{\"user_id\":\"user1@company.com\"}");
        assertEquals("huggy", minted.vendor());
        assertEquals(Optional.empty(), minted.expiresAt());
        SignedJWT jwt = verifiedHs256(minted.token(), Fixtures.HMAC_SECRET);

        assertEquals(Map.of("typ", "JWT", "alg", "HS256"), header(jwt));
        assertEquals(Map.of("jti", "user1@company.com"), payload(jwt));
    }

    @Test
    void theAnswerCarriesUserIdentifierAndUserHashForHuggyData() throws Exception {
        MintedToken minted = VendorTesting.mint(huggy, "{\"user_id\":\"+5511999999999\"}");
        assertEquals("+5511999999999", minted.widgetFields().get("user_identifier"));
        assertEquals(minted.token(), minted.widgetFields().get("user_hash"));
    }

    @Test
    void aSecretShorterThan32BytesIsAcceptedAsTheVendorIssuedIt() throws Exception {
        Profile brief = VendorTesting.profile(vendor, Map.of(), Optional.of(Tokens.KEYS.resolve("huggy.secret")));
        verifiedHs256(VendorTesting.mint(brief, "{\"user_id\":\"id-7\"}").token(), HUGGY_SECRET);
    }

    @Test
    void userIdentifierIsRequiredAndNothingElseIsAccepted() {
        assertEquals(
                "user_id",
                assertThrows(InvalidRequestException.class, () -> VendorTesting.mint(huggy, "{}"))
                        .field());
        assertEquals(
                "email",
                assertThrows(
                                InvalidRequestException.class,
                                () -> VendorTesting.mint(huggy, "{\"user_id\":\"a\",\"email\":\"a@b.c\"}"))
                        .field());
    }
}
