package dev.chattoken.sidecar.vendors;

import dev.chattoken.sidecar.keys.SigningKey;
import java.time.Duration;
import java.util.Optional;

/**
 * The rules of a profile whose token is not a JWT: an HMAC digest ({@link DigestRules}) or a token the vendor's API
 * issues ({@link UpstreamRules}). Nothing about a JWT applies to them: no JWKS, no {@code /v1/verify}, no header
 * {@code kid}, no issuer, no certificate, and no lifetime the sidecar keeps a replaced key for.
 */
public sealed interface NonJwtRules extends TokenRules permits DigestRules, UpstreamRules {

    @Override
    default boolean signsJwt() {
        return false;
    }

    /** No kid: an upstream profile's key id is half of the vendor credential, shown nowhere. */
    @Override
    default Optional<String> kid(SigningKey key, Optional<String> keyId) {
        return Optional.empty();
    }

    /** A digest changes only with its secret; a vendor's token lives as long as the vendor says, at the vendor. */
    @Override
    default Optional<Duration> maxTokenLifetime() {
        return Optional.empty();
    }

    @Override
    default boolean alwaysExpires() {
        return false;
    }

    /** A digest takes no key id; a vendor API whose credential has a second half says what it must be. */
    @Override
    default Optional<String> keyIdProblem(String keyId) {
        return Optional.empty();
    }

    @Override
    default Optional<String> issuer(Optional<String> keyId) {
        return Optional.empty();
    }

    @Override
    default boolean publishesCertificate() {
        return false;
    }
}
