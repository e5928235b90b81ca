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
 * payload {@code {scope: "user", external_id}}. DG states no lifetime; {@code iat}/{@code exp} are added only
 * when the profile sets a ttl (the widget takes fresh tokens through {@code sendSystemMessage}). DG issues the API
 * key and the secret as a pair: mount the key in the same Secret and name it with {@code key-id-file} to rotate both.
 */
@ApplicationScoped
public class DgVendor implements Vendor {

    /** DG sets no limit; a day keeps a leaked token from living forever when a ttl is set at all. */
    static final Duration MAX_TTL = Duration.ofHours(24);

    private static final List<Option> OPTIONS = List.of(
            Option.keyId(true, "the DG API key, sent as the header kid"),
            Option.ttl(MAX_TTL, "the token lifetime, at most 24h; without it the token has no iat and exp"));
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
        return new Profile(options.ttl());
    }

    @Override
    public Example example() {
        return new Example(Map.of("key-id", "dg-api-key-1"), "{\"user_id\":\"customer-42\"}");
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
            claims.put("scope", "user");
            claims.put("external_id", Fields.required(identity.userId(), IdentityField.USER_ID));
            Optional<Instant> expiresAt = ttl.map(now::plus);
            expiresAt.ifPresent(exp -> {
                claims.put("iat", now.getEpochSecond());
                claims.put("exp", exp.getEpochSecond());
            });
            return new TokenContent.Jwt(claims, expiresAt);
        }
    }
}
