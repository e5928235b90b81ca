package dev.chattoken.sidecar.vendor;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chattoken.sidecar.keys.SigningAlgorithm;
import dev.chattoken.sidecar.profile.ProfileSettings;

/**
 * DigitalGenius ({@code vendor-docs/dg.txt}): HS256 with the DG API secret, header {@code kid} = the DG API key,
 * payload {@code {scope: "user", external_id}}. DG states no lifetime; {@code iat}/{@code exp} are added only
 * when the profile sets a ttl (the widget takes fresh tokens through {@code sendSystemMessage}).
 */
@ApplicationScoped
public class DgVendor implements Vendor {

    private static final Set<IdentityField> ACCEPTED_FIELDS = Set.of(IdentityField.USER_ID);

    /** DG sets no limit; a day keeps a leaked token from living forever when a ttl is set at all. */
    static final Duration MAX_TTL = Duration.ofHours(24);

    @Override
    public String id() {
        return "dg";
    }

    @Override
    public SigningAlgorithm algorithm() {
        return SigningAlgorithm.HS256;
    }

    @Override
    public Set<IdentityField> acceptedFields() {
        return ACCEPTED_FIELDS;
    }

    @Override
    public List<String> checkProfile(ProfileSettings profile) {
        return ProfileRules.of(profile, id())
                .require("key-id", profile.keyId(), "the DG API key, sent as the header kid")
                .refuse("issuer", profile.issuer())
                .refuse("webhook-domains", profile.webhookDomains())
                .ttlAtMost(MAX_TTL)
                .problems();
    }

    @Override
    public TokenContent build(UserIdentity identity, ProfileSettings profile, Instant now) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("scope", "user");
        claims.put("external_id", Fields.required(identity.userId(), IdentityField.USER_ID));
        Optional<Instant> expiresAt = profile.ttl().map(ttl -> now.plus(ttl));
        expiresAt.ifPresent(exp -> {
            claims.put("iat", now.getEpochSecond());
            claims.put("exp", exp.getEpochSecond());
        });
        return new TokenContent(claims, expiresAt);
    }
}
