package dev.chattoken.sidecar.vendors;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Chatwoot identity validation (https://www.chatwoot.com/docs/product/channels/live-chat/sdk/identity-validation): "an
 * HMAC ... based on the {@code identifier} attribute, using SHA256". Chatwoot's own check (chatwoot/chatwoot
 * {@code app/controllers/api/v1/widget/contacts_controller.rb}) is {@code params[:identifier_hash] ==
 * OpenSSL::HMAC.hexdigest('sha256', @web_widget.hmac_token, params[:identifier].to_s)}: an exact comparison with the
 * lowercase hex HMAC of the identifier, keyed by the inbox's HMAC token. The widget takes it as
 * {@code window.$chatwoot.setUser(identifier, {identifier_hash, ...})}; the identifier is {@code user_id}.
 */
@ApplicationScoped
public class ChatwootVendor extends SpecifiedVendor {

    public ChatwootVendor() {
        super(VendorSpec.digest("chatwoot", IdentityField.USER_ID, "identifier_hash")
                .example("{\"user_id\":\"customer-42\"}"));
    }
}
