package dev.chattoken.sidecar.upstream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * One profile's upstream meters, at {@code /q/metrics}:
 *
 * <ul>
 *   <li>{@code chat_token_upstream_calls_total{profile,status}}: calls to the vendor by the answer's HTTP status, or
 *       {@code timeout}, {@code connect}, {@code reset}, {@code tls}, {@code oversized}; a 200 that cannot be read
 *       counts as its status here and as {@code malformed} in {@code chat_token_upstream_failures_total}
 *   <li>{@code chat_token_upstream_call_seconds{profile}}: each call's latency
 *   <li>{@code chat_token_upstream_cache_total{profile,result}}: answers by where the token came from: {@code hit}
 *       (this sidecar's cache), {@code shared} (Redis), {@code miss} (the vendor, for this request), {@code joined}
 *       (the vendor, for a request under way for the same identity)
 *   <li>{@code chat_token_upstream_cache_size{profile}}: tokens cached
 *   <li>{@code chat_token_upstream_rate_limit_waits_total{profile,budget}}: waits for a rate budget ({@code local},
 *       {@code shared}, {@code vendor}: its 429) that fit in the caller's deadline
 *   <li>{@code chat_token_upstream_failures_total{profile,reason}}: answers without a token ({@code unavailable},
 *       {@code rate_limited}, {@code refused}, {@code unknown_user}, {@code breaker_open}, {@code malformed})
 *   <li>{@code chat_token_upstream_breaker_state{profile}}: 0 closed, 1 half-open, 2 open
 * </ul>
 *
 * Meters are looked up once per label set: the request path only increments.
 */
public final class UpstreamMetrics {

    private final MeterRegistry registry;
    private final String profile;
    private final Timer latency;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public UpstreamMetrics(MeterRegistry registry, String profile) {
        this.registry = registry;
        this.profile = profile;
        this.latency = Timer.builder("chat.token.upstream.call")
                .description("Latency of calls to the vendor's API")
                .tag("profile", profile)
                .register(registry);
    }

    void call(String status, long nanos) {
        latency.record(nanos, TimeUnit.NANOSECONDS);
        counter("chat.token.upstream.calls", "status", status, "Calls to the vendor's API by answer")
                .increment();
    }

    void cache(TokenSource source) {
        counter("chat.token.upstream.cache", "result", source.label(), "Answers by where the token came from")
                .increment();
    }

    void rateLimitWait(AttemptFailure.Throttled.Budget budget) {
        counter(
                        "chat.token.upstream.rate.limit.waits",
                        "budget",
                        budget.label(),
                        "Waits for a rate budget within the deadline")
                .increment();
    }

    void failure(String reason) {
        counter("chat.token.upstream.failures", "reason", reason, "Answers without a token from the vendor")
                .increment();
    }

    <T> void gauge(String name, String description, T state, ToDoubleFunction<T> value) {
        Gauge.builder(name, state, value)
                .description(description)
                .tag("profile", profile)
                .register(registry);
    }

    void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value)
                .description(description)
                .tag("profile", profile)
                .register(registry);
    }

    private Counter counter(String name, String tag, String value, String description) {
        return counters.computeIfAbsent(
                name + '\0' + value,
                k -> Counter.builder(name)
                        .description(description)
                        .tag("profile", profile)
                        .tag(tag, value)
                        .register(registry));
    }
}
