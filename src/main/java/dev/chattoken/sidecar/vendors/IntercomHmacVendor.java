package dev.chattoken.sidecar.vendors;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Intercom's legacy identity verification, the {@code user_hash}: "The HMAC is computed as a SHA-256 digest as follows:
 * {@code OpenSSL::HMAC.hexdigest('sha256', api_key.secret, user_id_or_email)}"
 * (https://developers.intercom.com/installing-intercom/ios/identity-verification/), and "If you're sending both user_id
 * and email, then make sure your HMAC is generated with the user_id". Intercom's rails gem does exactly that:
 * {@code OpenSSL::HMAC.hexdigest("sha256", secret, (user_details[:user_id] || user_details[:email]).to_s)}
 * (intercom/intercom-rails {@code lib/intercom-rails/script_tag.rb}). The widget takes it as
 * {@code intercomSettings.user_hash}; it never expires (Intercom's JWT, vendor {@code intercom}, replaces it).
 */
@ApplicationScoped
public class IntercomHmacVendor extends SpecifiedVendor {

    public IntercomHmacVendor() {
        super(VendorSpec.digestOfUserIdElseEmail("intercom-hmac", "Intercom", "user_hash")
                .example("{\"user_id\":\"customer-42\",\"email\":\"ana@example.com\"}"));
    }
}
