package dev.chattoken.sidecar.token;

import dev.chattoken.sidecar.config.ChatTokenConfig;
import dev.chattoken.sidecar.keys.HmacSecret;
import dev.chattoken.sidecar.keys.KeyRing;
import dev.chattoken.sidecar.profile.Profile;
import dev.chattoken.sidecar.profile.ProfileRegistry;
import dev.chattoken.sidecar.upstream.Credential;
import dev.chattoken.sidecar.upstream.Deadline;
import dev.chattoken.sidecar.upstream.ProfileUpstream;
import dev.chattoken.sidecar.upstream.RedisSharedStore;
import dev.chattoken.sidecar.upstream.SharedStore;
import dev.chattoken.sidecar.upstream.UpstreamHttp;
import dev.chattoken.sidecar.upstream.UpstreamMetrics;
import dev.chattoken.sidecar.upstream.UpstreamSettings;
import dev.chattoken.sidecar.vendors.UpstreamRules;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.Startup;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;

/**
 * The upstream side of every profile whose token only its vendor's API issues ({@link UpstreamRules}): one
 * {@link ProfileUpstream} each, made at startup, sharing the process's HTTP client and, when
 * {@code quarkus.redis.hosts} is set, the Redis store through which the sidecars of a deployment share tokens and rate
 * budgets. The vendor credential is the profile's key, read from its {@link KeyRing} at each fetch, so a rotation
 * applies at once.
 */
@Startup(ProfileRegistry.STARTUP_PRIORITY + 1) // the HTTP client and its trust store are ready before the first request
@Singleton
public class UpstreamMinter {

    private static final Logger LOG = Logger.getLogger(UpstreamMinter.class);

    /** Kept from the request deadline for writing the answer: a failed upstream call is answered 503, not 408. */
    static final Duration ANSWER_MARGIN = Duration.ofMillis(300);

    private final Map<String, ProfileUpstream> upstreams = new LinkedHashMap<>();
    private final Optional<UpstreamHttp> http;
    private final Duration budget;

    public UpstreamMinter(
            ProfileRegistry profiles,
            UpstreamSettings settings,
            ChatTokenConfig config,
            Vertx vertx,
            MeterRegistry registry,
            Clock clock,
            InjectableInstance<ReactiveRedisDataSource> redis) {
        this.budget = config.requestDeadline().minus(ANSWER_MARGIN);
        boolean any = profiles.all().stream().anyMatch(p -> p.rules() instanceof UpstreamRules);
        this.http = any ? Optional.of(new UpstreamHttp(vertx, settings, System.getenv())) : Optional.empty();
        SharedStore shared = SharedStore.NONE;
        if (any && !redis.listActive().isEmpty()) {
            Counter fallbacks = Counter.builder("chat.token.upstream.shared.fallbacks")
                    .description("Redis commands that fell back to the sidecar's own cache or budget")
                    .register(registry);
            shared = new RedisSharedStore(
                    redis.listActive().get(0),
                    settings.shared().keyPrefix(),
                    settings.shared().timeout(),
                    fallbacks::increment);
            SharedStore store = shared;
            Gauge.builder("chat.token.upstream.shared.up", () -> store.status() == SharedStore.Status.DOWN ? 0 : 1)
                    .description("1 while Redis answers (or none is configured), 0 while the sidecar falls back")
                    .register(registry);
            LOG.info("upstream tokens and rate budgets are shared through Redis (quarkus.redis.hosts)");
        }
        for (Profile profile : profiles.all()) {
            if (profile.rules() instanceof UpstreamRules rules) {
                upstreams.put(
                        profile.name(),
                        new ProfileUpstream(
                                profile.name(),
                                rules.policy(),
                                http.orElseThrow(),
                                shared,
                                new UpstreamMetrics(registry, profile.name()),
                                clock,
                                settings));
                LOG.infof(
                        "profile '%s': tokens from %s at %s, rate budget %s, cache of %d tokens (at most %d KiB)",
                        profile.name(),
                        rules.policy().vendor(),
                        rules.policy().baseUrl(),
                        rules.policy().rateLimit(),
                        rules.policy().cacheSize(),
                        rules.policy().cacheBoundBytes() / 1024);
            }
        }
    }

    /** The token of one request: cached, shared or fetched, within the request's deadline. */
    CompletionStage<ProfileUpstream.Served> token(Profile profile, UpstreamRules.Order order) {
        return upstreams
                .get(profile.name())
                .token(
                        order.identity(),
                        () -> credential(profile.keys().state()),
                        Deadline.after(budget),
                        order.fetch());
    }

    /** The state of a profile's upstream, for {@code /v1/profiles}; empty for a profile that signs its tokens. */
    public Optional<ProfileUpstream.State> state(String profile) {
        return Optional.ofNullable(upstreams.get(profile)).map(ProfileUpstream::state);
    }

    /** The credential as the key ring holds it now: the secret's text, and the key id read with it. */
    private static Credential credential(KeyRing.State keys) {
        HmacSecret secret = (HmacSecret) keys.current(); // UpstreamRules profiles load their key-file as text
        return new Credential(
                new String(secret.signingKey().getEncoded(), java.nio.charset.StandardCharsets.UTF_8), keys.keyId());
    }

    @PreDestroy
    void close() {
        http.ifPresent(UpstreamHttp::close);
    }
}
