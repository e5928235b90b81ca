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
 * Intercom Messenger security with JWT (developers.intercom.com installing-intercom/web/identity-verification):
 * HS256 with the Messenger API secret, payload {@code user_id} (required, a string), {@code email} when given (a
 * signed user attribute), and {@code exp}: the profile's ttl, {@link #DEFAULT_TTL} by default (Intercom's own example
 * signs {@code exp: Time.now.to_i+3600}); no {@code kid}, as in Intercom's own
 * {@code IntercomRails::ScriptTag#generate_jwt}. The Messenger takes the token as
 * {@code intercomSettings.intercom_user_jwt}, so the answer carries it under that name too.
 */
@ApplicationScoped
public class IntercomVendor implements Vendor {

    /** Intercom asks for expiries that "match your app's session length" and states no limit; its Rails gem uses 24h. */
    static final Duration MAX_TTL = Duration.ofHours(24);
    /** An hour, as in Intercom's own example ({@code exp: Time.now.to_i+3600}). */
    static final Duration DEFAULT_TTL = Duration.ofHours(1);
    static final String WIDGET_FIELD = "intercom_user_jwt";

    private static final List<Option> OPTIONS = List.of(
            Option.ttl(MAX_TTL, "the token lifetime (exp), default 1h, at most 24h"));
    private static final Set<IdentityField> FIELDS = Set.of(IdentityField.USER_ID, IdentityField.EMAIL);

    @Override
    public String id() {
        return "intercom";
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
        return new Example(Map.of("ttl", "1h"), "{\"user_id\":\"42\",\"email\":\"ana@example.com\"}");
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
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("user_id", Fields.required(identity.userId(), IdentityField.USER_ID));
            Fields.email(identity.email()).ifPresent(v -> claims.put("email", v));
            Instant expiresAt = now.plus(ttl);
            claims.put("exp", expiresAt.getEpochSecond());
            return new TokenContent.Jwt(claims, Optional.of(expiresAt));
        }

        @Override
        public Map<String, String> widgetFields(UserIdentity identity, String token) {
            return Map.of(WIDGET_FIELD, token);
        }
    }
}
