package dev.chattoken.sidecar.support;

import dev.chattoken.sidecar.upstream.UpstreamSettings;
import io.quarkus.runtime.configuration.MemorySize;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code chat-token.upstream.*} for tests that build the upstream machinery themselves: the defaults, and variants. */
public record TestUpstreamSettings(
        Optional<String> httpsProxy,
        Optional<List<String>> noProxy,
        Optional<Path> trustStore,
        Duration connectTimeout,
        Duration readTimeout,
        MemorySize maxAnswerSize,
        int maxRetries,
        Breaker breaker,
        Shared shared)
        implements UpstreamSettings {

    public static TestUpstreamSettings defaults() {
        return new TestUpstreamSettings(
                Optional.empty(),
                Optional.of(List.of()),
                Optional.empty(),
                Duration.ofSeconds(1),
                Duration.ofSeconds(3),
                new MemorySize(java.math.BigInteger.valueOf(64 * 1024)),
                3,
                breaker(10, 0.5, Duration.ofSeconds(10)),
                new Shared() {
                    @Override
                    public String keyPrefix() {
                        return "chat-token-sidecar";
                    }

                    @Override
                    public Duration timeout() {
                        return Duration.ofMillis(250);
                    }
                });
    }

    public static Breaker breaker(int volume, double ratio, Duration delay) {
        return new Breaker() {
            @Override
            public int requestVolume() {
                return volume;
            }

            @Override
            public double failureRatio() {
                return ratio;
            }

            @Override
            public Duration delay() {
                return delay;
            }
        };
    }

    public TestUpstreamSettings withBreaker(Breaker value) {
        return new TestUpstreamSettings(
                httpsProxy, noProxy, trustStore, connectTimeout, readTimeout, maxAnswerSize, maxRetries, value, shared);
    }

    public TestUpstreamSettings withProxy(String proxy, List<String> noProxyHosts) {
        return new TestUpstreamSettings(
                Optional.of(proxy),
                Optional.of(noProxyHosts),
                trustStore,
                connectTimeout,
                readTimeout,
                maxAnswerSize,
                maxRetries,
                breaker,
                shared);
    }

    /** No {@code no-proxy} configured: the environment's {@code NO_PROXY} applies. */
    public TestUpstreamSettings withNoProxyUnset() {
        return new TestUpstreamSettings(
                httpsProxy,
                Optional.empty(),
                trustStore,
                connectTimeout,
                readTimeout,
                maxAnswerSize,
                maxRetries,
                breaker,
                shared);
    }

    public TestUpstreamSettings withTrustStore(Path bundle) {
        return new TestUpstreamSettings(
                httpsProxy,
                noProxy,
                Optional.of(bundle),
                connectTimeout,
                readTimeout,
                maxAnswerSize,
                maxRetries,
                breaker,
                shared);
    }

    public TestUpstreamSettings withMaxAnswerSize(int bytes) {
        return new TestUpstreamSettings(
                httpsProxy,
                noProxy,
                trustStore,
                connectTimeout,
                readTimeout,
                new MemorySize(java.math.BigInteger.valueOf(bytes)),
                maxRetries,
                breaker,
                shared);
    }
}
