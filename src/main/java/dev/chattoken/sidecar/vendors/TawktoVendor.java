package dev.chattoken.sidecar.vendors;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * tawk.to Secure Mode, the {@code login} form (help.tawk.to, "How to set up logins with a hash using JavaScript API"
 * and "How to generate a hash for JavaScript API"): "A hash encrypts your secret key and user ID into a string", keyed
 * by the property's JavaScript API key (Administration > Overview > JavaScript API, Secure Mode; one key per property),
 * passed as {@code Tawk_API.login({hash, userId, name, email}, callback)}. tawk.to's article shows its code only as an
 * image: the digest is the one the integrations that work compute, {@code CryptoJS.HmacSHA256(userId,
 * key).toString(CryptoJS.enc.Hex)}, the lowercase hex HMAC-SHA256 of the user id (the older
 * {@code visitor}/{@code setAttributes} form signed the e-mail instead; it is not this vendor). The hash never expires;
 * name and e-mail go to {@code login} from the app, unsigned, so they are not taken here.
 */
@ApplicationScoped
public class TawktoVendor extends SpecifiedVendor {

    public TawktoVendor() {
        super(VendorSpec.digest("tawkto", IdentityField.USER_ID, "hash").example("{\"user_id\":\"customer-42\"}"));
    }
}
