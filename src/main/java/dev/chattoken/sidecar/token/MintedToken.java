package dev.chattoken.sidecar.token;

import dev.chattoken.sidecar.upstream.TokenSource;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A signed token and what the app passes on to the widget.
 *
 * @param widgetFields vendor-specific fields besides the token (Huggy's {@code user_identifier}, {@code user_hash})
 * @param source for a token a vendor's API issued, where it came from (the cache or not); empty when signed here
 */
public record MintedToken(
        String token,
        String profile,
        String vendor,
        Optional<String> keyId,
        Optional<Instant> expiresAt,
        Map<String, String> widgetFields,
        Optional<TokenSource> source) {

    /** A token signed here. */
    public MintedToken(
            String token,
            String profile,
            String vendor,
            Optional<String> keyId,
            Optional<Instant> expiresAt,
            Map<String, String> widgetFields) {
        this(token, profile, vendor, keyId, expiresAt, widgetFields, Optional.empty());
    }

    @Override
    public String toString() { // the token is a bearer credential: never in a log line
        return "MintedToken[profile=" + profile + ", vendor=" + vendor + ", kid=" + keyId.orElse("-") + "]";
    }
}
