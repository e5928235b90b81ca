package dev.chattoken.sidecar.support;

import dev.chattoken.sidecar.config.ProfileSettings;
import dev.chattoken.sidecar.profile.ProfileLoader;
import dev.chattoken.sidecar.vendors.UpstreamRules;
import dev.chattoken.sidecar.vendors.Vendor;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A test profile for every vendor of the build, named after it, made from the vendor's own {@link Vendor#example()} and
 * the fixture key of its family ({@link Fixtures}): every {@code @QuarkusTest} and, passed to the packaged executable
 * as system properties, every {@code @QuarkusIntegrationTest} serves them. A new vendor is served by the test suites
 * without an edit here or in application.properties, where {@code %test.chat-token.active} lists {@value #ACTIVE} and
 * the few extra profiles specific tests need. The vendors whose tokens only their API issues get the {@code base-url}
 * of their fake API ({@link FakeVendors}, started here for the application's lifetime and injected into a test's
 * {@link InjectFakeVendors} field).
 */
@QuarkusTestResource(value = VendorTestProfiles.class, restrictToAnnotatedClass = false)
public class VendorTestProfiles implements QuarkusTestResourceLifecycleManager {

    static final String ACTIVE = "chat-token-tests.vendor-profiles";

    private FakeVendors fakes;

    @Override
    public Map<String, String> start() {
        fakes = new FakeVendors();
        return properties(fakes);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(
                fakes, new TestInjector.AnnotatedAndMatchesType(InjectFakeVendors.class, FakeVendors.class));
    }

    /** The properties of every vendor's test profile, and their names under {@value #ACTIVE}. */
    public static Map<String, String> properties(FakeVendors fakes) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (Vendor vendor : VendorCatalog.all()) {
            String prefix = "chat-token.profiles." + vendor.id() + ".";
            properties.put(prefix + "vendor", vendor.id());
            properties.put(prefix + "key-file", keyFile(vendor).toString());
            vendor.example().options().forEach((option, value) -> properties.put(prefix + option, value));
            if (isUpstream(vendor)) {
                properties.put(prefix + "base-url", fakes.baseUrl(vendor.id()));
            }
        }
        properties.put(ACTIVE, VendorCatalog.all().stream().map(Vendor::id).collect(Collectors.joining(",")));
        return properties;
    }

    /** The fixture key of the family the vendor's example signs with. */
    public static Path keyFile(Vendor vendor) {
        ProfileSettings unkeyed = new ProfileSettings(
                vendor.id(),
                vendor.id(),
                Path.of("unset"),
                Optional.empty(),
                vendor.example().options());
        return Fixtures.keyFile(ProfileLoader.rules(unkeyed, vendor).algorithm());
    }

    /** Whether the vendor's tokens are issued by its API (its test profile calls a fake of it). */
    public static boolean isUpstream(Vendor vendor) {
        ProfileSettings unkeyed = new ProfileSettings(
                vendor.id(),
                vendor.id(),
                Path.of("unset"),
                Optional.empty(),
                vendor.example().options());
        return ProfileLoader.rules(unkeyed, vendor) instanceof UpstreamRules;
    }

    @Override
    public void stop() {
        if (fakes != null) {
            fakes.close();
        }
    }
}
