package dev.chattoken.sidecar.vendor;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chattoken.sidecar.keys.SigningAlgorithm;
import dev.chattoken.sidecar.profile.ProfileSettings;

/**
 * Huggy Chat ({@code vendor-docs/huggy.txt}): HS256 with the widget's secret key, header {@code {typ, alg}},
 * payload {@code {jti: userIdentifier}} and nothing else. The widget takes {@code userIdentifier} and
 * {@code userHash} (the token), so the answer carries both.
 */
@ApplicationScoped
public class HuggyVendor implements Vendor {

    private static final Set<IdentityField> ACCEPTED_FIELDS = Set.of(IdentityField.USER_ID);

    @Override
    public String id() {
        return "huggy";
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
                .refuse("key-id", profile.keyId())
                .refuse("issuer", profile.issuer())
                .refuse("ttl", profile.ttl())
                .refuse("webhook-domains", profile.webhookDomains())
                .problems();
    }

    @Override
    public TokenContent build(UserIdentity identity, ProfileSettings profile, Instant now) {
        return new TokenContent(Map.of("jti", Fields.required(identity.userId(), IdentityField.USER_ID)), Optional.empty());
    }

    @Override
    public Map<String, String> widgetFields(UserIdentity identity, String token) {
        return Map.of("user_identifier", identity.userId().orElseThrow(), "user_hash", token);
    }
}
