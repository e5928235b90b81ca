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
 * Kustomer Chat ({@code vendor-docs/kustomer.txt}): HS256 with the secret from {@code /v1/auth/customer/settings},
 * header {@code {alg, typ}}, payload {@code externalId} and/or {@code email} (Kustomer prefers the e-mail when
 * both are given) and {@code iat} in integer seconds, which Kustomer accepts for 15 minutes. No {@code exp}.
 */
@ApplicationScoped
public class KustomerVendor implements Vendor {

    /** Kustomer accepts a token while its {@code iat} is within 15 minutes of Kustomer's clock. */
    static final Duration ACCEPTED_AGE = Duration.ofMinutes(15);

    private static final Set<IdentityField> FIELDS = Set.of(IdentityField.USER_ID, IdentityField.EMAIL);
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
        public Optional<Duration> maxTokenLifetime() {
            return Optional.of(ACCEPTED_AGE);
        }

        /** Kustomer's tokens carry no exp: their {@code iat} is held to {@link #ACCEPTED_AGE}. */
        @Override
        public boolean alwaysExpires() {
            return false;
        }

        @Override
        public TokenContent build(UserIdentity identity, Optional<String> keyId, Instant now) {
            Optional<String> externalId = Fields.optional(identity.userId(), IdentityField.USER_ID);
            Optional<String> email = Fields.email(identity.email());
            if (externalId.isEmpty() && email.isEmpty()) {
                throw new InvalidRequestException(InvalidRequestException.Reason.MISSING_FIELD, "user_id",
                        "user_id or email is required (Kustomer identifies the customer by externalId or email)");
            }
            Map<String, Object> claims = new LinkedHashMap<>();
            externalId.ifPresent(id -> claims.put("externalId", id));
            email.ifPresent(e -> claims.put("email", e));
            claims.put("iat", now.getEpochSecond());
            return new TokenContent.Jwt(claims, Optional.empty());
        }
    };

    @Override
    public String id() {
        return "kustomer";
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
        return new Example(Map.of(), "{\"user_id\":\"42\",\"email\":\"ana@example.com\"}");
    }
}
