package dev.chattoken.sidecar.vendor;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What a vendor wants signed: the complete claim set (nothing is added to it later) and its expiry.
 *
 * @param claims    the JWT payload; nested objects are Maps, arrays are Lists, times are epoch seconds
 * @param expiresAt the {@code exp} claim as an instant, empty when the token has none
 */
public record TokenContent(Map<String, Object> claims, Optional<Instant> expiresAt) {

    public TokenContent {
        claims = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(claims));
    }
}
