package dev.chattoken.sidecar.vendors;

import dev.chattoken.sidecar.keys.SigningAlgorithm;
import dev.chattoken.sidecar.upstream.ProfileUpstream;
import dev.chattoken.sidecar.upstream.UpstreamPolicy;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The rules of a profile whose token only the vendor's API issues (HubSpot, Sendbird, Channel Talk): nothing is signed
 * here. The profile's {@code key-file} holds the vendor credential, read as text like an HMAC secret (and re-read on
 * rotation like every key); {@code key-id} or {@code key-id-file} the credential's second half where the vendor has
 * one. The token minter hands these profiles to the upstream machinery ({@code upstream/}): {@link #order} validates a
 * request and says what to ask the vendor for. Declared with {@link UpstreamSpec}.
 *
 * @param policy how the profile deals with its vendor's API: base URL, rate budget, cache
 * @param acceptedFields the request fields the vendor's request takes; any other is refused
 * @param orders what to ask the vendor for, for one request (throwing {@link InvalidRequestException} for a request
 *     that is not valid)
 * @param widget the widget's fields besides the token
 * @param keyIdRule why the vendor refuses a key id (the credential's second half), empty when it takes it
 */
public record UpstreamRules(
        UpstreamPolicy policy,
        Set<IdentityField> acceptedFields,
        Function<UserIdentity, Order> orders,
        BiFunction<UserIdentity, String, Map<String, String>> widget,
        Function<String, Optional<String>> keyIdRule)
        implements NonJwtRules {

    public UpstreamRules {
        acceptedFields = Set.copyOf(acceptedFields);
    }

    /**
     * What to ask the vendor for.
     *
     * @param identity what identifies the token at the vendor: every request value that reaches the vendor, so that
     *     requests differing in any of them never share a cached token
     * @param fetch the vendor's calls that issue it
     */
    public record Order(String identity, ProfileUpstream.Fetch fetch) {}

    /**
     * What to ask the vendor for, for one request.
     *
     * @throws InvalidRequestException naming the field that is missing or malformed
     */
    public Order order(UserIdentity identity) {
        return orders.apply(identity);
    }

    /** The credential file is text, read by the rules of an HMAC secret file. */
    @Override
    public SigningAlgorithm algorithm() {
        return SigningAlgorithm.HS256;
    }

    /** Never called: the minter asks for an {@link #order} instead. */
    @Override
    public TokenContent build(UserIdentity identity, Optional<String> keyId, Instant now) {
        throw new IllegalStateException("a token of " + policy.vendor() + " is issued by its API, not signed here");
    }

    @Override
    public Optional<String> keyIdProblem(String keyId) {
        return keyIdRule.apply(keyId);
    }

    @Override
    public Map<String, String> widgetFields(UserIdentity identity, String token) {
        return widget.apply(identity, token);
    }
}
