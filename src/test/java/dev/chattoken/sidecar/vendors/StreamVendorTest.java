package dev.chattoken.sidecar.vendors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import dev.chattoken.sidecar.keys.SigningAlgorithm;
import dev.chattoken.sidecar.profile.Profile;
import dev.chattoken.sidecar.support.Fixtures;
import dev.chattoken.sidecar.support.VendorTesting;
import dev.chattoken.sidecar.token.MintedToken;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Stream Chat user token: "the token must include the userID claim in the token payload"
 * (https://getstream.io/chat/docs/node/tokens_and_authentication/). GetStream/stream-chat-js {@code src/signing.ts}
 * signs {@code {user_id: <string>}} with the API secret, HS256, {@code noTimestamp} (no {@code iat}), and
 * {@code createToken(userID, exp?, iat?)} adds {@code exp}/{@code iat} only when given; stream-cli says "This token has
 * no expiration" without one.
 */
class StreamVendorTest {

    private final Vendor vendor = new StreamVendor();

    @Test
    void withoutTtlTheTokenIsTheUserIdUnderTypAndAlgWithIatAndExpAnHourApart() throws Exception {
        Profile profile = VendorTesting.profile(vendor, Map.of());
        long before = Instant.now().getEpochSecond();
        MintedToken minted = VendorTesting.mint(profile, "{\"user_id\":\"john\"}");
        long after = Instant.now().getEpochSecond();
        SignedJWT jwt = verified(minted);
        assertEquals(Map.of("typ", "JWT", "alg", "HS256"), jwt.getHeader().toJSONObject());
        long iat = (Long) jwt.getPayload().toJSONObject().get("iat");
        assertTrue(iat >= before && iat <= after, "iat is the time of the request");
        assertEquals(
                Map.of("user_id", "john", "iat", iat, "exp", iat + 3600),
                jwt.getPayload().toJSONObject(),
                "an hour by default: the client's token provider fetches a new token when one expires");
        assertEquals(Optional.of(iat + 3600), minted.expiresAt().map(Instant::getEpochSecond));
        assertEquals(Map.of(), minted.widgetFields(), "connectUser takes the token itself");
        assertEquals(Optional.of(Duration.ofHours(1)), profile.rules().maxTokenLifetime());
        assertEquals(Optional.empty(), profile.rules().issuer(Optional.empty()));
    }

    @Test
    void aTtlAddsIatAndExpTtlApartAtMostADay() throws Exception {
        long before = Instant.now().getEpochSecond();
        MintedToken minted =
                VendorTesting.mint(VendorTesting.profile(vendor, Map.of("ttl", "30m")), "{\"user_id\":\"john\"}");
        long after = Instant.now().getEpochSecond();
        Map<String, Object> claims = verified(minted).getPayload().toJSONObject();
        long iat = (Long) claims.get("iat");
        assertTrue(iat >= before && iat <= after, "iat is the time of the request");
        assertEquals(Map.of("user_id", "john", "iat", iat, "exp", iat + 1800), claims);
        assertEquals(Optional.of(iat + 1800), minted.expiresAt().map(Instant::getEpochSecond));

        assertEquals(
                Optional.of(Duration.ofHours(24)),
                VendorTesting.profile(vendor, Map.of("ttl", "24h")).rules().maxTokenLifetime());
        String refusal = VendorTesting.refusal(vendor, Map.of("ttl", "86401"));
        assertTrue(
                refusal.contains("chat-token.profiles.stream.ttl is 86401s; stream accepts at most 86400s"), refusal);
    }

    @Test
    void userIdIsRequiredAndNothingElseIsTaken() throws Exception {
        Profile profile = VendorTesting.profile(vendor, Map.of());
        InvalidRequestException missing =
                assertThrows(InvalidRequestException.class, () -> VendorTesting.mint(profile, "{}"));
        assertEquals(InvalidRequestException.Reason.MISSING_FIELD, missing.reason());
        assertEquals("user_id", missing.field());
        InvalidRequestException name = assertThrows(
                InvalidRequestException.class,
                () -> VendorTesting.mint(profile, "{\"user_id\":\"john\",\"name\":\"John\"}"));
        assertEquals(InvalidRequestException.Reason.UNSUPPORTED_FIELD, name.reason());
        assertEquals("name", name.field());
    }

    private static SignedJWT verified(MintedToken minted) throws Exception {
        return Fixtures.verifiedJwt(minted.token(), SigningAlgorithm.HS256);
    }
}
