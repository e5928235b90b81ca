package dev.chattoken.sidecar.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * `helm lint --strict`: clean on the chart's defaults (a placeholder app, no profile: see the README) and on
 * representative values, and failing on each value the issue asks the schema to refuse.
 */
class HelmChartLintTest {

    @TempDir
    Path work;

    @Test
    void theDefaultsLintCleanInStrictMode() {
        LintResult result = HelmCharts.lint(HelmCharts.CHART);

        assertFalse(result.isFailed(), () -> String.join("\n", result.getMessages()));
        assertEquals(List.of(), HelmCharts.problems(result));
    }

    @Test
    void theRepresentativeValuesLintCleanInStrictMode() throws IOException {
        LintResult result =
                HelmCharts.lintWith(work, Files.readString(HelmCharts.TEST_VALUES.resolve("values-all-vendors.yaml")));

        assertFalse(result.isFailed(), () -> String.join("\n", result.getMessages()));
        assertEquals(List.of(), HelmCharts.problems(result));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            an unknown vendor              | profiles: {a: {vendor: acme, secret: {name: s, key: k}}}                      | at '/profiles/a/vendor'
            a malformed ttl                | profiles: {a: {vendor: dg, keyId: x, ttl: 5min, secret: {name: s, key: k}}}   | at '/profiles/a/ttl'
            a profile without its Secret   | profiles: {a: {vendor: huggy}}                                                | missing property 'secret'
            a DG profile without key-id    | profiles: {a: {vendor: dg, secret: {name: s, key: k}}}                        | missing property 'keyId'
            a Kindly profile without issuer| profiles: {a: {vendor: kindly, secret: {name: s, key: k}}}                    | missing property 'issuer'
            """)
    void lintFails(String what, String values, String expected) {
        LintResult result = HelmCharts.lintWith(work, values);

        assertTrue(result.isFailed(), what);
        assertTrue(
                result.getMessages().stream().anyMatch(m -> m.startsWith("[ERROR]") && m.contains(expected)),
                () -> "expected «" + expected + "» in:\n" + String.join("\n", result.getMessages()));
    }
}
