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
 * Drift signed identities (devdocs.drift.com securing-drift-on-your-site-using-signed-identities): HS256 with the
 * widget's signing key, header {@code {typ: "JWT", alg: "HS256"}}, payload {@code {sub}} = the user id given to
 * {@code drift.identify}, as a string (the document's sample token decodes to {@code {"sub":"12345"}} for the id
 * 12345), and {@code exp} when the profile sets a ttl (Drift falls back to the unsigned identity when the signed one
 * is "invalid/expired"). No {@code kid}. How the page hands the token to the widget is not in the readable copies of
 * the document, so the answer names no widget field.
 */
@ApplicationScoped
public class DriftVendor implements Vendor {

    /** Drift states no limit; a day keeps a leaked token from living forever when a ttl is set at all. */
    static final Duration MAX_TTL = Duration.ofHours(24);

    private static final List<Option> OPTIONS = List.of(
            Option.ttl(MAX_TTL, "the token lifetime, at most 24h; without it the token has no exp"));
    private static final Set<IdentityField> FIELDS = Set.of(IdentityField.USER_ID);

    @Override
    public String id() {
        return "drift";
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
        return new Example(Map.of("ttl", "1h"), "{\"user_id\":\"12345\"}");
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
            claims.put("sub", Fields.required(identity.userId(), IdentityField.USER_ID));
            Optional<Instant> expiresAt = ttl.map(now::plus);
            expiresAt.ifPresent(exp -> claims.put("exp", exp.getEpochSecond()));
            return new TokenContent.Jwt(claims, expiresAt);
        }
    }
}
