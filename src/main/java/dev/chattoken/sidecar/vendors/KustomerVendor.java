package dev.chattoken.sidecar.vendors;

import static dev.chattoken.sidecar.vendors.ClaimSource.optional;

import dev.chattoken.sidecar.keys.SigningAlgorithm;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;

/**
 * Kustomer Chat ({@code vendor-docs/kustomer.txt}): HS256 with the secret from {@code /v1/auth/customer/settings},
 * header {@code {alg, typ}}, no {@code exp}.
 */
@ApplicationScoped
public class KustomerVendor extends SpecifiedVendor {

    public KustomerVendor() {
        super(VendorSpec.jwt("kustomer", SigningAlgorithm.HS256)
                // externalId and/or email; Kustomer prefers the e-mail when both are given
                .requireOneOf(
                        IdentityField.USER_ID,
                        IdentityField.EMAIL,
                        "user_id or email is required (Kustomer identifies the customer by externalId or email)")
                .claim("externalId", optional(IdentityField.USER_ID))
                .optionalClaims(IdentityField.EMAIL)
                .issuedAt() // integer seconds, accepted while within 15 minutes of Kustomer's clock
                .acceptedFor(Duration.ofMinutes(15))
                .example(Map.of(), "{\"user_id\":\"42\",\"email\":\"ana@example.com\"}"));
    }
}
