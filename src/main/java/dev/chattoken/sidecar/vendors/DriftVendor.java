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
 * 12345), and {@code exp}, which Drift honours (it falls back to the unsigned identity when the signed one is
 * "invalid/expired"): the profile's ttl, {@link #DEFAULT_TTL} by default. No {@code kid}. How the page hands the token to the widget is not in the readable copies of
 * the document, so the answer names no widget field.
 */
@ApplicationScoped
public class DriftVendor implements Vendor {

    /** Drift states no limit; a day keeps a leaked token from living long. */
    static final Duration MAX_TTL = Duration.ofHours(24);
    /** An hour, as Intercom's and Twilio's own examples: long enough for a page visit, short for a leaked token. */
    static final Duration DEFAULT_TTL = Duration.ofHours(1);

    private static final List<Option> OPTIONS = List.of(
            Option.ttl(MAX_TTL, "the token lifetime (exp), default 1h, at most 24h"));
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
        return new Profile(options.ttl().orElse(DEFAULT_TTL));
    }

    @Override
    public Example example() {
        return new Example(Map.of("ttl", "1h"), "{\"user_id\":\"12345\"}");
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
            claims.put("sub", Fields.required(identity.userId(), IdentityField.USER_ID));
            Instant expiresAt = now.plus(ttl);
            claims.put("exp", expiresAt.getEpochSecond());
            return new TokenContent.Jwt(claims, Optional.of(expiresAt));
        }
    }
}
