package dev.chattoken.sidecar.vendors;

import static dev.chattoken.sidecar.vendors.ClaimSource.field;

import dev.chattoken.sidecar.keys.SigningAlgorithm;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;

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
                // stream-chat-js adds iat and exp only when asked; Stream honours exp (its token provider fetches a
                // new token when one expires) and states no longest lifetime, so both are always set, an hour by
                // default (iat lets Stream's token revocation by date apply)
                .issuedAt()
                .expiresAt(Lifetime.unstatedLimit().byDefault(Duration.ofHours(1)))
                .example(Map.of("ttl", "1h"), "{\"user_id\":\"john\"}"));
    }
}
