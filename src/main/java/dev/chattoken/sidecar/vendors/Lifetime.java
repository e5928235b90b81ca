package dev.chattoken.sidecar.vendors;

import java.time.Duration;

/**
 * How long a vendor's tokens live: the profile's {@code ttl}, at most {@link #max}, and {@link #byDefault} when the
 * profile sets none. Every JWT whose vendor honours {@code exp} carries one: a token handed to a browser expires.
 */
public record Lifetime(Duration max, Duration byDefault) {

    /**
     * The longest lifetime where a vendor's document states none: a day, so that a leaked identity token is not a
     * stolen session for longer than a working day.
     */
    public static final Duration UNSTATED_LIMIT = Duration.ofHours(24);

    /** The vendor's limit, to which {@link Limit#byDefault} adds the lifetime of a profile that sets no ttl. */
    public record Limit(Duration max) {
        public Lifetime byDefault(Duration lifetime) {
            return new Lifetime(max, lifetime);
        }
    }

    public static Limit upTo(Duration max) {
        return new Limit(max);
    }

    /** A vendor whose document states no longest lifetime: {@link #UNSTATED_LIMIT}. */
    public static Limit unstatedLimit() {
        return upTo(UNSTATED_LIMIT);
    }

    /**
     * The {@code ttl} option, described from this rule.
     *
     * @param claims the time claims the lifetime sets ({@code exp}, {@code iat, exp})
     */
    Option option(String claims) {
        return Option.ttl(
                max, "the token lifetime (" + claims + "), default " + text(byDefault) + ", at most " + text(max));
    }

    /** {@code 24h}, {@code 15m}, {@code 90s}: as a ttl is written. */
    static String text(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds % 3600 == 0 ? seconds / 3600 + "h" : seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }
}
