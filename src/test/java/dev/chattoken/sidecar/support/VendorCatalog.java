package dev.chattoken.sidecar.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import dev.chattoken.sidecar.vendors.Vendor;

/**
 * Every vendor of the build, found where the build put them (the {@code vendors} package's classes): the one list of
 * vendors the tests use, so that a new vendor class is run by the shared contract tests, gets a test profile and is
 * held against the chart's schema without being listed anywhere.
 */
public final class VendorCatalog {

    private static final Path PACKAGE = Path.of("target/classes/dev/chattoken/sidecar/vendors");

    private VendorCatalog() {
    }

    /** A new instance of each vendor, sorted by id. */
    public static List<Vendor> all() {
        try (Stream<Path> files = Files.list(PACKAGE)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".class") && !n.contains("$"))
                    .map(n -> load("dev.chattoken.sidecar.vendors." + n.substring(0, n.length() - ".class".length())))
                    .filter(c -> Vendor.class.isAssignableFrom(c) && !c.isInterface() && !Modifier.isAbstract(c.getModifiers()))
                    .map(VendorCatalog::instantiate)
                    .sorted(Comparator.comparing(Vendor::id))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("the vendors package is compiled to " + PACKAGE, e);
        }
    }

    public static Vendor byId(String id) {
        return all().stream().filter(v -> v.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no vendor " + id));
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Vendor instantiate(Class<?> type) {
        try {
            return (Vendor) type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("a vendor has a public no-argument constructor: " + type.getName(), e);
        }
    }
}
