package dev.chattoken.sidecar.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import dev.chattoken.sidecar.kubernetes.StrictManifests.Manifest;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.smallrye.config.source.yaml.YamlConfigSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs the chart through a real Helm 3 (helm-java bundles it as a native library) and hands back strictly parsed
 * objects. Values are given as YAML text, as a user writes them in a values file.
 */
final class HelmCharts {

    static final Path CHART = Path.of("kubernetes/helm/chat-token-sidecar").toAbsolutePath();
    static final Path INJECTOR = Path.of("kubernetes/helm/chat-token-injector").toAbsolutePath();
    static final Path TEST_VALUES = Path.of("src/test/resources/kubernetes").toAbsolutePath();

    /**
     * The cluster version `helm template` renders for. helm-java's Helm, unlike the released CLI, defaults to 1.20,
     * older than native sidecars, which the chart refuses to render for.
     */
    static final String KUBE_VERSION = "1.33.0";

    static final String RELEASE = "shop";
    static final String NAMESPACE = "web";

    /** Four valid profiles, of dg, kindly, huggy and kustomer, for tests that vary something else. */
    static final String FOUR_PROFILES = """
            profiles:
              support-dg: {vendor: dg, keyId: dg-api-key-1, secret: {name: support-dg-key, key: secret}}
              shop-kindly: {vendor: kindly, issuer: "https://shop.example", secret: {name: shop-kindly-key, key: private-key.pem}}
              helpdesk-huggy: {vendor: huggy, secret: {name: helpdesk-huggy-key, key: secret}}
              crm-kustomer: {vendor: kustomer, secret: {name: crm-kustomer-key, key: secret}}
            """;

    private static final YAMLMapper YAML = new YAMLMapper();

    private HelmCharts() {}

    /** `helm template shop <chart> --namespace web --kube-version 1.33.0 -f <each values>`. */
    static String template(Path chart, String kubeVersion, List<Path> valuesFiles) {
        TemplateCommand command = new Helm(chart)
                .template()
                .withName(RELEASE)
                .withNamespace(NAMESPACE)
                .withKubeVersion(kubeVersion);
        for (Path values : valuesFiles) {
            command = command.withValuesFile(values);
        }
        return command.call();
    }

    /** Renders this chart with the given values (YAML texts, later ones win) and parses every object strictly. */
    static Rendering render(String... values) {
        return new Rendering(StrictManifests.parse(template(CHART, KUBE_VERSION, valuesFiles(values))));
    }

    /** Renders another chart of this repository (the injector's) with the given values, parsed strictly. */
    static Rendering renderChart(Path chart, String kubeVersion, String... values) {
        return new Rendering(StrictManifests.parse(template(chart, kubeVersion, valuesFiles(values))));
    }

    /** The error of a `helm template` of {@code chart} that must fail. */
    static String chartTemplateError(Path chart, String... values) {
        try {
            String output = template(chart, KUBE_VERSION, valuesFiles(values));
            throw new AssertionError("helm template rendered instead of failing:\n" + output);
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }

    /** Renders this chart for another cluster version. */
    static Rendering renderOn(String kubeVersion, String... values) {
        return new Rendering(StrictManifests.parse(template(CHART, kubeVersion, valuesFiles(values))));
    }

    /** Renders this chart with the given test values files (under src/test/resources/kubernetes). */
    static Rendering renderFiles(String... names) {
        return new Rendering(StrictManifests.parse(template(
                CHART, KUBE_VERSION, Stream.of(names).map(TEST_VALUES::resolve).toList())));
    }

    /** What `helm install --dry-run` prints after installing (NOTES.txt); client-only, no cluster needed. */
    static String notes(String... values) {
        InstallCommand command = new Helm(CHART)
                .install()
                .withName(RELEASE)
                .withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION)
                .dryRun()
                .clientOnly();
        for (Path file : valuesFiles(values)) {
            command = command.withValuesFile(file);
        }
        String output = command.call().getOutput();
        return output.substring(output.indexOf("NOTES:"));
    }

    /** The error of a `helm template` that must fail. */
    static String templateError(String kubeVersion, String... values) {
        return templateError(CHART, kubeVersion, values);
    }

    /** The error of a `helm template` of the given chart that must fail. */
    static String templateError(Path chart, String kubeVersion, String... values) {
        try {
            String output = template(chart, kubeVersion, valuesFiles(values));
            throw new AssertionError("helm template rendered instead of failing:\n" + output);
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }

    /** `helm lint --strict` of the chart as it is. */
    static LintResult lint(Path chart) {
        return new Helm(chart).lint().strict().call();
    }

    /**
     * `helm lint --strict` with values on top of the chart's defaults. helm-java's lint takes no values, so this lints
     * a copy of the chart whose values.yaml is the defaults merged with the given values, as Helm merges them.
     */
    static LintResult lintWith(Path workDir, String values) {
        try {
            Path copy = copyChart(CHART, workDir.resolve("chat-token-sidecar"));
            JsonNode defaults = YAML.readTree(copy.resolve("values.yaml").toFile());
            merge((ObjectNode) defaults, YAML.readTree(values));
            YAML.writeValue(copy.resolve("values.yaml").toFile(), defaults);
            return lint(copy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A lint result's problems: Helm prints every finding with its severity; `--strict` fails on warnings too. */
    static List<String> problems(LintResult result) {
        return result.getMessages().stream()
                .filter(m -> m.startsWith("[WARNING]") || m.startsWith("[ERROR]"))
                .toList();
    }

    /**
     * A copy of this chart without values.schema.json: what the templates get from `helm install
     * --skip-schema-validation`, or from a chart that includes them with values the schema never saw.
     */
    static Path chartWithoutSchema(Path workDir) throws IOException {
        Path copy = copyChart(CHART, workDir.resolve("chat-token-sidecar-without-schema"));
        Files.delete(copy.resolve("values.schema.json"));
        return copy;
    }

    /** Renders a chart other than this one (a copy) with the given values, and parses every object strictly. */
    static Rendering render(Path chart, String... values) {
        return new Rendering(StrictManifests.parse(template(chart, KUBE_VERSION, valuesFiles(values))));
    }

    static Path copyChart(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        return to;
    }

    /** Helm's coalescing for what tests use: maps merge key by key, anything else is replaced. */
    private static void merge(ObjectNode base, JsonNode overrides) {
        for (Map.Entry<String, JsonNode> field : overrides.properties()) {
            JsonNode existing = base.get(field.getKey());
            if (existing instanceof ObjectNode existingObject
                    && field.getValue().isObject()) {
                merge(existingObject, field.getValue());
            } else {
                base.set(field.getKey(), field.getValue());
            }
        }
    }

    private static List<Path> valuesFiles(String... values) {
        List<Path> files = new ArrayList<>();
        try {
            for (String text : values) {
                Path file = Files.createTempFile("chat-token-sidecar-values-", ".yaml");
                file.toFile().deleteOnExit();
                Files.writeString(file, text, StandardCharsets.UTF_8);
                files.add(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** What one `helm template` rendered, parsed, with the objects the tests look at. */
    record Rendering(List<Manifest> manifests) {

        List<String> kinds() {
            return manifests.stream().map(Manifest::kind).sorted().toList();
        }

        <T> T only(String kind, Class<T> type) {
            List<Manifest> matching =
                    manifests.stream().filter(m -> m.kind().equals(kind)).toList();
            assertEquals(1, matching.size(), () -> "exactly one " + kind + " among " + kinds());
            return matching.get(0).as(type);
        }

        V1Deployment deployment() {
            return only("Deployment", V1Deployment.class);
        }

        V1ConfigMap configMap() {
            return only("ConfigMap", V1ConfigMap.class);
        }

        V1PodSpec pod() {
            return deployment().getSpec().getTemplate().getSpec();
        }

        /** The sidecar's application.yaml, as mounted. */
        String configurationText() {
            return configMap().getData().get("application.yaml");
        }

        /** The rendered configuration as the sidecar reads it: flattened by quarkus-config-yaml's own source. */
        Map<String, String> configuration() {
            return flatten(configurationText());
        }

        /** The rendered configuration's YAML tree. */
        JsonNode configurationTree() {
            try {
                return YAML.readTree(configurationText());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The sidecar container's environment, by name (only plain values: the chart renders no other kind). */
        Map<String, String> sidecarEnvironment() {
            return environmentOf(sidecar());
        }

        /** The sidecar container, wherever it is (an init container or a container). */
        V1Container sidecar() {
            return sidecarOf(pod());
        }
    }

    static V1Container sidecarOf(V1PodSpec pod) {
        List<V1Container> all = new ArrayList<>(pod.getContainers());
        if (pod.getInitContainers() != null) {
            all.addAll(pod.getInitContainers());
        }
        List<V1Container> sidecars = all.stream()
                .filter(c -> c.getName().equals("chat-token-sidecar"))
                .toList();
        assertEquals(1, sidecars.size(), "exactly one chat-token-sidecar container in the pod");
        return sidecars.get(0);
    }

    /** A YAML configuration file's properties, as quarkus-config-yaml's source hands them to SmallRye Config. */
    static Map<String, String> flatten(String yaml) {
        return new HashMap<>(new YamlConfigSource("application.yaml", yaml).getProperties());
    }

    static Map<String, String> environmentOf(V1Container container) {
        Map<String, String> environment = new LinkedHashMap<>();
        container.getEnv().forEach(variable -> {
            assertEquals(null, variable.getValueFrom(), variable.getName() + " is a plain value");
            environment.put(variable.getName(), variable.getValue());
        });
        return environment;
    }
}
