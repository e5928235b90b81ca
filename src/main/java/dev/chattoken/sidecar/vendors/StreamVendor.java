package dev.chattoken.sidecar.vendors;

import static dev.chattoken.sidecar.vendors.ClaimSource.field;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chattoken.sidecar.keys.SigningAlgorithm;

/**
 * Stream Chat user token (getstream.io chat/docs tokens_and_authentication; GetStream/stream-chat-js
 * {@code src/signing.ts} {@code JWTUserToken}, {@code createToken(userID, exp?, iat?)}): HS256 with the app's API
 * secret, no {@code kid}. The client takes the token in {@code connectUser}; there is no other widget field.
 */
@ApplicationScoped
public class StreamVendor extends SpecifiedVendor {

    public StreamVendor() {
        super(VendorSpec.jwt("stream", SigningAlgorithm.HS256)
                .claim("user_id", field(IdentityField.USER_ID))
                // as in stream-chat-js, no iat and no exp unless asked: here both come with the profile's ttl
                // (iat lets Stream's token revocation by date apply); a token provider fetches fresh tokens, and
                // Stream states no longest lifetime
                .issuedAtWithExpiry()
                .expiresAt(Lifetime.unstated())
                .example(Map.of("ttl", "1h"), "{\"user_id\":\"john\"}"));
    }
}
