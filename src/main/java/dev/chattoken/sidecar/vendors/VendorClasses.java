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
 * The vendors of this package where they are compiled classes, in a directory or a plain jar: in dev mode (before CDI
 * starts, for the demo profiles) and in the tests. The running application finds its vendors as CDI beans
 * ({@link Vendors}); a native executable has no class files, and the list is empty there.
 */
public final class VendorClasses {

    private static final String PACKAGE = "dev/chattoken/sidecar/vendors";

    private VendorClasses() {}

    /** A new instance of each vendor class, sorted by id; empty when the package is not a directory. */
    public static List<Vendor> inDirectory(ClassLoader loader) {
        List<Vendor> vendors = new java.util.ArrayList<>();
        try {
            for (URL url : java.util.Collections.list(loader.getResources(PACKAGE))) { // classes and test classes
                for (String file : classFiles(url)) {
                    Class<?> type = load(
                            loader,
                            PACKAGE.replace('/', '.') + "." + file.substring(0, file.length() - ".class".length()));
                    // the vendors themselves, not the proxies and beans Quarkus generates beside them in a packaged jar
                    if (Vendor.class.isAssignableFrom(type)
                            && !type.isInterface()
                            && !Modifier.isAbstract(type.getModifiers())
                            && type.getDeclaredAnnotation(jakarta.enterprise.context.ApplicationScoped.class) != null) {
                        vendors.add(instantiate(type));
                    }
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

    /** The top-level class files of the package at {@code url}: a directory, or a jar the build made of one. */
    private static List<String> classFiles(URL url) throws IOException, URISyntaxException {
        Stream<String> names;
        if ("file".equals(url.getProtocol())) {
            try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                names = files.map(f -> f.getFileName().toString()).toList().stream();
            }
        } else if ("jar".equals(url.getProtocol())) {
            java.net.JarURLConnection connection = (java.net.JarURLConnection) url.openConnection();
            connection.setUseCaches(false);
            try (java.util.jar.JarFile jar = connection.getJarFile()) {
                names = jar.stream()
                        .map(java.util.zip.ZipEntry::getName)
                        .filter(n -> n.startsWith(PACKAGE + "/") && n.indexOf('/', PACKAGE.length() + 1) < 0)
                        .map(n -> n.substring(PACKAGE.length() + 1))
                        .toList()
                        .stream();
            }
        } else {
            return List.of();
        }
        return names.filter(n -> n.endsWith(".class") && !n.contains("$")).toList();
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
