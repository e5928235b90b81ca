package dev.chattoken.sidecar.vendors;

import static dev.chattoken.sidecar.vendors.ClaimSource.constant;
import static dev.chattoken.sidecar.vendors.ClaimSource.field;

import dev.chattoken.sidecar.keys.SigningAlgorithm;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;

/**
 * DigitalGenius ({@code vendor-docs/dg.txt}): HS256 with the DG API secret, header {@code kid} = the DG API key,
 * payload {@code {scope: "user", external_id}}. DG issues the API key and the secret as a pair: mount the key in the
 * same Secret and name it with {@code key-id-file} to rotate both.
 */
@ApplicationScoped
public class DgVendor extends SpecifiedVendor {

    public DgVendor() {
        super(VendorSpec.jwt("dg", SigningAlgorithm.HS256)
                .keyId(KeyIdRule.kid(true, "the DG API key, sent as the header kid"))
                .claim("scope", constant("user"))
                .claim("external_id", field(IdentityField.USER_ID))
                // DG states no lifetime and does not say whether it checks exp (the widget takes fresh tokens
                // through sendSystemMessage); a token handed to a browser expires all the same: an hour, as
                // Intercom's and Twilio's own examples, long enough for a page visit, short for a leaked token
                .issuedAt()
                .expiresAt(Lifetime.unstatedLimit().byDefault(Duration.ofHours(1)))
                .example(Map.of("key-id", "dg-api-key-1"), "{\"user_id\":\"customer-42\"}"));
    }
}
