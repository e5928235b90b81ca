package dev.chattoken.sidecar.dev;

import dev.chattoken.sidecar.vendors.Vendor;
import dev.chattoken.sidecar.vendors.VendorClasses;
import io.quarkus.runtime.LaunchMode;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.PropertiesConfigSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Dev mode only ({@code ./mvnw quarkus:dev}): one demo profile per vendor, {@code <vendor>-demo}, made from the
 * vendor's own {@link Vendor#example()}, with its key under {@code $TMPDIR/chat-token-sidecar-demo/} (written by
 * {@link DemoKeys} at first start). A new vendor class is in the demo without an edit. The vendors are found where dev
 * mode compiles them (a directory of classes). Only in dev mode itself, not wherever the {@code dev} configuration
 * profile is active: a packaged sidecar started with {@code QUARKUS_PROFILE=dev} must not serve demo profiles whose
 * keys anyone who can write the temporary directory could have put there. Below application.properties (250), so a
 * {@code %dev} line there still wins.
 */
public class DemoProfiles implements ConfigSourceFactory {

    static final int ORDINAL = 240;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        Map<String, String> properties = new LinkedHashMap<>();
        if (LaunchMode.current() == LaunchMode.DEVELOPMENT) {
            Path keys = Path.of(System.getProperty("java.io.tmpdir"), "chat-token-sidecar-demo");
            List<String> names = new ArrayList<>();
            for (Vendor vendor : vendors()) {
                String name = vendor.id() + "-demo";
                String prefix = "chat-token.profiles." + name + ".";
                properties.put(prefix + "vendor", vendor.id());
                properties.put(prefix + "key-file", keys.resolve(name + ".key").toString());
                vendor.example().options().forEach((option, value) -> properties.put(prefix + option, value));
                names.add(name);
            }
            properties.put("chat-token.active", String.join(",", names));
        }
        return List.of(new PropertiesConfigSource(properties, "chat-token demo profiles (dev mode)", ORDINAL));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    private static List<Vendor> vendors() {
        return VendorClasses.inDirectory(DemoProfiles.class.getClassLoader());
    }
}
