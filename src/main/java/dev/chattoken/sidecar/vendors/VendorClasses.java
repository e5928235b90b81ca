package dev.chattoken.sidecar.vendors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The vendors of this package where they are compiled classes in a directory: in dev mode, at build time (the
 * OpenAPI document's answer fields) and in the tests. A packaged application finds its vendors as CDI beans
 * ({@link Vendors}); here, where there is no directory, the list is empty.
 */
public final class VendorClasses {

    private static final String PACKAGE = "dev/chattoken/sidecar/vendors";

    private VendorClasses() {
    }

    /** A new instance of each vendor class, sorted by id; empty when the package is not a directory. */
    public static List<Vendor> inDirectory(ClassLoader loader) {
        List<Vendor> vendors = new java.util.ArrayList<>();
        try {
            for (URL url : java.util.Collections.list(loader.getResources(PACKAGE))) { // classes and test classes
                if (!"file".equals(url.getProtocol())) {
                    continue;
                }
                try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                    files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".class") && !n.contains("$"))
                            .map(n -> load(loader, PACKAGE.replace('/', '.') + "." + n.substring(0, n.length() - ".class".length())))
                            .filter(c -> Vendor.class.isAssignableFrom(c) && !c.isInterface() && !Modifier.isAbstract(c.getModifiers()))
                            .map(VendorClasses::instantiate)
                            .forEach(vendors::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            return List.of();
        }
        vendors.sort(Comparator.comparing(Vendor::id));
        return List.copyOf(vendors);
    }

    private static Class<?> load(ClassLoader loader, String name) {
        try {
            return Class.forName(name, false, loader);
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
