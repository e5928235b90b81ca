package dev.chattoken.sidecar.vendor;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.chattoken.sidecar.keys.SigningAlgorithm;
import dev.chattoken.sidecar.keys.SigningKey;
import dev.chattoken.sidecar.profile.ProfileSettings;

/**
 * One chat vendor's token rules. An implementation is an {@code @ApplicationScoped} bean; adding a vendor is
 * adding one such class, which {@link Vendors} finds by its {@link #id()}.
 *
 * <p>Every token is signed with header {@code {alg, typ: "JWT"}} plus {@code kid} when {@link #keyId} gives one,
 * over exactly the claims {@link #build} returns.
 */
public interface Vendor {

    /** The value of {@code chat-token.profiles.<name>.vendor}. */
    String id();

    SigningAlgorithm algorithm();

    /** The request fields this vendor's token uses; any other field in a request is refused with 400. */
    Set<IdentityField> acceptedFields();

    /** What is wrong with a profile's settings for this vendor, one phrase each; empty when it can be served. */
    List<String> checkProfile(ProfileSettings profile);

    /**
     * Validates a request and builds the claims.
     *
     * @throws InvalidRequestException naming the field that is missing or malformed
     */
    TokenContent build(UserIdentity identity, ProfileSettings profile, Instant now);

    /**
     * The longest a token of this profile is accepted by the vendor: how long a replaced key must stay valid for
     * verification, and the age limit for tokens without {@code exp}. Empty when tokens never expire.
     */
    default Optional<Duration> maxTokenLifetime(ProfileSettings profile) {
        return profile.ttl();
    }

    /** The header {@code kid} for a token signed with {@code key}. */
    default Optional<String> keyId(ProfileSettings profile, SigningKey key) {
        return profile.keyId();
    }

    /** Fields besides the token that the app hands to the widget (Huggy's {@code user_hash}). */
    default Map<String, String> widgetFields(UserIdentity identity, String token) {
        return Map.of();
    }
}
