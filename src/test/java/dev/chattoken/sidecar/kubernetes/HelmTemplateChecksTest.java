package dev.chattoken.sidecar.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The templates refuse on their own what values.schema.json refuses about names and ports, for values that never met
 * the schema: `helm install --skip-schema-validation`, or a chart that includes the named templates (embedded, or the
 * injector) with values of its own. Rendered here with a copy of the chart without its schema; each refusal names the
 * value. The patterns the templates use are the schema's, character for character.
 */
class HelmTemplateChecksTest {

    @TempDir
    static Path work;

    private static Path withoutSchema;

    @BeforeAll
    static void copyTheChartWithoutItsSchema() throws IOException {
        withoutSchema = HelmCharts.chartWithoutSchema(work);
    }

    private static final String JWT = "profiles: {a: {vendor: jwt, algorithm: HS256, secret: {name: s, key: k}";

    static Stream<Arguments> refusedNames() {
        return Stream.of(
                Arguments.of(
                        "a claim name with a line break and a key behind it",
                        JWT + ", claims: {sub: '{user_id}', \"x\\nquarkus\\\\u002ehttp\\\\u002ehost\": 0.0.0.0}}}",
                        "profiles.a.claims: the name \"x\\nquarkus\\\\u002ehttp\\\\u002ehost\" is refused"),
                Arguments.of(
                        "a claim name that would re-point the audit key",
                        JWT
                                + ", claims: {sub: '{user_id}', \"x\\nchat-token\\\\u002eaudit\\\\u002euser-key-file\": /tmp/k}}}",
                        "profiles.a.claims: the name \"x\\nchat-token\\\\u002eaudit\\\\u002euser-key-file\" is refused"),
                Arguments.of(
                        "a header name with '='",
                        JWT + ", claims: {sub: '{user_id}'}, header: {'cty=x': y}}}",
                        "profiles.a.header: the name \"cty=x\" is refused"),
                Arguments.of(
                        "a claim name with an index",
                        JWT + ", claims: {sub: '{user_id}', 'roles[0]': x}}}",
                        "profiles.a.claims: the name \"roles[0]\" is refused"),
                Arguments.of(
                        "an empty claim name",
                        JWT + ", claims: {sub: '{user_id}', '': x}}}",
                        "profiles.a.claims: the name \"\" is refused"),
                Arguments.of(
                        "a claim name over 128 characters",
                        JWT + ", claims: {sub: '{user_id}', " + "c".repeat(129) + ": x}}}",
                        "profiles.a.claims: the name \"" + "c".repeat(129) + "\" is refused"),
                Arguments.of(
                        "an option name that is no option's",
                        JWT + ", claims: {sub: '{user_id}'}, \"ttl\\nquarkus\": 5m}}",
                        "profiles.a: the name \"ttl\\nquarkus\" is refused"),
                Arguments.of(
                        "a profile name with a line break",
                        "profiles: {\"a\\nb\": {vendor: huggy, secret: {name: s, key: k}}}",
                        "profiles: the name \"a\\nb\" is refused"),
                Arguments.of(
                        "a profile name with a dot",
                        "profiles: {a.b: {vendor: huggy, secret: {name: s, key: k}}}",
                        "profiles: the name \"a.b\" is refused"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedNames")
    void aNameTheSchemaRefusesIsRefusedByTheTemplatesToo(String what, String values, String expected) {
        String error = HelmCharts.templateError(withoutSchema, HelmCharts.KUBE_VERSION, values);

        assertFalse(error.contains("values don't meet the specifications of the schema"), error);
        assertTrue(error.contains(expected), () -> "expected «" + expected + "» in:\n" + error);
    }

    @ParameterizedTest(name = "ports.{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            api        | '8790\\nx'  | ports.api is "8790\\\\nx": a port is a whole number from 1 to 65535
            api        | 0           | ports.api is "0": a port is a whole number from 1 to 65535
            management | 65536       | ports.management is "65536": a port is a whole number from 1 to 65535
            management | 8791.5      | ports.management is "8791.5": a port is a whole number from 1 to 65535
            """)
    void aPortTheSchemaRefusesIsRefusedByTheTemplatesToo(String port, String value, String expected) {
        String error = HelmCharts.templateError(
                withoutSchema, HelmCharts.KUBE_VERSION, "ports: {" + port + ": " + value + "}");

        assertTrue(error.contains(expected), () -> "expected «" + expected + "» in:\n" + error);
    }

    @Test
    void withoutTheSchemaAcceptedNamesStillRender() {
        HelmCharts.Rendering rendering = HelmCharts.render(
                withoutSchema, JWT + ", claims: {sub: '{user_id}', a.b: x, " + "'https://example.com/roles': admin}}}");

        assertEquals("x", rendering.configuration().get("chat-token.profiles.a.claims.\"a.b\""));
        assertEquals(
                "admin", rendering.configuration().get("chat-token.profiles.a.claims.\"https://example.com/roles\""));
    }

    @ParameterizedTest
    @CsvSource({"memberName, chat-token-sidecar.memberNamePattern", "profileName, chat-token-sidecar.profileNamePattern"
    })
    void theTemplatesPatternIsTheSchemasDefinition(String definition, String template) throws IOException {
        JsonNode schema = new ObjectMapper()
                .readTree(HelmCharts.CHART.resolve("values.schema.json").toFile());
        String helpers = Files.readString(HelmCharts.CHART.resolve("templates/_helpers.tpl"));
        Matcher defined = Pattern.compile(
                        "\\{\\{- define \"" + Pattern.quote(template) + "\" -}}\n(.*)\n\\{\\{- end -}}")
                .matcher(helpers);
        assertTrue(defined.find(), template + " is defined in _helpers.tpl");

        assertEquals(schema.path("definitions").path(definition).path("pattern").asText(), defined.group(1));
    }
}
