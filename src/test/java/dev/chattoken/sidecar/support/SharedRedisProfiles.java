package dev.chattoken.sidecar.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sidecar with a shared store: a real redis-server ({@link RedisServer}) as {@code quarkus.redis.hosts}, and
 * profiles {@code hubspot-shared} and {@code sendbird-shared} (rate budget 3 per 20 s) against fake APIs of their own.
 * The test injects both, to be the other sidecar of the deployment and to stop Redis.
 */
public class SharedRedisProfiles implements QuarkusTestProfile {

    /**
     * Longer than the default (250 ms): on a loaded CI machine a command may take that long without Redis being down.
     */
    public static final java.time.Duration TIMEOUT = java.time.Duration.ofSeconds(1);

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Store.class));
    }

    public static class Store implements QuarkusTestResourceLifecycleManager {
        private RedisServer redis;
        private FakeVendors fakes;

        @Override
        public Map<String, String> start() {
            try {
                redis = RedisServer.start();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            fakes = new FakeVendors();
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("quarkus.redis.hosts", redis.url());
            properties.put("chat-token.upstream.shared.timeout", TIMEOUT.toMillis() + "ms");
            for (String vendor : List.of("hubspot", "sendbird")) {
                String prefix = "chat-token.profiles." + vendor + "-shared.";
                properties.put(prefix + "vendor", vendor);
                properties.put(prefix + "key-file", Fixtures.HMAC_KEY_FILE.toString());
                properties.put(prefix + "base-url", fakes.baseUrl(vendor));
            }
            properties.put("chat-token.profiles.sendbird-shared.application-id", "shared-app");
            properties.put("chat-token.profiles.sendbird-shared.rate-limit", "3/20s");
            properties.put("chat-token.active", "${chat-token-tests.vendor-profiles},hubspot-shared,sendbird-shared");
            return properties;
        }

        @Override
        public void inject(TestInjector injector) {
            injector.injectIntoFields(fakes, new TestInjector.MatchesType(FakeVendors.class));
            injector.injectIntoFields(redis, new TestInjector.MatchesType(RedisServer.class));
        }

        @Override
        public void stop() {
            if (fakes != null) {
                fakes.close();
            }
            try {
                if (redis != null) {
                    redis.close();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
