package dev.chattoken.sidecar.vendors;

import java.time.Duration;
import java.util.Optional;

/**
 * How long a vendor's tokens live: the profile's {@code ttl}, at most {@link #max}; without one, {@link #byDefault},
 * and when that is empty too, the token has no {@code exp}.
 */
public record Lifetime(Duration max, Optional<Duration> byDefault) {

    /**
     * The longest lifetime where a vendor's document states none: a day, so that a leaked identity token is not a
     * stolen session for longer than a working day.
     */
    public static final Duration UNSTATED_LIMIT = Duration.ofHours(24);

    public static Lifetime upTo(Duration max) {
        return new Lifetime(max, Optional.empty());
    }

    /** A vendor whose document states no longest lifetime: {@link #UNSTATED_LIMIT}. */
    public static Lifetime unstated() {
        return upTo(UNSTATED_LIMIT);
    }

    public Lifetime byDefault(Duration lifetime) {
        return new Lifetime(max, Optional.of(lifetime));
    }

    /**
     * The {@code ttl} option, described from this rule.
     *
     * @param withoutIt the claims a token lacks without a ttl ({@code exp}, {@code iat and exp}), when there is no default
     */
    Option option(String withoutIt) {
        return Option.ttl(max, "the token lifetime, " + byDefault.map(d -> "default " + text(d) + ", at most " + text(max))
                .orElseGet(() -> "at most " + text(max) + "; without it the token has no " + withoutIt));
    }

    /** {@code 24h}, {@code 15m}, {@code 90s}: as a ttl is written. */
    static String text(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds % 3600 == 0 ? seconds / 3600 + "h" : seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }
}
