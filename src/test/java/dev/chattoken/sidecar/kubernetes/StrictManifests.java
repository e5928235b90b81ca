package dev.chattoken.sidecar.kubernetes;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.gson.Gson;
import com.google.gson.JsonSyntaxException;
import com.google.gson.TypeAdapter;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1LabelSelector;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Parses rendered or hand-written manifests the way the API server decodes them, strictly: an unknown field, a
 * duplicated key, or a value of the wrong JSON type fails the parse instead of being dropped or coerced.
 *
 * <p>The Kubernetes objects go through the client-java models, whose generated validation rejects unknown fields and
 * wrong structures. Gson alone would still turn {@code "2"} into an int and {@code 2} into a string; the API server
 * does not, so the primitive adapters here refuse that too. The PodMonitor is a prometheus-operator resource that
 * client-java has no model for: its few fields are checked by name below.
 */
final class StrictManifests {

    /** One parsed manifest: its kind, its name and the typed object (a client-java model, or a PodMonitor). */
    record Manifest(String kind, String name, Object object) {
        <T> T as(Class<T> type) {
            return type.cast(object);
        }
    }

    /** The prometheus-operator fields the chart renders, kept as parsed. */
    record PodMonitor(V1ObjectMeta metadata, V1LabelSelector selector, List<Map<String, String>> endpoints) {}

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final Map<String, Class<? extends KubernetesObject>> MODELS = Map.ofEntries(
            Map.entry("apps/v1 Deployment", V1Deployment.class),
            Map.entry("v1 ConfigMap", V1ConfigMap.class),
            Map.entry("v1 Secret", V1Secret.class),
            Map.entry("v1 Service", io.kubernetes.client.openapi.models.V1Service.class),
            Map.entry("v1 ServiceAccount", io.kubernetes.client.openapi.models.V1ServiceAccount.class),
            Map.entry("v1 Pod", io.kubernetes.client.openapi.models.V1Pod.class),
            Map.entry(
                    "rbac.authorization.k8s.io/v1 ClusterRole",
                    io.kubernetes.client.openapi.models.V1ClusterRole.class),
            Map.entry(
                    "rbac.authorization.k8s.io/v1 ClusterRoleBinding",
                    io.kubernetes.client.openapi.models.V1ClusterRoleBinding.class),
            Map.entry("policy/v1 PodDisruptionBudget", io.kubernetes.client.openapi.models.V1PodDisruptionBudget.class),
            Map.entry(
                    "admissionregistration.k8s.io/v1 MutatingWebhookConfiguration",
                    io.kubernetes.client.openapi.models.V1MutatingWebhookConfiguration.class),
            Map.entry(
                    "admissionregistration.k8s.io/v1 ValidatingWebhookConfiguration",
                    io.kubernetes.client.openapi.models.V1ValidatingWebhookConfiguration.class),
            Map.entry(
                    "apiextensions.k8s.io/v1 CustomResourceDefinition",
                    io.kubernetes.client.openapi.models.V1CustomResourceDefinition.class),
            Map.entry("networking.k8s.io/v1 NetworkPolicy", V1NetworkPolicy.class));

    /**
     * cert-manager's resources, which client-java has no model for: kept as parsed, their fields checked by the tests.
     */
    record Unmodelled(JsonNode document) {}

    private static final Gson GSON = JSON.getGson()
            .newBuilder()
            .registerTypeAdapter(String.class, strict(JsonToken.STRING, JsonReader::nextString, JsonWriter::value))
            .registerTypeAdapter(Integer.class, strict(JsonToken.NUMBER, JsonReader::nextInt, JsonWriter::value))
            .registerTypeAdapter(int.class, strict(JsonToken.NUMBER, JsonReader::nextInt, JsonWriter::value))
            .registerTypeAdapter(Long.class, strict(JsonToken.NUMBER, JsonReader::nextLong, JsonWriter::value))
            .registerTypeAdapter(long.class, strict(JsonToken.NUMBER, JsonReader::nextLong, JsonWriter::value))
            .registerTypeAdapter(Boolean.class, strict(JsonToken.BOOLEAN, JsonReader::nextBoolean, JsonWriter::value))
            .registerTypeAdapter(boolean.class, strict(JsonToken.BOOLEAN, JsonReader::nextBoolean, JsonWriter::value))
            .create();

    private StrictManifests() {}

    /** Every document of a multi-document YAML stream; empty documents (a lone {@code ---}) are skipped. */
    static List<Manifest> parse(String yaml) {
        List<Manifest> manifests = new ArrayList<>();
        try (MappingIterator<JsonNode> documents =
                YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (documents.hasNextValue()) {
                JsonNode document = documents.nextValue();
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    manifests.add(parse(document));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return manifests;
    }

    private static Manifest parse(JsonNode document) {
        String type = document.path("apiVersion").asText() + " "
                + document.path("kind").asText();
        Object object;
        if (type.equals("monitoring.coreos.com/v1 PodMonitor")) {
            object = podMonitor(document);
        } else if (type.startsWith("cert-manager.io/v1 ")) {
            object = new Unmodelled(document);
        } else {
            Class<? extends KubernetesObject> model = MODELS.get(type);
            if (model == null) {
                throw new IllegalArgumentException("no strict model for " + type);
            }
            object = fromJson(document, model);
        }
        return new Manifest(
                document.path("kind").asText(),
                document.path("metadata").path("name").asText(),
                object);
    }

    private static PodMonitor podMonitor(JsonNode document) {
        onlyFields(document, "PodMonitor", "apiVersion", "kind", "metadata", "spec");
        JsonNode spec = document.path("spec");
        onlyFields(spec, "PodMonitor spec", "selector", "podMetricsEndpoints");
        List<Map<String, String>> endpoints = new ArrayList<>();
        if (!spec.path("podMetricsEndpoints").isArray()) {
            throw new IllegalArgumentException("PodMonitor spec.podMetricsEndpoints must be a list");
        }
        for (JsonNode endpoint : spec.path("podMetricsEndpoints")) {
            onlyFields(endpoint, "podMetricsEndpoint", "port", "path", "interval");
            endpoints.add(fromJson(
                    endpoint,
                    TypeToken.getParameterized(Map.class, String.class, String.class)
                            .getType()));
        }
        return new PodMonitor(
                fromJson(document.path("metadata"), V1ObjectMeta.class),
                fromJson(spec.path("selector"), V1LabelSelector.class),
                endpoints);
    }

    /** One object, parsed strictly into its client-java model (a pod after a JSON Patch, a webhook's answer). */
    static <T> T parse(JsonNode node, Class<T> model) {
        return fromJson(node, model);
    }

    private static void onlyFields(JsonNode node, String what, String... allowed) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(what + " must be an object");
        }
        Set<String> unknown = new TreeSet<>();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            unknown.add(names.next());
        }
        unknown.removeAll(Set.of(allowed));
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(what + " has unknown fields " + unknown);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T fromJson(JsonNode node, Type type) {
        try {
            return (T) GSON.fromJson(node.toString(), type);
        } catch (JsonSyntaxException | IllegalStateException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private interface Reader<T> {
        T read(JsonReader in) throws IOException;
    }

    private interface Writer<T> {
        JsonWriter write(JsonWriter out, T value) throws IOException;
    }

    /** A primitive adapter that accepts its own JSON type (and null) only. */
    private static <T> TypeAdapter<T> strict(JsonToken expected, Reader<T> reader, Writer<T> writer) {
        return new TypeAdapter<T>() {
            @Override
            public T read(JsonReader in) throws IOException {
                JsonToken actual = in.peek();
                if (actual == JsonToken.NULL) {
                    in.nextNull();
                    return null;
                }
                if (actual != expected) {
                    throw new JsonSyntaxException(
                            "expected " + expected + " but got " + actual + " at " + in.getPath());
                }
                return reader.read(in);
            }

            @Override
            public void write(JsonWriter out, T value) throws IOException {
                if (value == null) {
                    out.nullValue();
                } else {
                    writer.write(out, value);
                }
            }
        };
    }
}
