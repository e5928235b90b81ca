package dev.chattoken.sidecar.kubernetes;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chattoken.sidecar.support.VendorCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The chart's {@code values.schema.json}, whose {@code definitions.profile} is generated from the vendor catalogue
 * ({@link ChartVendorRules#profileSchema}); the rest of the file is written by hand.
 */
final class ChartSchemaFile {

    static final Path FILE = HelmCharts.CHART.resolve("values.schema.json");
    /** Set in CI (or as {@code -Dchart.schema.check=true}): the file is checked, never written. */
    static final boolean CHECK_ONLY = System.getenv("CI") != null || Boolean.getBoolean("chart.schema.check");

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChartSchemaFile() {}

    /** The profile rules as the vendors declare them. */
    static ObjectNode generated() {
        return ChartVendorRules.profileSchema(VendorCatalog.all());
    }

    /** The file as it is. */
    static ObjectNode current() {
        try {
            return (ObjectNode) JSON.readTree(FILE.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rewrites the file's generated part when it is not the vendors' declarations; true when it did. */
    static boolean update() {
        ObjectNode schema = current();
        ObjectNode generated = generated();
        if (generated.equals(schema.get("definitions").get("profile"))) {
            return false;
        }
        ((ObjectNode) schema.get("definitions")).set("profile", generated);
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"))
                .withSeparators(
                        Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        try {
            Files.writeString(FILE, JSON.writer(printer).writeValueAsString(schema) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return true;
    }
}
