package dev.chattoken.sidecar.metrics;

import dev.chattoken.sidecar.config.ChatTokenConfig;
import dev.chattoken.sidecar.keys.KeyRing;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The sidecar's own metrics, exported at {@code /q/metrics} on the management port:
 *
 * <ul>
 *   <li>{@code chat_token_tokens_issued_total{profile,vendor}}
 *   <li>{@code chat_token_tokens_refused_total{profile,reason}}: reason is the problem type, profile is {@code unknown}
 *       for names that are not active (so callers cannot grow the label set)
 *   <li>{@code chat_token_signing_seconds{profile}}: building and signing a token
 *   <li>{@code chat_token_key_reloads_total{profile,outcome}} ({@code rotated}, {@code same_key}) and
 *       {@code chat_token_key_reload_failures_total{profile}}
 *   <li>{@code chat_token_key_age_seconds{profile}}: time since the current key was loaded; only with
 *       {@code chat-token.management.profile-details=true}, as the port answers the whole cluster and a key's age is
 *       profile detail (it tells when keys rotate)
 *   <li>{@code chat_token_libcrypto_keys}: RSA keys libcrypto holds (native executable; 0 on the JVM)
 * </ul>
 *
 * Meters are looked up once per label set and cached: the token path only increments.
 */
@Singleton
public class SidecarMetrics {

    public static final String UNKNOWN_PROFILE = "unknown";

    private final MeterRegistry registry;
    private final boolean profileDetails;
    private final Map<String, Counter> issued = new ConcurrentHashMap<>();
    private final Map<String, Counter> refused = new ConcurrentHashMap<>();
    private final Map<String, Timer> signing = new ConcurrentHashMap<>();
    private final Map<String, Counter> reloads = new ConcurrentHashMap<>();

    public SidecarMetrics(MeterRegistry registry, ChatTokenConfig config) {
        this.registry = registry;
        this.profileDetails = config.management().profileDetails();
    }

    public void issued(String profile, String vendor) {
        issued.computeIfAbsent(
                        profile,
                        p -> Counter.builder("chat.token.tokens.issued")
                                .description("Tokens minted")
                                .tag("profile", p)
                                .tag("vendor", vendor)
                                .register(registry))
                .increment();
    }

    /** @param profile an active profile's name, or {@link #UNKNOWN_PROFILE} */
    public void refused(String profile, String reason) {
        refused.computeIfAbsent(
                        profile + '\0' + reason,
                        k -> Counter.builder("chat.token.tokens.refused")
                                .description("Token requests answered with an error")
                                .tag("profile", profile)
                                .tag("reason", reason)
                                .register(registry))
                .increment();
    }

    public Timer signing(String profile) {
        return signing.computeIfAbsent(
                profile,
                p -> Timer.builder("chat.token.signing")
                        .description("Time to validate a request, build the claims and sign them")
                        .tag("profile", p)
                        .register(registry));
    }

    public void keyReload(String profile, KeyRing.Outcome outcome) {
        String name = outcome == KeyRing.Outcome.REFUSED ? "chat.token.key.reload.failures" : "chat.token.key.reloads";
        String key = profile + '\0' + outcome;
        reloads.computeIfAbsent(key, k -> {
                    Counter.Builder builder = Counter.builder(name).tag("profile", profile);
                    if (outcome != KeyRing.Outcome.REFUSED) {
                        builder.tag("outcome", outcome.name().toLowerCase());
                    }
                    return builder.description(
                                    outcome == KeyRing.Outcome.REFUSED
                                            ? "Key file changes that could not be used"
                                            : "Key file changes that were read")
                            .register(registry);
                })
                .increment();
    }

    /**
     * Registers the key age gauge of a profile, when the management port shows profile detail; {@code age} is read at
     * each scrape.
     */
    public void keyAge(String profile, Supplier<Duration> age) {
        if (!profileDetails) {
            return;
        }
        Gauge.builder("chat.token.key.age", () -> age.get().toMillis() / 1000.0)
                .description("Seconds since the profile's current key was loaded")
                .baseUnit("seconds")
                .tag("profile", profile)
                .register(registry);
    }

    /**
     * Registers the gauge of the EVP_PKEYs libcrypto holds: one per current RSA key it signs with, briefly one more
     * while a signature with a replaced key ends. A count that grows with rotations would be a leak.
     */
    public void libcryptoKeys(IntSupplier keys) {
        Gauge.builder("chat.token.libcrypto.keys", keys::getAsInt)
                .description("RSA private keys held by libcrypto (EVP_PKEY); 0 when the JDK signs")
                .register(registry);
    }
}
