package dev.chattoken.sidecar.vendors;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Chatwoot identity validation (https://www.chatwoot.com/docs/product/channels/live-chat/sdk/identity-validation):
 * "an HMAC ... based on the {@code identifier} attribute, using SHA256". Chatwoot's own check
 * (chatwoot/chatwoot {@code app/controllers/api/v1/widget/contacts_controller.rb}) is
 * {@code params[:identifier_hash] == OpenSSL::HMAC.hexdigest('sha256', @web_widget.hmac_token, params[:identifier].to_s)}:
 * an exact comparison with the lowercase hex HMAC of the identifier, keyed by the inbox's HMAC token. The widget takes
 * it as {@code window.$chatwoot.setUser(identifier, {identifier_hash, ...})}; the identifier is {@code user_id}.
 */
@ApplicationScoped
public class ChatwootVendor implements Vendor {

    private static final VendorProfile PROFILE = HmacDigestProfile.hex(Set.of(IdentityField.USER_ID),
            identity -> Fields.required(identity.userId(), IdentityField.USER_ID), "identifier_hash");

    @Override
    public String id() {
        return "chatwoot";
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
        return new Example(Map.of(), "{\"user_id\":\"customer-42\"}");
    }
}
