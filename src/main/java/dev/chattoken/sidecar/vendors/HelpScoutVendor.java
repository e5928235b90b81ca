package dev.chattoken.sidecar.vendors;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Help Scout Beacon Secure Mode (https://developer.helpscout.com/beacon-2/web/secure-mode/): "generate a SHA-256 HMAC
 * code on your server", {@code OpenSSL::HMAC.hexdigest('sha256', 'secret_key_from_beacon_config', user.email)}
 * (lowercase hex), passed as {@code Beacon('identify', {name, email, signature})}. The key is the Beacon's "Support
 * history security" secret; the signature never expires. Only the e-mail is signed, so only the e-mail is taken.
 */
@ApplicationScoped
public class HelpScoutVendor extends SpecifiedVendor {

    public HelpScoutVendor() {
        super(VendorSpec.digest("helpscout", IdentityField.EMAIL, "signature")
                .example("{\"email\":\"steve@aoki.com\"}"));
    }
}
