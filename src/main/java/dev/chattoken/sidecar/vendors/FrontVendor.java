package dev.chattoken.sidecar.vendors;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Front Chat, "Verify logged-in user identity" (https://dev.frontapp.com/docs/identify-users): "a server-side
 * generated HMAC ... with SHA-256", {@code hash_hmac('sha256', $userEmail, $verificationSecret)} (lowercase hex), and
 * "The user hash must explicitly be generated from a user ID, if a user ID is being passed to the SDK". So the user
 * id is signed when the request has one, else the e-mail; the widget takes it as {@code userHash} in
 * {@code FrontChat('init' | 'identity', {...})} (https://dev.frontapp.com/docs/chat-sdk-reference). The key is the
 * chat channel's verification secret; the hash never expires.
 */
@ApplicationScoped
public class FrontVendor implements Vendor {

    private static final VendorProfile PROFILE = HmacDigestProfile.hex(Set.of(IdentityField.USER_ID, IdentityField.EMAIL),
            identity -> HmacDigestProfile.userIdElseEmail(identity, "Front"), "userHash");

    @Override
    public String id() {
        return "front";
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
        return new Example(Map.of(), "{\"email\":\"leela@planetexpress.com\"}");
    }
}
