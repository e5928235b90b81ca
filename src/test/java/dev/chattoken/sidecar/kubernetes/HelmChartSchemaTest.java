package dev.chattoken.sidecar.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chattoken.sidecar.support.VendorCatalog;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * values.schema.json refuses, at `helm install`/`template` time, what the sidecar would refuse only once running: each
 * case is a `helm template` that must fail, and its message must point at the offending value. (HelmChartLintTest shows
 * the same refusals through `helm lint --strict`.)
 */
class HelmChartSchemaTest {

    private static final String DG = "vendor: dg, keyId: dg-api-key-1, secret: {name: dg-key, key: secret}";
    /** The start of a values text with a declared jwt profile {@code a}; the test adds its claims and closes it. */
    private static final String JWT = "profiles: {a: {vendor: jwt, algorithm: HS256, secret: {name: s, key: k}";

    static Stream<Arguments> refusedValues() {
        return Stream.of(
                Arguments.of(
                        "an unknown vendor",
                        "profiles: {a: {vendor: acme, secret: {name: s, key: k}}}",
                        "at '/profiles/a/vendor': value must be one of " + vendorIds()),
                Arguments.of(
                        "a ttl with a space", "profiles: {a: {" + DG + ", ttl: 5 minutes}}", "at '/profiles/a/ttl'"),
                Arguments.of(
                        "a ttl with an unknown unit", "profiles: {a: {" + DG + ", ttl: 5min}}", "at '/profiles/a/ttl'"),
                Arguments.of("a ttl without a number", "profiles: {a: {" + DG + ", ttl: PT}}", "at '/profiles/a/ttl'"),
                Arguments.of("a negative ttl", "profiles: {a: {" + DG + ", ttl: -5m}}", "at '/profiles/a/ttl'"),
                Arguments.of("a ttl of zero seconds", "profiles: {a: {" + DG + ", ttl: 0}}", "at '/profiles/a/ttl'"),
                Arguments.of(
                        "a profile without its Secret",
                        "profiles: {a: {vendor: huggy}}",
                        "at '/profiles/a': missing property 'secret'"),
                Arguments.of(
                        "a Secret without its key",
                        "profiles: {a: {vendor: huggy, secret: {name: s}}}",
                        "at '/profiles/a/secret': missing property 'key'"),
                Arguments.of(
                        "a Secret without its name",
                        "profiles: {a: {vendor: huggy, secret: {key: k}}}",
                        "at '/profiles/a/secret': missing property 'name'"),
                Arguments.of(
                        "a DG profile without key-id",
                        "profiles: {a: {vendor: dg, secret: {name: s, key: k}}}",
                        "at '/profiles/a': missing property 'keyId'"),
                Arguments.of(
                        "a Kindly profile without issuer",
                        "profiles: {a: {vendor: kindly, secret: {name: s, key: k}}}",
                        "at '/profiles/a': missing property 'issuer'"),
                Arguments.of(
                        "an issuer on a DG profile",
                        "profiles: {a: {" + DG + ", issuer: 'https://x.example'}}",
                        "invalid propertyName 'issuer'"),
                Arguments.of(
                        "a ttl on a Huggy profile",
                        "profiles: {a: {vendor: huggy, ttl: 5m, secret: {name: s, key: k}}}",
                        "invalid propertyName 'ttl'"),
                Arguments.of(
                        "a key-id on a Kustomer profile",
                        "profiles: {a: {vendor: kustomer, keyId: x, secret: {name: s, key: k}}}",
                        "invalid propertyName 'keyId'"),
                Arguments.of(
                        "a misspelt profile field",
                        "profiles: {a: {" + DG + ", keyid: x}}",
                        "additional properties 'keyid' not allowed"),
                Arguments.of(
                        "a profile name that cannot name a volume",
                        "profiles: {Shop_DG: {" + DG + "}}",
                        "invalid propertyName 'Shop_DG'"),
                Arguments.of(
                        "a value with a leading space",
                        "profiles: {a: {vendor: kindly, issuer: ' https://x.example', secret: {name: s, key: k}}}",
                        "at '/profiles/a/issuer'"),
                Arguments.of(
                        "a value with a tab or a line break in it",
                        "profiles: {a: {vendor: jwt, algorithm: HS256, claims: {sub: \"{user_id}\\n{email}\"}, secret: {name: s, key: k}}}",
                        "at '/profiles/a/claims/sub'"),
                Arguments.of(
                        "a value the properties file would expand",
                        "profiles: {a: {vendor: kindly, issuer: '${HOME}', secret: {name: s, key: k}}}",
                        "at '/profiles/a/issuer'"),
                Arguments.of(
                        "a Secret name that is no Kubernetes name",
                        "profiles: {a: {vendor: huggy, secret: {name: My_Key, key: k}}}",
                        "at '/profiles/a/secret/name'"),
                Arguments.of(
                        "a misspelt top-level value",
                        "profile: {a: {" + DG + "}}",
                        "additional properties 'profile' not allowed"),
                Arguments.of(
                        "an embedded PodMonitor that selects no pods",
                        "deployment: {enabled: false}\nmetrics: {podMonitor: {enabled: true}}",
                        "at '/metrics/podMonitor/selector'"),
                Arguments.of(
                        "an embedded NetworkPolicy that selects no pods",
                        "deployment: {enabled: false}\nnetworkPolicy: {enabled: true}",
                        "at '/networkPolicy/podSelector'"),
                Arguments.of(
                        "an audit key Secret name that is no Kubernetes name",
                        "audit: {userKey: {secretName: My_Key, key: k}}",
                        "at '/audit/userKey/secretName'"),
                // names become keys of the sidecar's configuration: a name must never be able to start another key
                // (Helm reports a refused property name at '', naming the name)
                Arguments.of(
                        "a claim name with a line break and a key behind it (the listener moved to every address)",
                        JWT + ", claims: {sub: '{user_id}', \"x\\nquarkus\\\\u002ehttp\\\\u002ehost\": 0.0.0.0}}}",
                        "invalid propertyName 'x\\nquarkus\\\\u002ehttp\\\\u002ehost'"),
                Arguments.of(
                        "a claim name that re-points the caller-token file",
                        JWT + ", claims: {sub: '{user_id}', \"x\\nchat-token\\\\u002ecaller-token-file\": /tmp/t}}}",
                        "invalid propertyName 'x\\nchat-token\\\\u002ecaller-token-file'"),
                Arguments.of(
                        "a header name with a line break",
                        JWT + ", claims: {sub: '{user_id}'}, header: {\"cty\\nx\": z}}}",
                        "invalid propertyName 'cty\\nx'"),
                Arguments.of(
                        "a claim name with '='",
                        JWT + ", claims: {sub: '{user_id}', 'a=b': c}}}",
                        "invalid propertyName 'a=b'"),
                Arguments.of(
                        "a claim name with a quote",
                        JWT + ", claims: {sub: '{user_id}', 'a\"b': c}}}",
                        "invalid propertyName 'a\"b'"),
                Arguments.of(
                        "a claim name with an index",
                        JWT + ", claims: {sub: '{user_id}', 'roles[0]': c}}}",
                        "invalid propertyName 'roles[0]'"),
                Arguments.of(
                        "a claim name with an expression",
                        JWT + ", claims: {sub: '{user_id}', '${HOME}': c}}}",
                        "invalid propertyName '${HOME}'"),
                Arguments.of(
                        "a claim name with a space",
                        JWT + ", claims: {sub: '{user_id}', 'a b': c}}}",
                        "invalid propertyName 'a b'"),
                Arguments.of(
                        "an empty claim name",
                        JWT + ", claims: {sub: '{user_id}', '': c}}}",
                        "invalid propertyName ''"),
                Arguments.of(
                        "a claim name with an empty part",
                        JWT + ", claims: {sub: '{user_id}', 'a..b': c}}}",
                        "invalid propertyName 'a..b'"),
                Arguments.of(
                        "a Twilio option with a line break",
                        "profiles: {a: {vendor: twilio, keyId: SK1, secret: {name: s, key: k}, options: {\"account-sid\\nx\": AC1}}}",
                        "at '/profiles/a/options'"),
                Arguments.of(
                        "a port that is text", "ports: {api: '8790\\nquarkus.http.host=0.0.0.0'}", "at '/ports/api'"),
                Arguments.of("a port out of range", "ports: {management: 70000}", "at '/ports/management'"));
    }

    /** Every vendor id, as Helm lists the schema's vendor enum: from the vendors themselves, so a new one is in it. */
    private static String vendorIds() {
        return VendorCatalog.all().stream()
                .map(vendor -> "'" + vendor.id() + "'")
                .collect(Collectors.joining(", "));
    }

    /**
     * The vendor rules of values.schema.json are the vendors' own: generated from their Option declarations, by the
     * build itself before the tests ({@link ChartSchemaGeneration}); in CI the file must already be current.
     */
    @Test
    void theProfileRulesAreGeneratedFromTheVendorsDeclarations() {
        assertEquals(
                ChartSchemaFile.generated(),
                ChartSchemaFile.current().get("definitions").get("profile"),
                "values.schema.json's profile rules are not the vendors' declarations: run ./mvnw verify (outside CI, "
                        + "it regenerates them) and commit the file");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedValues")
    void helmTemplateRefuses(String what, String values, String expected) {
        String error = HelmCharts.templateError(HelmCharts.KUBE_VERSION, values);

        assertTrue(error.contains("values don't meet the specifications of the schema"), error);
        assertTrue(error.contains(expected), () -> "expected «" + expected + "» in:\n" + error);
    }

    @Test
    void aTemplateWithSpacesBetweenItsPartsIsRenderedAsWritten() {
        // the declared jwt vendor's templates may hold spaces ("{name} <{email}>"): the configuration keeps them
        Map<String, String> configuration = HelmCharts.render(
                        "profiles: {acme: {vendor: jwt, algorithm: HS256, "
                                + "claims: {sub: '{user_id}', display: '{name} <{email}>'}, secret: {name: acme-key, key: secret}}}")
                .configuration();
        assertEquals("{name} <{email}>", configuration.get("chat-token.profiles.acme.claims.display"));
    }

    @Test
    void memberNamesOfEveryShapeTheSchemaAcceptsRenderAsOneKeyEach() {
        // dots, URLs, colons, at signs: each is one key of the claims map, quoted by the YAML source where it has a dot
        Map<String, String> configuration = HelmCharts.render("profiles: {acme: {vendor: jwt, algorithm: HS256, "
                        + "secret: {name: acme-key, key: secret}, claims: {sub: '{user_id}', a.b: one, 'https://example.com/roles': two, "
                        + "'org:id': three, user@tenant: four, a+b~c_d-e: five}, header: {x.y: six}}}")
                .configuration();
        Map<String, String> claims = new TreeMap<>();
        configuration.forEach((key, value) -> {
            if (key.startsWith("chat-token.profiles.acme.claims.")
                    || key.startsWith("chat-token.profiles.acme.header.")) {
                claims.put(key.substring("chat-token.profiles.acme.".length()), value);
            }
        });
        assertEquals(
                new TreeMap<>(Map.of(
                        "claims.sub",
                        "{user_id}",
                        "claims.\"a.b\"",
                        "one",
                        "claims.\"https://example.com/roles\"",
                        "two",
                        "claims.org:id",
                        "three",
                        "claims.user@tenant",
                        "four",
                        "claims.a+b~c_d-e",
                        "five",
                        "header.\"x.y\"",
                        "six")),
                claims);
    }

    @Test
    void everyTtlFormTheSidecarReadsIsAccepted() {
        Map<String, String> forms = new TreeMap<>(Map.of(
                "seconds",
                "300",
                "seconds-number",
                "300",
                "with-s",
                "300s",
                "minutes",
                "5m",
                "hours",
                "2h",
                "combined",
                "1h30m",
                "day",
                "1d",
                "iso",
                "PT5M",
                "iso-day",
                "P1D",
                "uppercase",
                "5M"));
        StringBuilder values = new StringBuilder("profiles:\n");
        forms.forEach((name, ttl) -> values.append("  ")
                .append(name)
                .append(": {")
                .append(DG)
                .append(", ttl: ")
                .append(name.equals("seconds-number") ? ttl : "'" + ttl + "'")
                .append("}\n"));

        Map<String, String> configuration = HelmCharts.render(values.toString()).configuration();

        forms.forEach(
                (name, ttl) -> assertEquals(ttl, configuration.get("chat-token.profiles." + name + ".ttl"), name));
    }
}
