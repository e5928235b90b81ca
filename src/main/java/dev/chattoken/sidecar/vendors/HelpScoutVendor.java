package dev.chattoken.sidecar.vendors;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Help Scout Beacon Secure Mode (https://developer.helpscout.com/beacon-2/web/secure-mode/): "generate a SHA-256
 * HMAC code on your server", {@code OpenSSL::HMAC.hexdigest('sha256', 'secret_key_from_beacon_config', user.email)}
 * (lowercase hex), passed as {@code Beacon('identify', {name, email, signature})}. The key is the Beacon's "Support
 * history security" secret; the signature never expires. Only the e-mail is signed, so only the e-mail is taken.
 */
@ApplicationScoped
public class HelpScoutVendor implements Vendor {

    private static final VendorProfile PROFILE = HmacDigestProfile.hex(Set.of(IdentityField.EMAIL),
            HmacDigestProfile::requiredEmail, "signature");

    @Override
    public String id() {
        return "helpscout";
    }

    @Override
    public List<Option> options() {
        return List.of();
    }

    @Override
    public VendorProfile configure(ProfileOptions options) {
        return PROFILE;
    }

    @Override
    public Example example() {
        return new Example(Map.of(), "{\"email\":\"steve@aoki.com\"}");
    }
}
