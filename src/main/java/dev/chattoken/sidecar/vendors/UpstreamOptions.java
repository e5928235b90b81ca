package dev.chattoken.sidecar.vendors;

import dev.chattoken.sidecar.upstream.RateLimit;
import dev.chattoken.sidecar.upstream.UpstreamPolicy;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The options every vendor with a token API declares, and how they are read: {@code base-url} (the vendor's API, a
 * regional endpoint, an egress gateway, a test server), {@code rate-limit} (the budget of the vendor's rate limit the
 * profile spends), {@code cache-size} and {@code refresh-margin}.
 */
final class UpstreamOptions {

    static final String BASE_URL = "base-url";
    static final String RATE_LIMIT = "rate-limit";
    static final String CACHE_SIZE = "cache-size";
    static final String REFRESH_MARGIN = "refresh-margin";

    static final int DEFAULT_CACHE_SIZE = 2048;
    static final int MAX_CACHE_SIZE = 1_000_000;
    static final Duration DEFAULT_REFRESH_MARGIN = Duration.ofMinutes(5);

    /** Plain http is for a vendor on the same host only (a test server, a local gateway): the credential crosses it. */
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

    private UpstreamOptions() {}

    /** The same for every such vendor (their defaults are their own: the vendor's class and the README say them). */
    static List<Option> declared() {
        return List.of(
                Option.optional(
                        BASE_URL,
                        Option.Kind.TEXT,
                        "the vendor's API, https://host[/path] (default: the vendor's own); "
                                + "plain http only to 127.0.0.1 or localhost"),
                Option.optional(
                        RATE_LIMIT,
                        Option.Kind.TEXT,
                        "the calls the profile makes to the vendor at most, "
                                + "<requests>/<window> (default: the vendor's documented limit)"),
                Option.optional(
                        CACHE_SIZE,
                        Option.Kind.COUNT,
                        "the most tokens cached, one per identity (default " + DEFAULT_CACHE_SIZE + ", at most "
                                + MAX_CACHE_SIZE + ")"),
                Option.optional(
                        REFRESH_MARGIN,
                        Option.Kind.DURATION,
                        "a cached token is replaced this long before it " + "expires (default 5m)"));
    }

    /**
     * Reads the options, recording each problem in {@code options}.
     *
     * @param defaultBaseUrl empty when the vendor's URL is made of another option that is missing (already a problem)
     */
    static UpstreamPolicy read(
            ProfileOptions options,
            String vendor,
            Optional<URI> defaultBaseUrl,
            RateLimit defaultRate,
            UpstreamPolicy.VendorRetryAfter retryAfter) {
        URI baseUrl = options.text(BASE_URL)
                .flatMap(url -> baseUrl(url, options))
                .or(() -> defaultBaseUrl)
                .orElse(URI.create("https://invalid.invalid"));
        RateLimit rate = options.text(RATE_LIMIT)
                .flatMap(text -> {
                    try {
                        return Optional.of(RateLimit.parse(text));
                    } catch (IllegalArgumentException e) {
                        options.problem(options.key(RATE_LIMIT) + " "
                                + (e.getMessage() == null ? "is not <requests>/<window>" : e.getMessage()) + ": "
                                + text);
                        return Optional.empty();
                    }
                })
                .orElse(defaultRate);
        int size = options.count(CACHE_SIZE, MAX_CACHE_SIZE).orElse(DEFAULT_CACHE_SIZE);
        Duration margin = options.duration(REFRESH_MARGIN).orElse(DEFAULT_REFRESH_MARGIN);
        options.check(!margin.isNegative(), options.key(REFRESH_MARGIN) + " may not be negative");
        return new UpstreamPolicy(vendor, baseUrl, rate, size, margin, retryAfter);
    }

    /** Checks that {@code margin} leaves a token of {@code lifetime} time in the cache. */
    static void checkMargin(ProfileOptions options, UpstreamPolicy policy, Duration lifetime, String lifetimeName) {
        options.check(
                policy.refreshMargin().compareTo(lifetime) < 0,
                options.key(REFRESH_MARGIN) + " ("
                        + policy.refreshMargin().toSeconds() + "s) must be shorter than " + lifetimeName + " ("
                        + lifetime.toSeconds() + "s), or no token would ever be cached");
    }

    private static Optional<URI> baseUrl(String text, ProfileOptions options) {
        String key = options.key(BASE_URL);
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !(scheme.equals("http") && LOOPBACK.contains(host))) {
                options.problem(
                        key + " must be an https:// URL (plain http only to 127.0.0.1 or localhost): the vendor "
                                + "credential is sent to it");
            } else if (host.isEmpty()
                    || uri.getRawUserInfo() != null
                    || uri.getRawQuery() != null
                    || uri.getRawFragment() != null) {
                options.problem(key + " must be scheme://host[:port][/path], without user, query or fragment");
            } else {
                return Optional.of(URI.create(text.replaceFirst("/+$", "")));
            }
        } catch (URISyntaxException e) {
            options.problem(key + " is not a URL");
        }
        return Optional.empty();
    }
}
