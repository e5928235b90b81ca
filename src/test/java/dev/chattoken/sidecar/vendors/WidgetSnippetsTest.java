package dev.chattoken.sidecar.vendors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chattoken.sidecar.support.VendorCatalog;
import dev.chattoken.sidecar.support.VendorTesting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The page side of each vendor (examples/widgets/&lt;vendor&gt;.js) reads the fields the vendor's answer has: the
 * widget fields its rules give (Huggy's user_hash, Crisp's signature, ...), or the token where there are none, and no
 * field the answer lacks. A new vendor's snippet is asked for here; a renamed field fails here.
 */
class WidgetSnippetsTest {

    private static final Path WIDGETS = Path.of("examples/widgets");
    /** The page's fetch, shared by the snippets; not a vendor's. */
    private static final String SHARED = "chat-token.js";

    private static final Pattern ANSWER_FIELD = Pattern.compile("\\banswer\\.([A-Za-z_][A-Za-z0-9_]*)");
    private static final Set<String> COMMON = Set.of("token", "profile", "vendor", "expires_at");

    static List<Vendor> vendors() {
        return VendorCatalog.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vendors")
    void eachVendorsSnippetHandsTheWidgetTheFieldsItsAnswerHas(Vendor vendor) throws Exception {
        Path snippet = WIDGETS.resolve(vendor.id() + ".js");
        assertTrue(Files.isRegularFile(snippet), snippet + ": the page side of vendor " + vendor.id());
        Set<String> read = ANSWER_FIELD
                .matcher(Files.readString(snippet))
                .results()
                .map(m -> m.group(1))
                .collect(Collectors.toCollection(TreeSet::new));
        // the fields the vendor's rules put beside a token (the token is the vendor's own for a vendor API)
        Set<String> widget = VendorTesting.example(vendor)
                .rules()
                .widgetFields(VendorTesting.identity(vendor.example().request()), "token")
                .keySet();
        Set<String> answered = new TreeSet<>(COMMON);
        answered.addAll(widget);
        assertTrue(answered.containsAll(read), snippet + " reads " + read + ", the answer has " + answered);
        Set<String> expected = widget.isEmpty() ? Set.of("token") : widget;
        assertTrue(read.containsAll(expected), snippet + " reads " + read + ", the widget takes " + expected);
    }

    @Test
    void everySnippetIsAVendors() throws Exception {
        Set<String> ids = vendors().stream().map(Vendor::id).collect(Collectors.toCollection(TreeSet::new));
        try (Stream<Path> files = Files.list(WIDGETS)) {
            Set<String> snippets = files.map(f -> f.getFileName().toString())
                    .filter(f -> !f.equals(SHARED))
                    .map(f -> f.replaceFirst("\\.js$", ""))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(ids, snippets, "one snippet per vendor in " + WIDGETS);
        }
    }
}
