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
 * secret, payload {@code {user_id}} (a string). As in {@code stream-chat-js}, the token has no {@code iat} and no
 * {@code exp} unless asked: here both come with the profile's ttl ({@code iat} lets Stream's token revocation by date
 * apply). No {@code kid}. The client takes the token in {@code connectUser}; there is no other widget field.
 */
@ApplicationScoped
public class StreamVendor implements Vendor {

    /** Stream states no limit (a token provider fetches fresh ones); a day, as for the other vendors without one. */
    static final Duration MAX_TTL = Duration.ofHours(24);

    private static final List<Option> OPTIONS = List.of(
            Option.ttl(MAX_TTL, "the token lifetime, at most 24h; without it the token has no iat and exp"));
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
        return new Profile(options.ttl());
    }

    @Override
    public Example example() {
        return new Example(Map.of("ttl", "1h"), "{\"user_id\":\"john\"}");
    }

    private record Profile(Optional<Duration> ttl) implements VendorProfile {
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
            return ttl;
        }

        @Override
        public TokenContent build(UserIdentity identity, Optional<String> keyId, Instant now) {
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("user_id", Fields.required(identity.userId(), IdentityField.USER_ID));
            Optional<Instant> expiresAt = ttl.map(now::plus);
            expiresAt.ifPresent(exp -> {
                claims.put("iat", now.getEpochSecond());
                claims.put("exp", exp.getEpochSecond());
            });
            return new TokenContent.Jwt(claims, expiresAt);
        }
    }
}
