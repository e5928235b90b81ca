package dev.chattoken.sidecar.vendors;

import static dev.chattoken.sidecar.vendors.ClaimSource.field;

import dev.chattoken.sidecar.keys.SigningAlgorithm;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;

/**
 * Intercom Messenger security with JWT (developers.intercom.com installing-intercom/web/identity-verification): HS256
 * with the Messenger API secret; no {@code kid}, as in Intercom's own {@code IntercomRails::ScriptTag#generate_jwt}.
 */
@ApplicationScoped
public class IntercomVendor extends SpecifiedVendor {

    public IntercomVendor() {
        super(VendorSpec.jwt("intercom", SigningAlgorithm.HS256)
                .claim("user_id", field(IdentityField.USER_ID))
                .optionalClaims(IdentityField.EMAIL) // a signed user attribute
                // expiries that "match your app's session length", no limit stated (Intercom's Rails gem uses
                // 24h); an hour by default, as Intercom's own example signs exp: Time.now.to_i+3600
                .expiresAt(Lifetime.unstatedLimit().byDefault(Duration.ofHours(1)))
                // the Messenger takes the token as intercomSettings.intercom_user_jwt
                .widgetField(WidgetField.token("intercom_user_jwt"))
                .example(Map.of("ttl", "1h"), "{\"user_id\":\"42\",\"email\":\"ana@example.com\"}"));
    }
}
