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
import dev.chattoken.sidecar.keys.SigningKey;

/**
 * Salesforce Messaging for In-App and Web (Enhanced Chat), token-based user verification
 * (developer.salesforce.com/docs/service/messaging-web/guide/user-verification.html): "JWTs must be signed using the
 * RS256 or RS512 algorithms" ({@code algorithm}, default RS256), header {@code kid} naming the keyset's key (the
 * configured {@code key-id}, else the key's RFC 7638 thumbprint), payload {@code iss} (it "matches the iss parameter
 * value" of the keyset: {@code issuer}, required), {@code sub} (the customer's id: {@code user_id}), {@code iat},
 * {@code exp} ({@code ttl}, default 5 minutes) and no {@code aud}, the claims Salesforce's own key-command-line-utility
 * writes. A keyset takes keys only as JWKs carrying {@code x5c}, a certificate "valid for at least 10 days": the
 * profile's JWKS publishes one per key. The page hands the token to
 * {@code embeddedservice_bootstrap.userVerificationAPI.setIdentityToken({identityTokenType: "JWT", identityToken})}.
 */
@ApplicationScoped
public class SalesforceVendor implements Vendor {

    static final String ALGORITHM = "algorithm";
    static final Duration DEFAULT_TTL = Duration.ofMinutes(5);
    /** Salesforce states no limit ("set its expiration time with the authorization mechanism of your choice"). */
    static final Duration MAX_TTL = Duration.ofHours(24);
    private static final List<SigningAlgorithm> ALGORITHMS = List.of(SigningAlgorithm.RS256, SigningAlgorithm.RS512);

    private static final List<Option> OPTIONS = List.of(
            Option.required("issuer", Option.Kind.TEXT, "the issuer of the Salesforce keyset, sent as iss"),
            Option.optional(ALGORITHM, Option.Kind.TEXT, "RS256 (default) or RS512"),
            Option.keyId(false, "the header kid, the key's kid in the keyset; default: the key's RFC 7638 thumbprint"),
            Option.ttl(MAX_TTL, "the token lifetime, default 5m, at most 24h"));
    private static final Set<IdentityField> FIELDS = Set.of(IdentityField.USER_ID);

    @Override
    public String id() {
        return "salesforce";
    }

    @Override
    public List<Option> options() {
        return OPTIONS;
    }

    @Override
    public VendorProfile configure(ProfileOptions options) {
        SigningAlgorithm algorithm = options.text(ALGORITHM).map(name -> ALGORITHMS.stream()
                .filter(a -> a.name().equals(name)).findFirst().orElseGet(() -> {
                    options.problem(options.key(ALGORITHM) + " is '" + name + "'; Salesforce takes RS256 or RS512");
                    return SigningAlgorithm.RS256; // used only when no problem was recorded
                })).orElse(SigningAlgorithm.RS256);
        return new Profile(algorithm, options.required("issuer"), options.ttl().orElse(DEFAULT_TTL));
    }

    @Override
    public Example example() {
        return new Example(Map.of("issuer", "https://shop.example"), "{\"user_id\":\"customer-42\"}");
    }

    private record Profile(SigningAlgorithm algorithm, String issuer, Duration ttl) implements VendorProfile {

        @Override
        public Set<IdentityField> acceptedFields() {
            return FIELDS;
        }

        @Override
        public Optional<Duration> maxTokenLifetime() {
            return Optional.of(ttl);
        }

        @Override
        public Optional<String> issuer(Optional<String> keyId) {
            return Optional.of(issuer);
        }

        /** Salesforce picks the keyset's key by kid: the configured id, else the key's thumbprint, never none. */
        @Override
        public Optional<String> kid(SigningKey key, Optional<String> keyId) {
            return VendorProfile.keyIdOrThumbprint(key, keyId);
        }

        @Override
        public boolean publishesCertificate() {
            return true;
        }

        @Override
        public TokenContent build(UserIdentity identity, Optional<String> keyId, Instant now) {
            String sub = Fields.required(identity.userId(), IdentityField.USER_ID);
            long iat = now.getEpochSecond();
            long exp = iat + ttl.toSeconds();
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("iss", issuer);
            claims.put("sub", sub);
            claims.put("iat", iat);
            claims.put("exp", exp);
            return new TokenContent.Jwt(claims, Optional.of(Instant.ofEpochSecond(exp)));
        }
    }
}
