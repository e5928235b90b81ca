package dev.chattoken.sidecar.vendors;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Crisp identity verification (https://docs.crisp.chat/guides/chatbox-sdks/web-sdk/identity-verification): "your
 * backend signs John's email with a private key that both Crisp and your backend know". The exact digest is Crisp's own
 * plugins': {@code hash_hmac("sha256", $email, $website_verify)}, lowercase hex (crisp-im/crisp-plugin-wordpress
 * {@code crisp.php}, crisp-im/crisp-plugin-whmcs {@code src/hooks.php}), handed over as {@code $crisp.push(["set",
 * "user:email", [email, signature]])} (crisp-im/crisp-sdk-web {@code src/user.ts}). The key is the website's
 * identity-verification secret; the signature never expires.
 */
@ApplicationScoped
public class CrispVendor extends SpecifiedVendor {

    public CrispVendor() {
        super(VendorSpec.digest("crisp", IdentityField.EMAIL, "signature").example("{\"email\":\"john@doe.name\"}"));
    }
}
