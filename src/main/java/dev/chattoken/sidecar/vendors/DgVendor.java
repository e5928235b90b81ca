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
 * DigitalGenius ({@code vendor-docs/dg.txt}): HS256 with the DG API secret, header {@code kid} = the DG API key,
 * payload {@code {scope: "user", external_id, iat, exp}}. DG states no lifetime and does not say whether it checks
 * {@code exp}; a token handed to a browser should expire all the same, so it lives {@link #DEFAULT_TTL} unless the
 * profile's ttl says otherwise (the widget takes fresh tokens through {@code sendSystemMessage}). DG issues the API
 * key and the secret as a pair: mount the key in the same Secret and name it with {@code key-id-file} to rotate both.
 */
@ApplicationScoped
public class DgVendor implements Vendor {

    /** DG sets no limit; a day keeps a leaked token from living long. */
    static final Duration MAX_TTL = Duration.ofHours(24);
    /** An hour, as Intercom's and Twilio's own examples: long enough for a page visit, short for a leaked token. */
    static final Duration DEFAULT_TTL = Duration.ofHours(1);

    private static final List<Option> OPTIONS = List.of(
            Option.keyId(true, "the DG API key, sent as the header kid"),
            Option.ttl(MAX_TTL, "the token lifetime (iat, exp), default 1h, at most 24h"));
    private static final Set<IdentityField> FIELDS = Set.of(IdentityField.USER_ID);

    @Override
    public String id() {
        return "dg";
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
        return new Example(Map.of("key-id", "dg-api-key-1"), "{\"user_id\":\"customer-42\"}");
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
            claims.put("scope", "user");
            claims.put("external_id", Fields.required(identity.userId(), IdentityField.USER_ID));
            Instant expiresAt = now.plus(ttl);
            claims.put("iat", now.getEpochSecond());
            claims.put("exp", expiresAt.getEpochSecond());
            return new TokenContent.Jwt(claims, Optional.of(expiresAt));
        }
    }
}
