package dev.chattoken.sidecar.vendors;

import static dev.chattoken.sidecar.vendors.ClaimSource.field;

import dev.chattoken.sidecar.keys.SigningAlgorithm;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * Huggy Chat ({@code vendor-docs/huggy.txt}): HS256 with the widget's secret key, header {@code {typ, alg}}, and no
 * time claims.
 */
@ApplicationScoped
public class HuggyVendor extends SpecifiedVendor {

    public HuggyVendor() {
        super(VendorSpec.jwt("huggy", SigningAlgorithm.HS256)
                .claim("jti", field(IdentityField.USER_ID)) // the userIdentifier, and nothing else
                // the widget takes huggyData = {userIdentifier, userHash}
                .widgetField(WidgetField.of("user_identifier", IdentityField.USER_ID))
                .widgetField(WidgetField.token("user_hash"))
                .example(Map.of(), "{\"user_id\":\"user1@company.com\"}"));
    }
}
