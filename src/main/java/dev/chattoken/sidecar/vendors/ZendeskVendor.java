package dev.chattoken.sidecar.vendors;

import static dev.chattoken.sidecar.vendors.ClaimSource.constant;
import static dev.chattoken.sidecar.vendors.ClaimSource.field;

import dev.chattoken.sidecar.keys.SigningAlgorithm;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;

/**
 * Zendesk messaging (Web Widget and mobile SDKs, not Classic Chat nor Support SSO): HS256 with the shared secret of a
 * messaging signing key. Sources: developer.zendesk.com enabling_auth_visitors (key id and secret),
 * api-reference/widget-messaging/web/authentication ({@code exp}, {@code loginUser}); the claim table and the 255 limit
 * from a mirror of Zendesk's "Creating a JWT" table (mochila-ai/zd-jwt-generate).
 */
@ApplicationScoped
public class ZendeskVendor extends SpecifiedVendor {

    /** Zendesk's longest {@code external_id}, in characters as its Ruby counts them: code points (an emoji is one). */
    static final int MAX_EXTERNAL_ID_LENGTH = 255;

    public ZendeskVendor() {
        super(VendorSpec.jwt("zendesk", SigningAlgorithm.HS256)
                // "A signing key is a type of credential which is comprised of a key id (kid) and a shared secret"
                .keyId(KeyIdRule.kid(true, "the messaging signing key's id (app_...), sent as the header kid"))
                .claim("scope", constant("user"))
                .claim(
                        "external_id",
                        field(IdentityField.USER_ID).atMost(MAX_EXTERNAL_ID_LENGTH, "Zendesk's limit for external_id"))
                .optionalClaims(IdentityField.NAME, IdentityField.EMAIL, IdentityField.EMAIL_VERIFIED)
                // "The exp ... is honored by the messaging Web Widget"; no longest lifetime is stated; an hour by
                // default: the widget asks the app's loginUser callback for a new token when it needs one
                .expiresAt(Lifetime.unstatedLimit().byDefault(Duration.ofHours(1)))
                .example(
                        Map.of("key-id", "app_64f1c0a5e7b2d30012345678", "ttl", "1h"),
                        "{\"user_id\":\"customer-42\","
                                + "\"name\":\"Ana Lima\",\"email\":\"ana@example.com\",\"email_verified\":true}"));
    }
}
