package dev.chattoken.sidecar.upstream;

import java.time.Duration;

/**
 * A rate budget: at most {@code requests} calls per {@code window}. The profile's own budget counts fixed windows (a
 * burst at the end of one and the start of the next may reach twice the limit within a window's length: the vendor's
 * 429 then holds the profile off); the budget the sidecars share through Redis is a rolling window.
 *
 * @param requests at least 1
 * @param window at least a millisecond
 */
public record RateLimit(int requests, Duration window) {

    /** The shared rolling window keeps the time of each permit of the window in Redis: this bounds its size. */
    public static final int MAX_REQUESTS = 100_000;

    public RateLimit {
        if (requests < 1 || requests > MAX_REQUESTS || window.toMillis() < 1) {
            throw new IllegalArgumentException(
                    "allows 1 to " + MAX_REQUESTS + " requests in a window of at least a millisecond");
        }
    }

    /**
     * {@code <requests>/<window>}: {@code 190/10s}, {@code 5/1s}, {@code 100/PT1M}; the window in the forms of a
     * duration option ({@code 10s}, {@code PT10S}, plain seconds).
     */
    public static RateLimit parse(String text) {
        String[] parts = text.strip().split("/", 2);
        if (parts.length != 2 || !parts[0].strip().matches("\\d{1,6}")) {
            throw new IllegalArgumentException("is not <requests>/<window> (e.g. 190/10s)");
        }
        Duration window = io.quarkus.runtime.configuration.DurationConverter.parseDuration(parts[1].strip());
        return new RateLimit(Integer.parseInt(parts[0].strip()), window);
    }

    @Override
    public String toString() {
        long millis = window.toMillis();
        return requests + "/" + (millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms");
    }
}
