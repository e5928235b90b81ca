package dev.chattoken.sidecar.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Profiles of the upstream vendors of their own, against fake APIs of their own, for the tests that make a vendor fail
 * (403, 429, 5xx): their breakers, rate blocks and caches are not those of the vendors' example profiles, which every
 * other test uses. {@code hubspot-answers}, {@code hubspot-blocked}, {@code sendbird-down} and
 * {@code channel-talk-answers}, on the example profiles' fixture key.
 */
public class UpstreamFaultProfiles implements QuarkusTestProfile {

    public static final List<String> PROFILES =
            List.of("hubspot-answers", "hubspot-blocked", "sendbird-down", "channel-talk-answers");

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Fakes.class));
    }

    /** Starts the fake APIs and declares the profiles against them. */
    public static class Fakes implements QuarkusTestResourceLifecycleManager {
        private FakeVendors fakes;

        @Override
        public Map<String, String> start() {
            fakes = new FakeVendors();
            Map<String, String> properties = new LinkedHashMap<>();
            for (String name : PROFILES) {
                String vendor = name.substring(0, name.lastIndexOf('-'));
                String prefix = "chat-token.profiles." + name + ".";
                properties.put(prefix + "vendor", vendor);
                properties.put(prefix + "key-file", Fixtures.HMAC_KEY_FILE.toString());
                properties.put(prefix + "base-url", fakes.baseUrl(vendor));
            }
            properties.put("chat-token.profiles.sendbird-down.application-id", "test-app");
            properties.put("chat-token.profiles.channel-talk-answers.key-id", FakeVendors.ACCESS_KEY);
            properties.put("chat-token.active", "${chat-token-tests.vendor-profiles}," + String.join(",", PROFILES));
            return properties;
        }

        @Override
        public void inject(TestInjector injector) {
            injector.injectIntoFields(
                    fakes, new TestInjector.AnnotatedAndMatchesType(InjectFaultVendors.class, FakeVendors.class));
        }

        @Override
        public void stop() {
            if (fakes != null) {
                fakes.close();
            }
        }
    }

    /** The field that receives these profiles' {@link FakeVendors}. */
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @java.lang.annotation.Target(java.lang.annotation.ElementType.FIELD)
    public @interface InjectFaultVendors {}
}
