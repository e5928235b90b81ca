package dev.chattoken.sidecar.vendors;

import java.time.Instant;
import java.util.Optional;

import dev.chattoken.sidecar.keys.SigningAlgorithm;
import dev.chattoken.sidecar.keys.SigningKey;
import dev.chattoken.sidecar.upstream.ProfileUpstream;
import dev.chattoken.sidecar.upstream.UpstreamPolicy;

/**
 * The rules of a profile whose token only the vendor's API issues (HubSpot, Sendbird, Channel Talk): nothing is signed
 * here. The profile's {@code key-file} holds the vendor credential, read as text like an HMAC secret (and re-read on
 * rotation like every key); {@code key-id} or {@code key-id-file} the credential's second half where the vendor has
 * one. The token minter hands these profiles to the upstream machinery ({@code upstream/}): {@link #order} validates a
 * request and says what to ask the vendor for.
 */
public interface UpstreamRules extends VendorProfile {

    /** How the profile deals with its vendor's API: base URL, rate budget, cache. */
    UpstreamPolicy policy();

    /**
     * What to ask the vendor for, for one request.
     *
     * @throws InvalidRequestException naming the field that is missing or malformed
     */
    Order order(UserIdentity identity);

    /**
     * @param identity what identifies the token at the vendor: every request value that reaches the vendor, so that
     *                 requests differing in any of them never share a cached token
     * @param fetch    the vendor's calls that issue it
     */
    record Order(String identity, ProfileUpstream.Fetch fetch) {
    }

    /** The credential file is text, read by the rules of an HMAC secret file. */
    @Override
    default SigningAlgorithm algorithm() {
        return SigningAlgorithm.HS256;
    }

    @Override
    default boolean signsJwt() {
        return false;
    }

    /** Never called: the minter asks for an {@link #order} instead. */
    @Override
    default TokenContent build(UserIdentity identity, Optional<String> keyId, Instant now) {
        throw new IllegalStateException("a token of " + policy().vendor() + " is issued by its API, not signed here");
    }

    /** No kid: the key id, where there is one, is half of the vendor credential and is shown nowhere. */
    @Override
    default Optional<String> kid(SigningKey key, Optional<String> keyId) {
        return Optional.empty();
    }
}
