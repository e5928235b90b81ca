package dev.chattoken.sidecar.support;

import dev.chattoken.sidecar.vendors.Vendor;
import dev.chattoken.sidecar.vendors.VendorClasses;
import java.util.List;

/**
 * Every vendor of the build, found where the build put them (the {@code vendors} package's classes): the one list of
 * vendors the tests use, so that a new vendor class is run by the shared contract tests, gets a test profile and is
 * held against the chart's schema without being listed anywhere.
 */
public final class VendorCatalog {

    private VendorCatalog() {}

    /** A new instance of each vendor, sorted by id. */
    public static List<Vendor> all() {
        List<Vendor> vendors = VendorClasses.inDirectory(VendorCatalog.class.getClassLoader());
        if (vendors.isEmpty()) {
            throw new IllegalStateException("no vendor classes found: the tests run on the compiled classes directory");
        }
        return vendors;
    }

    public static Vendor byId(String id) {
        return all().stream()
                .filter(v -> v.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no vendor " + id));
    }
}
