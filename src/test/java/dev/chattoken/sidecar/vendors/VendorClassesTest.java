package dev.chattoken.sidecar.vendors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chattoken.sidecar.support.VendorCatalog;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tests' one list of vendors is a scan of this package's class files ({@link VendorClasses}); the application's is
 * its CDI beans ({@link Vendors}). A vendor the scan misses (a nested class, one in a subpackage) would get no contract
 * test, no test profile and no chart rule, silently: here it fails. (No IT: a packaged app has no beans to inject here,
 * and the scan finds nothing in a native executable.)
 */
@QuarkusTest
class VendorClassesTest {

    @Inject
    Vendors vendors;

    @Test
    void theScannedVendorsAreTheApplicationsVendorBeans() {
        List<String> beans = vendors.all().stream().map(Vendor::id).toList();
        List<String> scanned = VendorCatalog.all().stream().map(Vendor::id).toList();

        assertEquals(
                beans, scanned, "every Vendor bean is a top-level @ApplicationScoped class of the vendors package");
    }
}
