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
 * Stream Chat user token (getstream.io chat/docs tokens_and_authentication; GetStream/stream-chat-js
 * {@code src/signing.ts} {@code JWTUserToken}, {@code createToken(userID, exp?, iat?)}): HS256 with the app's API
 * secret, payload {@code {user_id}} (a string). {@code stream-chat-js} adds {@code iat} and {@code exp} only when
 * asked; Stream honours {@code exp} (its token provider fetches a new token when one expires), so here both are always
 * set: {@code exp} after the profile's ttl, {@link #DEFAULT_TTL} by default, and {@code iat} lets Stream's token
 * revocation by date apply. No {@code kid}. The client takes the token in {@code connectUser}; there is no other widget field.
 */
@ApplicationScoped
public class StreamVendor implements Vendor {

    /** Stream states no limit (a token provider fetches fresh ones); a day, as for the other vendors without one. */
    static final Duration MAX_TTL = Duration.ofHours(24);
    /** An hour: the client's token provider asks for a new token when one expires. */
    static final Duration DEFAULT_TTL = Duration.ofHours(1);

    private static final List<Option> OPTIONS = List.of(
            Option.ttl(MAX_TTL, "the token lifetime (iat, exp), default 1h, at most 24h"));
    private static final Set<IdentityField> FIELDS = Set.of(IdentityField.USER_ID);

    @Override
    public String id() {
        return "stream";
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
        return new Example(Map.of("ttl", "1h"), "{\"user_id\":\"john\"}");
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
            Instant expiresAt = now.plus(ttl);
            claims.put("iat", now.getEpochSecond());
            claims.put("exp", expiresAt.getEpochSecond());
            return new TokenContent.Jwt(claims, Optional.of(expiresAt));
        }
    }
}
