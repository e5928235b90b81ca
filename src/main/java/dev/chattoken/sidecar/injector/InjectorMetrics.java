package dev.chattoken.sidecar.injector;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The injector's metrics on the management port ({@code /q/metrics}):
 *
 * <ul>
 *   <li>{@code chat_token_injector_admissions_total{webhook,outcome}}: {@code webhook} is {@code inject} (pods) or
 *       {@code validate} (ChatTokenProfiles); {@code outcome} is {@code injected}, {@code skipped}, {@code refused} or
 *       {@code error} for pods, {@code allowed}, {@code refused} or {@code error} for profiles
 *   <li>{@code chat_token_injector_admission_seconds{webhook,outcome}}: from the request's body to the answer
 * </ul>
 */
@ApplicationScoped
public class InjectorMetrics {

    /** What became of one admission. */
    public enum Outcome {
        INJECTED,
        SKIPPED,
        ALLOWED,
        REFUSED,
        ERROR;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public InjectorMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void admission(String webhook, Outcome outcome, Duration took) {
        String key = webhook + '\0' + outcome;
        counters.computeIfAbsent(
                        key,
                        k -> Counter.builder("chat.token.injector.admissions")
                                .description("Admission reviews answered, by webhook and outcome")
                                .tag("webhook", webhook)
                                .tag("outcome", outcome.label())
                                .register(registry))
                .increment();
        timers.computeIfAbsent(
                        key,
                        k -> Timer.builder("chat.token.injector.admission")
                                .description("Time from an admission review's body to its answer")
                                .tag("webhook", webhook)
                                .tag("outcome", outcome.label())
                                .publishPercentiles(0.5, 0.99)
                                .register(registry))
                .record(took);
    }
}
