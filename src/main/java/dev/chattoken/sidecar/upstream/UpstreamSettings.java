package dev.chattoken.sidecar.upstream;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code chat-token.upstream.*}: how the sidecar reaches the vendors whose tokens only their API issues (HubSpot,
 * Sendbird, Channel Talk), for every such profile. Each profile's own rules (base URL, rate budget, cache size) are its
 * vendor's options.
 */
@ConfigMapping(prefix = "chat-token.upstream")
public interface UpstreamSettings {

    /**
     * The HTTP proxy for the vendors' HTTPS APIs ({@code http://[user:password@]host:port}). Unset: the environment's
     * {@code HTTPS_PROXY} (or {@code https_proxy}); none: direct.
     */
    Optional<String> httpsProxy();

    /**
     * Hosts reached without the proxy: names ({@code api.example.com}), domains ({@code .example.com} or
     * {@code example.com}, both with their subdomains), IP addresses, {@code *} for all. Unset: the environment's
     * {@code NO_PROXY} (or {@code no_proxy}).
     */
    Optional<List<String>> noProxy();

    /**
     * The CA certificates the vendors' TLS certificates are checked against, a PEM bundle. Unset: the system's bundle,
     * read at startup (the file named by {@code SSL_CERT_FILE}, else the first of the distributions' usual paths that
     * exists); without any, the JDK's own trust store (in a native executable, the one it was built with).
     */
    Optional<Path> trustStore();

    /** How long connecting to a vendor (with TLS, through the proxy) may take, at most, per attempt. */
    @WithDefault("1s")
    Duration connectTimeout();

    /** How long one attempt may take from sending the request to the end of the answer, at most. */
    @WithDefault("3s")
    Duration readTimeout();

    /** A vendor's answer larger than this is refused as malformed (a token answer is a few hundred bytes). */
    @WithDefault("64K")
    MemorySize maxAnswerSize();

    /** Retries of one request after a 5xx, a timeout or a reset (each within the caller's deadline). */
    @WithDefault("3")
    int maxRetries();

    /** The circuit breaker of each profile. */
    Breaker breaker();

    interface Breaker {
        /** How many of the last calls it looks at. */
        @WithDefault("10")
        int requestVolume();

        /** The share of those that must have failed (5xx, timeout, reset, malformed answer) for it to open. */
        @WithDefault("0.5")
        double failureRatio();

        /** How long it stays open (every request answered 503 at once) before one call tries again. */
        @WithDefault("10s")
        Duration delay();
    }

    /** The cache and rate budget shared through Redis, when {@code quarkus.redis.hosts} is set. */
    Shared shared();

    interface Shared {
        /** The prefix of every key the sidecar writes, so that one Redis may serve other applications too. */
        @WithDefault("chat-token-sidecar")
        String keyPrefix();

        /** How long one Redis command may take before the sidecar goes on with its own cache and budget. */
        @WithDefault("250ms")
        Duration timeout();
    }
}
