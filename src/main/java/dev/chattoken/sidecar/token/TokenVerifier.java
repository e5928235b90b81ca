package dev.chattoken.sidecar.token;

import dev.chattoken.sidecar.config.ChatTokenConfig;
import dev.chattoken.sidecar.keys.HmacSecret;
import dev.chattoken.sidecar.keys.KeyPairKey;
import dev.chattoken.sidecar.keys.KeyRing;
import dev.chattoken.sidecar.keys.SigningKey;
import dev.chattoken.sidecar.profile.Profile;
import dev.chattoken.sidecar.profile.ProfileRegistry;
import dev.chattoken.sidecar.vendors.UpstreamRules;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.Key;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.lang.JoseException;

/**
 * Verifies a token against a profile, for a webhook that received it (Kindly forwards our tokens as
 * {@code Authorization: Bearer}). The algorithm is pinned to the profile's: {@code none}, an HS256 token made with the
 * RSA public key as its secret, and every other algorithm are refused before any key is tried. The key is chosen by
 * {@code kid} among the current and the still-valid previous keys.
 */
@ApplicationScoped
public class TokenVerifier {

    /** Header parameters that RFC 7515 defines as strings, and that verification reads. */
    private static final List<String> STRING_HEADERS = List.of("alg", "kid", "typ", "cty");

    private final ProfileRegistry profiles;
    private final Clock clock;
    private final Duration skew;

    public TokenVerifier(ProfileRegistry profiles, Clock clock, ChatTokenConfig config) {
        this.profiles = profiles;
        this.clock = clock;
        this.skew = config.verify().clockSkew();
    }

    public VerifiedToken verify(String profileName, String token) {
        Profile profile = profiles.active(profileName);
        if (profile.rules() instanceof UpstreamRules) {
            throw new InvalidTokenException("profile '" + profileName
                    + "' answers tokens its vendor's API issued: only the vendor verifies them");
        }
        if (!profile.rules().signsJwt()) {
            throw new InvalidTokenException(
                    "profile '" + profileName + "' answers an HMAC digest, not a JWT: there is " + "nothing to verify");
        }
        String algorithm = profile.rules().algorithm().name();
        JsonWebSignature jws = parse(token);
        String tokenAlgorithm = jws.getAlgorithmHeaderValue();
        if (!algorithm.equals(tokenAlgorithm)) {
            throw new InvalidTokenException(
                    "algorithm " + (tokenAlgorithm == null ? "(none given)" : "'" + tokenAlgorithm + "'")
                            + " is not accepted: profile '" + profileName + "' signs with " + algorithm + " only");
        }
        Instant now = clock.instant();
        Optional<String> kid = Optional.ofNullable(jws.getKeyIdHeaderValue());
        KeyRing.Issued key = verifyingKey(profile, jws, kid, now);
        JwtClaims claims = claims(jws);
        checkTimes(profile, claims, now);
        checkLifetime(profile, claims, now);
        checkIssuer(profile, key, claims);
        return new VerifiedToken(profileName, algorithm, kid, key.key().fingerprint(), claims.getClaimsMap());
    }

    private static JsonWebSignature parse(String token) {
        JsonWebSignature jws = new JsonWebSignature();
        try {
            jws.setCompactSerialization(token);
            jws.getHeaders(); // forces the header to be parsed
        } catch (JoseException | RuntimeException e) {
            throw new InvalidTokenException("not a JWS in compact form (header.payload.signature)");
        }
        if (jws.getHeaders().getObjectHeaderValue("crit") != null) { // read by jose4j before the signature, as it likes
            throw new InvalidTokenException(
                    "the header has crit: this sidecar's tokens never do, and it implements no " + "extension");
        }
        for (String name : STRING_HEADERS) { // jose4j casts them to String: {"alg":1} would end as a 500
            Object value = jws.getHeaders().getObjectHeaderValue(name);
            if (value != null && !(value instanceof String)) {
                throw new InvalidTokenException("the header's " + name + " is not a string");
            }
        }
        return jws;
    }

    /** Tries the candidate keys for the token's kid; returns the one whose signature matches. */
    private static KeyRing.Issued verifyingKey(
            Profile profile, JsonWebSignature jws, Optional<String> kid, Instant now) {
        List<KeyRing.Issued> candidates = new ArrayList<>();
        for (KeyRing.Issued key : profile.keys().state().validAt(now)) {
            if (Objects.equals(kid, profile.kid(key.key(), key.keyId()))) {
                candidates.add(key);
            }
        }
        if (candidates.isEmpty()) {
            throw new InvalidTokenException(kid.map(k -> "unknown kid '" + k
                            + "': no current or previous key of profile '" + profile.name() + "' has it")
                    .orElse("the token has no kid, but profile '" + profile.name() + "' signs with one"));
        }
        jws.setAlgorithmConstraints(new AlgorithmConstraints(
                AlgorithmConstraints.ConstraintType.PERMIT,
                profile.rules().algorithm().name()));
        jws.setDoKeyValidation(false); // vendors issue HMAC secrets under 32 bytes; RSA size was checked at load
        for (KeyRing.Issued candidate : candidates) {
            jws.setKey(verificationKey(candidate.key()));
            try {
                if (jws.verifySignature()) {
                    return candidate;
                }
            } catch (JoseException e) {
                throw new InvalidTokenException(
                        "the signature cannot be checked (" + e.getClass().getSimpleName() + ")");
            }
        }
        throw new InvalidTokenException("the signature does not verify with the profile's keys");
    }

    private static Key verificationKey(SigningKey key) {
        return switch (key) {
            case HmacSecret secret -> secret.signingKey();
            case KeyPairKey pair -> pair.publicKey();
        };
    }

    private static JwtClaims claims(JsonWebSignature jws) {
        try {
            return JwtClaims.parse(jws.getUnverifiedPayload());
        } catch (InvalidJwtException | RuntimeException e) {
            throw new InvalidTokenException("the payload is not a JSON claim set");
        }
    }

    private void checkTimes(Profile profile, JwtClaims claims, Instant now) {
        long nowSeconds = now.getEpochSecond();
        long skewSeconds = skew.toSeconds();
        Optional<Long> exp = time(claims, "exp");
        Optional<Long> iat = time(claims, "iat");
        if (exp.isPresent() && exp.get() + skewSeconds < nowSeconds) {
            throw new InvalidTokenException("expired at " + Instant.ofEpochSecond(exp.get()));
        }
        Optional<Long> nbf = time(claims, "nbf");
        if (nbf.isPresent() && nbf.get() - skewSeconds > nowSeconds) {
            throw new InvalidTokenException("not valid before " + Instant.ofEpochSecond(nbf.get()));
        }
        if (iat.isPresent() && iat.get() - skewSeconds > nowSeconds) {
            throw new InvalidTokenException("issued in the future (" + Instant.ofEpochSecond(iat.get()) + ")");
        }
        Optional<Duration> lifetime = profile.rules().maxTokenLifetime();
        if (exp.isEmpty() && lifetime.isPresent()) { // Kustomer: no exp, accepted for 15 minutes after iat
            long issued = iat.orElseThrow(() -> new InvalidTokenException("the token has neither exp nor iat"));
            if (issued + lifetime.get().toSeconds() + skewSeconds < nowSeconds) {
                throw new InvalidTokenException(
                        "older than the " + lifetime.get().toSeconds() + "s the vendor accepts (iat "
                                + Instant.ofEpochSecond(issued) + ")");
            }
        }
    }

    /**
     * A token that lives longer than the profile's tokens do, or lacks the {@code exp} they always carry, was not made
     * by this profile's rules, whoever holds its key: a 24-hour token is not a Kindly token, whose limit is 15 minutes.
     */
    private void checkLifetime(Profile profile, JwtClaims claims, Instant now) {
        Optional<Long> exp = time(claims, "exp");
        if (exp.isEmpty()) {
            if (profile.rules().alwaysExpires()) {
                throw new InvalidTokenException(
                        "the token has no exp, and profile '" + profile.name() + "' always sets one");
            }
            return;
        }
        Optional<Duration> longest = profile.rules().maxTokenLifetime();
        if (longest.isEmpty()) {
            return;
        }
        long limit = longest.get().toSeconds() + skew.toSeconds();
        long from = time(claims, "iat").orElse(now.getEpochSecond());
        if (exp.get() - from > limit || exp.get() - now.getEpochSecond() > limit) {
            throw new InvalidTokenException("the token lives longer than the "
                    + longest.get().toSeconds() + "s of profile '" + profile.name() + "' tokens");
        }
    }

    private static Optional<Long> time(JwtClaims claims, String name) {
        if (!claims.hasClaim(name)) {
            return Optional.empty();
        }
        try {
            NumericDate date = claims.getNumericDateClaimValue(name);
            return Optional.of(date.getValue());
        } catch (MalformedClaimException e) {
            throw new InvalidTokenException("'" + name + "' is not a number of seconds");
        }
    }

    private static void checkIssuer(Profile profile, KeyRing.Issued key, JwtClaims claims) {
        Optional<String> expected = profile.rules().issuer(key.keyId());
        if (expected.isPresent()) {
            Object iss = claims.getClaimValue("iss");
            if (!expected.get().equals(iss)) {
                throw new InvalidTokenException(
                        "issued by " + (iss == null ? "no one" : "'" + iss + "'") + ", not by this profile's issuer");
            }
        }
    }
}
