package dev.chattoken.sidecar.vendors;

import dev.chattoken.sidecar.keys.SigningAlgorithm;
import dev.chattoken.sidecar.keys.SigningKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A vendor's rules for one configured profile, made by the vendor from the profile's options at startup: nothing is
 * parsed per request. A JWT ({@link JwtRules}) is signed with header {@code {alg, typ: "JWT"}}, plus {@code kid} when
 * {@link #kid} gives one and the vendor's own members, over exactly the claims {@link #build} returns; an HMAC digest
 * ({@link DigestRules}) is computed over exactly its message; a token only the vendor's API issues
 * ({@link UpstreamRules}) is not made here at all. The last two are {@link NonJwtRules}, to which nothing about a JWT
 * applies.
 */
public sealed interface TokenRules permits JwtRules, NonJwtRules {

    SigningAlgorithm algorithm();

    /** False for a profile whose token is an HMAC digest ({@link TokenContent.Hmac}): no JWKS, no verify. */
    boolean signsJwt();

    /** The request fields this profile's tokens use; any other field in a request is refused with 400. */
    Set<IdentityField> acceptedFields();

    /**
     * Validates a request and builds what is signed.
     *
     * @param keyId the id issued with the key that will sign ({@code key-id}, or {@code key-id-file} read with the key)
     * @throws InvalidRequestException naming the field that is missing or malformed
     */
    TokenContent build(UserIdentity identity, Optional<String> keyId, Instant now);

    /** The header {@code kid} of a token signed with {@code key}, whose issued id is {@code keyId}. */
    Optional<String> kid(SigningKey key, Optional<String> keyId);

    /**
     * The longest a token of this profile is accepted by the vendor: how long a replaced key must stay valid for
     * verification, and the age limit for tokens without {@code exp}. Empty when tokens never expire.
     */
    Optional<Duration> maxTokenLifetime();

    /**
     * Whether every token of this profile carries {@code exp}, so that {@code /v1/verify} refuses one without it: true
     * where tokens have a longest lifetime, unless the vendor judges them by {@code iat} alone (Kustomer).
     */
    boolean alwaysExpires();

    /**
     * Why {@code keyId} cannot sign this profile's tokens (Twilio's is the API key SID, {@code SK} and 32 hex digits);
     * empty when it can. Checked for an id read from {@code key-id-file}, at startup and on every rotation; a
     * configured {@code key-id} is checked with the profile's other options.
     */
    Optional<String> keyIdProblem(String keyId);

    /** The {@code iss} that {@code /v1/verify} expects of this profile's tokens signed under {@code keyId}. */
    Optional<String> issuer(Optional<String> keyId);

    /**
     * Whether the profile's JWKS carries {@code x5c}: a self-signed certificate of each key, for a vendor that takes
     * keys only with one (Salesforce). Made when a key is loaded, renewed before it expires.
     */
    boolean publishesCertificate();

    /** Fields besides the token that the app hands to the widget (Huggy's {@code user_hash}). */
    Map<String, String> widgetFields(UserIdentity identity, String token);
}
