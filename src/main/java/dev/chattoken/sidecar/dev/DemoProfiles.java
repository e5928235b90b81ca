package dev.chattoken.sidecar.dev;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.spi.ConfigSource;

import dev.chattoken.sidecar.vendors.Vendor;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Dev mode only ({@code ./mvnw quarkus:dev}): one demo profile per vendor, {@code <vendor>-demo}, made from the
 * vendor's own {@link Vendor#example()}, with its key under {@code $TMPDIR/chat-token-sidecar-demo/} (written by
 * {@link DemoKeys} at first start). A new vendor class is in the demo without an edit. The vendors are found where
 * dev mode compiles them (a directory of classes); a packaged build has no such directory and declares nothing.
 * Below application.properties (250), so a {@code %dev} line there still wins.
 */
public class DemoProfiles implements ConfigSourceFactory {

    static final int ORDINAL = 240;
    private static final String PACKAGE = "dev/chattoken/sidecar/vendors";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        Map<String, String> properties = new LinkedHashMap<>();
        if (context.getProfiles().contains("dev")) {
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
        URL url = DemoProfiles.class.getClassLoader().getResource(PACKAGE);
        if (url == null || !"file".equals(url.getProtocol())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".class") && !n.contains("$")).sorted()
                    .map(n -> PACKAGE.replace('/', '.') + "." + n.substring(0, n.length() - ".class".length()))
                    .map(DemoProfiles::vendor).flatMap(Stream::ofNullable).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            return List.of();
        }
    }

    private static Vendor vendor(String className) {
        try {
            Class<?> type = Class.forName(className, false, DemoProfiles.class.getClassLoader());
            if (!Vendor.class.isAssignableFrom(type) || type.isInterface() || java.lang.reflect.Modifier.isAbstract(type.getModifiers())) {
                return null;
            }
            return (Vendor) type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
