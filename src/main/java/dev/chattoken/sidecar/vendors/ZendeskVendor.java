package dev.chattoken.sidecar.vendors;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chattoken.sidecar.keys.SigningAlgorithm;

/**
 * Zendesk messaging (Web Widget and mobile SDKs, not Classic Chat nor Support SSO): HS256 with the shared secret of a
 * messaging signing key, header {@code kid} = that key's id ({@code app_...}), payload {@code scope: "user"},
 * {@code external_id} (at most 255 characters, a string), then {@code name}, {@code email}, {@code email_verified}
 * when given, and {@code exp} ("The exp ... is honored by the messaging Web Widget"): the profile's ttl, {@link #DEFAULT_TTL}
 * by default; the widget calls the app's {@code loginUser} callback again for a fresh token.
 * Sources: developer.zendesk.com enabling_auth_visitors (key id and secret), api-reference/widget-messaging/web/
 * authentication ({@code exp}, {@code loginUser}); the claim table and the 255 limit from a mirror of Zendesk's
 * "Creating a JWT" table (mochila-ai/zd-jwt-generate).
 */
@ApplicationScoped
public class ZendeskVendor implements Vendor {

    /** Zendesk states no limit; a day keeps a leaked token from living long. */
    static final Duration MAX_TTL = Duration.ofHours(24);
    /** An hour: the widget asks the app's {@code loginUser} callback for a new token when it needs one. */
    static final Duration DEFAULT_TTL = Duration.ofHours(1);
    static final int MAX_EXTERNAL_ID_LENGTH = 255;

    private static final List<Option> OPTIONS = List.of(
            Option.keyId(true, "the messaging signing key's id (app_...), sent as the header kid"),
            Option.ttl(MAX_TTL, "the token lifetime (exp), default 1h, at most 24h"));
    private static final Set<IdentityField> FIELDS = Set.of(IdentityField.USER_ID, IdentityField.NAME,
            IdentityField.EMAIL, IdentityField.EMAIL_VERIFIED);

    @Override
    public String id() {
        return "zendesk";
    }

    @Override
    public List<Option> options() {
        return OPTIONS;
    }

    @Override
    public VendorProfile configure(ProfileOptions options) {
        return new Profile(options.ttl().orElse(DEFAULT_TTL));
    }

    @Override
    public Example example() {
        return new Example(Map.of("key-id", "app_64f1c0a5e7b2d30012345678", "ttl", "1h"),
                "{\"user_id\":\"customer-42\",\"name\":\"Ana Lima\",\"email\":\"ana@example.com\",\"email_verified\":true}");
    }

    private record Profile(Duration ttl) implements VendorProfile {
        @Override
        public SigningAlgorithm algorithm() {
            return SigningAlgorithm.HS256;
        }

        @Override
        public Set<IdentityField> acceptedFields() {
            return FIELDS;
        }

        @Override
        public Optional<Duration> maxTokenLifetime() {
            return Optional.of(ttl);
        }

        @Override
        public TokenContent build(UserIdentity identity, Optional<String> keyId, Instant now) {
            String externalId = Fields.required(identity.userId(), IdentityField.USER_ID);
            // characters as Zendesk (Ruby) counts them: code points, so an emoji is one, not two UTF-16 units
            if (externalId.codePointCount(0, externalId.length()) > MAX_EXTERNAL_ID_LENGTH) {
                throw Fields.invalid(IdentityField.USER_ID.jsonName(), "user_id is longer than " + MAX_EXTERNAL_ID_LENGTH
                        + " characters, Zendesk's limit for external_id");
            }
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("scope", "user");
            claims.put("external_id", externalId);
            Fields.optional(identity.name(), IdentityField.NAME).ifPresent(v -> claims.put("name", v));
            Fields.email(identity.email()).ifPresent(v -> claims.put("email", v));
            identity.emailVerified().ifPresent(v -> claims.put("email_verified", v));
            Instant expiresAt = now.plus(ttl);
            claims.put("exp", expiresAt.getEpochSecond());
            return new TokenContent.Jwt(claims, Optional.of(expiresAt));
        }
    }
}
