package dev.chattoken.sidecar.vendors;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chattoken.sidecar.keys.SigningAlgorithm;

/**
 * Huggy Chat ({@code vendor-docs/huggy.txt}): HS256 with the widget's secret key, header {@code {typ, alg}},
 * payload {@code {jti: userIdentifier}} and nothing else. The widget takes {@code userIdentifier} and
 * {@code userHash} (the token), so the answer carries both.
 */
@ApplicationScoped
public class HuggyVendor implements Vendor {

    private static final Set<IdentityField> FIELDS = Set.of(IdentityField.USER_ID);
    private static final VendorProfile PROFILE = new VendorProfile() {
        @Override
        public SigningAlgorithm algorithm() {
            return SigningAlgorithm.HS256;
        }

        @Override
        public Set<IdentityField> acceptedFields() {
            return FIELDS;
        }

        @Override
        public TokenContent build(UserIdentity identity, Optional<String> keyId, Instant now) {
            return new TokenContent.Jwt(Map.of("jti", Fields.required(identity.userId(), IdentityField.USER_ID)), Optional.empty());
        }

        @Override
        public Map<String, String> widgetFields(UserIdentity identity, String token) {
            return Map.of("user_identifier", identity.userId().orElseThrow(), "user_hash", token);
        }
    };

    @Override
    public String id() {
        return "huggy";
    }

    @Override
    public List<Option> options() {
        return List.of();
    }

    @Override
    public VendorProfile configure(ProfileOptions options) {
        return PROFILE;
    }

    @Override
    public Example example() {
        return new Example(Map.of(), "{\"user_id\":\"user1@company.com\"}");
    }
}
