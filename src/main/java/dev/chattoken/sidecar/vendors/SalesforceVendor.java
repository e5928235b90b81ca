package dev.chattoken.sidecar.vendors;

import static dev.chattoken.sidecar.vendors.ClaimSource.field;
import static dev.chattoken.sidecar.vendors.ClaimSource.option;

import dev.chattoken.sidecar.keys.SigningAlgorithm;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Salesforce Messaging for In-App and Web (Enhanced Chat), token-based user verification
 * (developer.salesforce.com/docs/service/messaging-web/guide/user-verification.html), with the claims Salesforce's own
 * key-command-line-utility writes, and no {@code aud}. The page hands the token to
 * {@code embeddedservice_bootstrap.userVerificationAPI.setIdentityToken({identityTokenType: "JWT", identityToken})}.
 */
@ApplicationScoped
public class SalesforceVendor extends SpecifiedVendor {

    static final Option ISSUER =
            Option.required("issuer", Option.Kind.TEXT, "the issuer of the Salesforce keyset, sent as iss");

    public SalesforceVendor() {
        // "JWTs must be signed using the RS256 or RS512 algorithms"
        super(VendorSpec.jwt(
                        "salesforce",
                        new AlgorithmRule.Choice(List.of(SigningAlgorithm.RS256, SigningAlgorithm.RS512), "Salesforce"))
                // the keyset's key is picked by kid: the configured id, else the key's thumbprint, never none
                .keyId(KeyIdRule.kidOrThumbprint(
                        "the header kid, the key's kid in the keyset; default: the key's RFC " + "7638 thumbprint"))
                .claim("iss", option(ISSUER)) // it "matches the iss parameter value" of the keyset
                .claim("sub", field(IdentityField.USER_ID))
                .issuedAt()
                // "set its expiration time with the authorization mechanism of your choice": no limit stated
                .expiresAt(Lifetime.unstatedLimit().byDefault(Duration.ofMinutes(5)))
                // a keyset takes keys only as JWKs carrying x5c, a certificate "valid for at least 10 days"
                .publishesCertificate()
                .example(Map.of(ISSUER.name(), "https://shop.example"), "{\"user_id\":\"customer-42\"}"));
    }
}
