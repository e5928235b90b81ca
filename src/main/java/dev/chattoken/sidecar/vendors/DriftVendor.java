package dev.chattoken.sidecar.vendors;

import static dev.chattoken.sidecar.vendors.ClaimSource.field;

import dev.chattoken.sidecar.keys.SigningAlgorithm;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;

/**
 * Drift signed identities (devdocs.drift.com securing-drift-on-your-site-using-signed-identities): HS256 with the
 * widget's signing key, header {@code {typ: "JWT", alg: "HS256"}}, no {@code kid}. How the page hands the token to the
 * widget is not in the readable copies of the document, so the answer names no widget field.
 */
@ApplicationScoped
public class DriftVendor extends SpecifiedVendor {

    public DriftVendor() {
        super(VendorSpec.jwt("drift", SigningAlgorithm.HS256)
                // the user id given to drift.identify, as a string: the document's sample token decodes to
                // {"sub":"12345"} for the id 12345
                .claim("sub", field(IdentityField.USER_ID))
                // "In the event that a signed identity is invalid/expired, we will fall back to the unsigned
                // identity": exp is honoured; no longest lifetime is stated; an hour, as Intercom's and Twilio's
                // own examples
                .expiresAt(Lifetime.unstatedLimit().byDefault(Duration.ofHours(1)))
                .example(Map.of("ttl", "1h"), "{\"user_id\":\"12345\"}"));
    }
}
