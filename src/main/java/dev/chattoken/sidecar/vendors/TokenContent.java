package dev.chattoken.sidecar.vendors;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** What a profile wants signed: a JWT's header members and claims, or an HMAC's message. */
public sealed interface TokenContent {

    /** The token's expiry, empty when it has none (every HMAC). */
    Optional<Instant> expiresAt();

    /**
     * @param header header members besides {@code alg}, {@code typ} and {@code kid}, which the sidecar sets (Twilio's
     *     {@code cty}); usually empty
     * @param claims the complete payload, in order (nothing is added to it later); nested objects are Maps, arrays are
     *     Lists, times are epoch seconds
     * @param expiresAt the {@code exp} claim as an instant
     */
    record Jwt(Map<String, Object> header, Map<String, Object> claims, Optional<Instant> expiresAt)
            implements TokenContent {
        public Jwt {
            header = Collections.unmodifiableMap(new LinkedHashMap<>(header));
            claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims));
        }

        public Jwt(Map<String, Object> claims, Optional<Instant> expiresAt) {
            this(Map.of(), claims, expiresAt);
        }
    }

    /**
     * An HMAC of the profile's secret over {@code message}'s UTF-8 bytes, answered as the token in {@code encoding}.
     */
    record Hmac(String message, Encoding encoding) implements TokenContent {
        public enum Encoding {
            /** lowercase hexadecimal, what every vendor's example computes */
            HEX,
            /** standard base64 with padding */
            BASE64
        }

        @Override
        public Optional<Instant> expiresAt() {
            return Optional.empty();
        }
    }
}
