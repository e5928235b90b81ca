package dev.chattoken.sidecar.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chattoken.sidecar.http.ProblemType;
import dev.chattoken.sidecar.injector.Annotations;
import dev.chattoken.sidecar.profile.Profile;
import dev.chattoken.sidecar.support.VendorCatalog;
import dev.chattoken.sidecar.support.VendorTesting;
import dev.chattoken.sidecar.vendors.IdentityField;
import dev.chattoken.sidecar.vendors.UpstreamRules;
import dev.chattoken.sidecar.vendors.Vendor;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.junit.jupiter.api.Test;

/**
 * The documents say what the program does: the README's vendor table is the vendor catalogue, the request table is what
 * each vendor's rules accept, troubleshooting covers exactly the problem types the sidecar answers, the ports are those
 * of application.properties, every relative link and anchor resolves, and nothing a user reads points outside the
 * repository. A change to the program that the documents do not follow fails here.
 */
class DocumentationTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path README = ROOT.resolve("README.md");
    private static final Path DOCS = ROOT.resolve("docs");
    /** The declared vendors, whose accepted fields are whatever their profile's templates name. */
    private static final Set<String> DECLARED = Set.of("jwt", "hmac");

    /** What a user reads: README.md, every Markdown file under docs/, and the READMEs and history they lead to. */
    static List<Markdown> documents() throws IOException {
        List<Markdown> documents = new ArrayList<>();
        documents.add(Markdown.read(README));
        for (String other : List.of("examples/README.md", "kubernetes/README.md", "bench/results/HISTORY.md")) {
            documents.add(doc(other));
        }
        try (Stream<Path> files = Files.list(DOCS)) {
            files.filter(f -> f.toString().endsWith(".md"))
                    .sorted()
                    .map(Markdown::read)
                    .forEach(documents::add);
        }
        return documents;
    }

    private static Markdown doc(String name) {
        return Markdown.read(ROOT.resolve(name));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // links

    @Test
    void everyRelativeLinkAndAnchorResolvesInsideTheRepository() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Markdown document : documents()) {
            for (String link : document.links()) {
                if (link.matches("^[a-z][a-z0-9+.-]*:.*")) { // https:, mailto: ...: outside links are not checked
                    continue;
                }
                String[] parts = link.split("#", 2);
                Path target = parts[0].isEmpty()
                        ? document.path()
                        : document.path().getParent().resolve(parts[0]).normalize();
                String where = ROOT.relativize(document.path()) + ": " + link;
                if (!target.startsWith(ROOT)) {
                    broken.add(where + " points outside the repository");
                } else if (!Files.exists(target)) {
                    broken.add(where + " names no file");
                } else if (parts.length == 2) {
                    if (!target.toString().endsWith(".md")) {
                        broken.add(where + ": an anchor into a file that is not Markdown");
                    } else if (!Markdown.read(target).anchors().contains(parts[1])) {
                        broken.add(where + ": no heading has the anchor #" + parts[1]);
                    }
                }
            }
        }
        assertEquals(List.of(), broken);
    }

    @Test
    void nothingPointsToTheBuildMachinesSharedDirectory() throws IOException {
        for (Markdown document : documents()) {
            assertFalse(
                    document.text().contains("../shared"),
                    document.path() + " names ../shared, which a user of the repository does not have");
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // the vendors

    @Test
    void theReadmesVendorTableIsTheVendorCatalogue() throws Exception {
        Markdown readme = Markdown.read(README);
        Markdown vendorsDoc = doc("docs/vendors.md");
        Table table = Table.of(Markdown.firstTable(readme.headingTitled("The vendors")));
        Map<String, List<TableCell>> rows = table.rowsBy("id", cell -> single(Markdown.codeSpans(cell), "id"));
        Set<String> catalogue =
                VendorCatalog.all().stream().map(Vendor::id).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(catalogue, new TreeSet<>(rows.keySet()), "one row per vendor class, no other");

        for (Vendor vendor : VendorCatalog.all()) {
            List<TableCell> row = rows.get(vendor.id());
            Profile example = VendorTesting.example(vendor);
            // the fields the vendor's rules put beside a token (a vendor API's token is its own, not minted here)
            Set<String> widget = new TreeSet<>(example.rules()
                    .widgetFields(VendorTesting.identity(vendor.example().request()), "token")
                    .keySet());
            widget.add("token");
            assertEquals(
                    widget,
                    new TreeSet<>(Markdown.codeSpans(table.cell(row, "the widget gets"))),
                    vendor.id() + ": what the widget gets is the answer's token and the vendor's widget fields");

            String kind = Markdown.plainText(table.cell(row, "token"));
            if (example.rules() instanceof UpstreamRules) {
                assertTrue(
                        kind.startsWith("from the vendor's API"),
                        vendor.id() + ": a token from the vendor's API, the table says " + kind);
            } else if (example.rules().signsJwt()) {
                assertTrue(
                        kind.startsWith("JWT")
                                && kind.contains(example.rules().algorithm().name()),
                        vendor.id() + ": a JWT signed " + example.rules().algorithm() + ", the table says " + kind);
            } else {
                assertTrue(
                        kind.startsWith("HMAC-SHA256 digest"),
                        vendor.id() + ": an HMAC-SHA256 digest, the table says " + kind);
            }

            String link = single(Markdown.links(table.cell(row, "details")), vendor.id() + " details");
            assertTrue(link.startsWith("docs/vendors.md#"), vendor.id() + ": details in docs/vendors.md, not " + link);
            Heading section = vendorsDoc
                    .heading(link.substring(link.indexOf('#') + 1))
                    .orElseThrow(() -> new AssertionError(vendor.id() + ": no section " + link));
            Set<String> named = new TreeSet<>(Markdown.codeSpans(section));
            Markdown.section(section).forEach(block -> named.addAll(Markdown.codeSpans(block)));
            assertTrue(
                    named.contains(vendor.id()),
                    vendor.id() + ": its section '" + Markdown.plainText(section) + "' names the vendor id");
        }
    }

    private static final Pattern DEMO_CALL =
            Pattern.compile("/v1/tokens/([a-z0-9-]+)-demo -H 'content-type: application/json' -d '([^']*)'");

    @Test
    void everyVendorsCallMintsOnItsDemoProfile() throws Exception {
        Map<String, String> calls = new TreeMap<>();
        for (Heading heading : doc("docs/vendors.md").headings()) {
            for (FencedCodeBlock block : Markdown.fencedBlocks(heading)) {
                Matcher call = DEMO_CALL.matcher(block.getLiteral());
                while (call.find()) {
                    calls.put(call.group(1), call.group(2));
                }
            }
        }
        assertEquals(
                VendorCatalog.all().stream().map(Vendor::id).collect(Collectors.toCollection(TreeSet::new)),
                calls.keySet(),
                "docs/vendors.md has a call on each vendor's demo profile");
        for (Vendor vendor : VendorCatalog.all()) {
            // the demo profile is the vendor's example profile (dev/DemoProfiles): the call's body mints there, or,
            // for a vendor API, is what the vendor is asked for (its call is the fake vendor's, in the vendor's tests)
            Profile example = VendorTesting.example(vendor);
            if (example.rules() instanceof UpstreamRules upstream) {
                assertFalse(
                        upstream.order(VendorTesting.identity(calls.get(vendor.id())))
                                .identity()
                                .isEmpty(),
                        vendor.id() + ": " + calls.get(vendor.id()));
            } else {
                assertFalse(
                        VendorTesting.mint(example, calls.get(vendor.id()))
                                .token()
                                .isEmpty(),
                        vendor.id() + ": " + calls.get(vendor.id()));
            }
        }
    }

    @Test
    void theRequestTableIsWhatEachVendorAccepts() {
        Markdown api = doc("docs/http-api.md");
        Table table = Table.of(Markdown.firstTable(api.headingTitled("POST /v1/tokens/{profile}")));
        Map<String, List<TableCell>> rows =
                table.rowsBy("field", cell -> Markdown.codeSpans(cell).getFirst());
        assertEquals(
                Arrays.stream(IdentityField.values())
                        .map(IdentityField::jsonName)
                        .collect(Collectors.toCollection(TreeSet::new)),
                new TreeSet<>(rows.keySet()),
                "one row per request field");

        Map<String, Set<String>> accepting = new TreeMap<>();
        for (IdentityField field : IdentityField.values()) {
            accepting.put(field.jsonName(), new TreeSet<>());
        }
        for (Vendor vendor : VendorCatalog.all()) {
            if (DECLARED.contains(vendor.id())) {
                continue;
            }
            VendorTesting.example(vendor)
                    .rules()
                    .acceptedFields()
                    .forEach(f -> accepting.get(f.jsonName()).add(vendor.id()));
        }
        Map<String, Set<String>> documented = new TreeMap<>();
        rows.forEach((field, row) -> documented.put(
                field, new TreeSet<>(Markdown.codeSpans(table.cell(row, "built-in vendors that take it")))));
        assertEquals(accepting, documented, "the built-in vendors that accept each request field");
    }

    @Test
    void theInjectorsAnnotationTableIsTheAnnotationsItReads() {
        Markdown kubernetes = doc("docs/kubernetes.md");
        Table table = Table.of(Markdown.firstTable(
                kubernetes.headingTitled("Injected by the cluster's injector: annotate a pod, get the sidecar")));
        assertEquals(
                new TreeSet<>(Annotations.ALL),
                table.rowsBy("annotation", cell -> single(Markdown.codeSpans(cell), "annotation"))
                        .keySet());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // problems

    @Test
    void troubleshootingCoversExactlyTheProblemTypes() {
        Markdown troubleshooting = doc("docs/troubleshooting.md");
        Heading answers = troubleshooting.headingTitled("Problem answers");
        Map<String, String> documented = new TreeMap<>();
        for (Node block : Markdown.section(answers)) {
            if (block instanceof Heading heading && heading.getLevel() == answers.getLevel() + 1) {
                String slug = single(Markdown.codeSpans(heading), "the problem type of " + Markdown.plainText(heading));
                String status =
                        Markdown.plainText(heading).substring(slug.length()).replaceFirst("^,\\s*", "");
                documented.put(slug, status);
                assertFalse(Markdown.section(heading).isEmpty(), slug + ": a cause and a fix under its heading");
            }
        }
        Map<String, Integer> types = new TreeMap<>();
        for (ProblemType type : ProblemType.values()) {
            types.put(type.uri().substring(ProblemType.URI_PREFIX.length()), type.status());
        }
        assertEquals(types.keySet(), documented.keySet(), "one section per problem type, no other");
        types.forEach((slug, status) -> assertTrue(
                String.valueOf(status).matches(documented.get(slug).replace('x', '.')),
                slug + " answers " + status + ", troubleshooting says " + documented.get(slug)));
    }

    /**
     * The startup failures quote the sidecar's own log lines: every piece of a quoted line between its placeholders
     * ({@code <name>}, {@code ...}) is text of the sources, read with their string concatenations joined.
     */
    @Test
    void theStartupFailuresQuoteTheSidecarsOwnLines() throws IOException {
        String sources;
        try (Stream<Path> files = Files.walk(ROOT.resolve("src/main/java"))) {
            sources = files.filter(f -> f.toString().endsWith(".java"))
                    .map(DocumentationTest::read)
                    .collect(Collectors.joining("\n"))
                    .replaceAll("\"\\s*\\+\\s*\"", "");
        }
        Table table =
                Table.of(Markdown.firstTable(doc("docs/troubleshooting.md").headingTitled("Startup failures")));
        int quoted = 0;
        for (List<TableCell> row : table.rows.subList(1, table.rows.size())) {
            for (String line : Markdown.codeSpans(table.cell(row, "the log line says"))) {
                for (String piece : line.split("<[^>]*>|\\.\\.\\.")) {
                    String text = piece.replaceAll("^[\\s'\":,()]+|[\\s'\":,()]+$", "");
                    if (text.length() >= 6) {
                        quoted++;
                        assertTrue(
                                sources.contains(text), "'" + text + "' (of " + line + ") is no line of the sidecar's");
                    }
                }
            }
        }
        assertTrue(quoted > 20, "the startup failures quote the lines: " + quoted);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theErrorTableOfTheApiListsExactlyTheProblemTypes() {
        Markdown api = doc("docs/http-api.md");
        Table table = Table.of(Markdown.firstTable(api.headingTitled("Errors")));
        Set<String> documented = table.rows.stream()
                .skip(1)
                .map(row -> single(Markdown.codeSpans(table.cell(row, "type")), "a problem type"))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> types = Arrays.stream(ProblemType.values())
                .map(t -> t.uri().substring(ProblemType.URI_PREFIX.length()))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(types, documented);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // ports

    private static final Pattern API_URL = Pattern.compile("(?:localhost|127\\.0\\.0\\.1):(\\d+)(/v1/|/q/openapi)");
    private static final Pattern MANAGEMENT_URL =
            Pattern.compile("(?:localhost|127\\.0\\.0\\.1):(\\d+)/q/(health|metrics)");

    @Test
    void thePortsStatedAreThoseOfTheConfiguration() throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(ROOT.resolve("src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        String api = properties.getProperty("quarkus.http.port");
        String management = properties.getProperty("quarkus.management.port");
        assertEquals(
                "false",
                properties.getProperty("quarkus.smallrye-openapi.management.enabled"),
                "the OpenAPI document is on the token API, not on the management port");

        for (Markdown document : documents()) {
            check(document, API_URL, api, "the token API and its OpenAPI document");
            check(document, MANAGEMENT_URL, management, "health and metrics");
        }
        Table ports = Table.of(Markdown.firstTable(doc("docs/operations.md").headingTitled("Ports")));
        Map<String, String> byProperty = new TreeMap<>();
        for (List<TableCell> row : ports.rows.subList(1, ports.rows.size())) {
            String port = Markdown.plainText(ports.cell(row, "port")); // "8790 (quarkus.http.port)"
            String property = port.replaceFirst("^\\d+ \\((.*)\\)$", "$1");
            byProperty.put(property, port.replaceFirst(" .*", ""));
            assertEquals(
                    property.equals("quarkus.http.port"),
                    Markdown.plainText(ports.cell(row, "serves")).contains("/q/openapi"),
                    port + ": /q/openapi is served on the token API only");
        }
        assertEquals(Map.of("quarkus.http.port", api, "quarkus.management.port", management), byProperty);
    }

    private static void check(Markdown document, Pattern url, String port, String what) {
        Matcher m = url.matcher(document.text());
        while (m.find()) {
            assertEquals(
                    port,
                    m.group(1),
                    document.path().getFileName() + ": " + m.group() + ": " + what + " is on " + port);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // the README

    @Test
    void theTwoCommandsAreTwo() {
        Markdown readme = Markdown.read(README);
        List<FencedCodeBlock> blocks = Markdown.fencedBlocks(readme.headingTitled("The two commands"));
        List<String> commands = blocks.stream()
                .flatMap(b -> b.getLiteral().replace("\\\n", " ").lines())
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
        assertEquals(2, commands.size(), "exactly two commands: " + commands);
        assertTrue(commands.get(0).endsWith("./mvnw quarkus:dev"), "the first runs the demo: " + commands.get(0));
        assertTrue(commands.get(1).endsWith("./mvnw verify"), "the second runs the tests: " + commands.get(1));
        assertTrue(read(ROOT.resolve(".ci/run")).contains("./mvnw -B verify"), "CI runs the README's test command");
    }

    @Test
    void theSecurityRuleIsInBold() {
        String rule = "The user id comes from the app's own session, never from the browser";
        assertTrue(Markdown.read(README).text().contains("**" + rule), "the README states the rule in bold: " + rule);
    }

    @Test
    void theFirstTokenUsesProfilesTheDemoHasAndSetsItsVariables() {
        Markdown readme = Markdown.read(README);
        Set<String> demo =
                VendorCatalog.all().stream().map(v -> v.id() + "-demo").collect(Collectors.toCollection(TreeSet::new));
        String script = Markdown.fencedBlocks(readme.headingTitled("The first token")).stream()
                .map(FencedCodeBlock::getLiteral)
                .collect(Collectors.joining("\n"));
        Matcher profile =
                Pattern.compile("/v1/(?:tokens|verify)/([A-Za-z0-9_-]+)").matcher(script);
        int calls = 0;
        while (profile.find()) {
            calls++;
            assertTrue(demo.contains(profile.group(1)), profile.group(1) + " is not a demo profile: " + demo);
        }
        assertTrue(calls >= 2, "the first token is minted and verified");
        Matcher variable = Pattern.compile("\\$([A-Z_]+)").matcher(script);
        while (variable.find()) {
            assertTrue(
                    script.contains(variable.group(1) + "="),
                    "$" + variable.group(1) + " is used but never set in the README's first token");
        }
    }

    private static <T> T single(List<T> items, String what) {
        assertEquals(1, items.size(), () -> "exactly one " + what + ": " + items);
        return items.getFirst();
    }

    /** A Markdown table: its rows of cells, the header first, and its columns by header text. */
    private record Table(List<List<TableCell>> rows, List<String> header) {

        static Table of(List<List<TableCell>> rows) {
            return new Table(
                    rows, rows.getFirst().stream().map(Markdown::plainText).toList());
        }

        TableCell cell(List<TableCell> row, String column) {
            int index = header.indexOf(column);
            assertTrue(index >= 0, "no column '" + column + "' in " + header);
            return row.get(index);
        }

        Map<String, List<TableCell>> rowsBy(String column, java.util.function.Function<TableCell, String> key) {
            Map<String, List<TableCell>> byKey = new TreeMap<>();
            for (List<TableCell> row : rows.subList(1, rows.size())) {
                assertEquals(null, byKey.put(key.apply(cell(row, column)), row), "a row per " + column);
            }
            return byKey;
        }
    }
}
