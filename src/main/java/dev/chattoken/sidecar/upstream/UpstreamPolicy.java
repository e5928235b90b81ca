package dev.chattoken.sidecar.upstream;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One profile's dealings with its vendor's API, from the profile's options.
 *
 * @param vendor the vendor's name for messages ({@code HubSpot})
 * @param baseUrl where its API is (the vendor's own, a regional endpoint, an egress gateway, a test server)
 * @param rateLimit the budget this profile spends of the vendor's rate limit (shared by the pods through Redis)
 * @param cacheSize the most tokens cached, one per identity; the least recently used go first
 * @param refreshMargin a token is served from the cache until its expiry minus this, then fetched anew
 * @param retryAfter how long a 429 asks to wait by the vendor's own header, when it sends no {@code Retry-After}
 */
public record UpstreamPolicy(
        String vendor,
        URI baseUrl,
        RateLimit rateLimit,
        int cacheSize,
        Duration refreshMargin,
        VendorRetryAfter retryAfter) {

    /** A vendor's own header of a 429 that says how long to wait ({@code X-RateLimit-RetryAfter}, ...). */
    @FunctionalInterface
    public interface VendorRetryAfter {
        Optional<Duration> read(VendorAnswer answer, Instant now);

        VendorRetryAfter NONE = (answer, now) -> Optional.empty();
    }

    /**
     * The most memory the profile's cache takes, in bytes: each entry holds at most a
     * {@link VendorJson#MAX_TOKEN_LENGTH} token (one byte per character: tokens are ASCII) and its bookkeeping.
     */
    public long cacheBoundBytes() {
        return (long) cacheSize * (VendorJson.MAX_TOKEN_LENGTH + TokenCache.ENTRY_OVERHEAD_BYTES);
    }
}
