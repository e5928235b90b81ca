package dev.chattoken.sidecar.vendors;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Front Chat, "Verify logged-in user identity" (https://dev.frontapp.com/docs/identify-users): "a server-side generated
 * HMAC ... with SHA-256", {@code hash_hmac('sha256', $userEmail, $verificationSecret)} (lowercase hex), and "The user
 * hash must explicitly be generated from a user ID, if a user ID is being passed to the SDK". So the user id is signed
 * when the request has one, else the e-mail; the widget takes it as {@code userHash} in {@code FrontChat('init' |
 * 'identity', {...})} (https://dev.frontapp.com/docs/chat-sdk-reference). The key is the chat channel's verification
 * secret; the hash never expires.
 */
@ApplicationScoped
public class FrontVendor extends SpecifiedVendor {

    public FrontVendor() {
        super(VendorSpec.digestOfUserIdElseEmail("front", "Front", "userHash")
                .example("{\"email\":\"leela@planetexpress.com\"}"));
    }
}
