package dev.chattoken.sidecar.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chattoken.sidecar.vendors.Vendor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code ChatTokenProfile} CustomResourceDefinition of the injector chart, generated from the same source as the
 * sidecar chart's {@code values.schema.json}: {@link ChartVendorRules#profileSchema} (the vendors' declarations) with
 * that file's definitions, turned into the structural schema Kubernetes takes ({@code apiextensions.k8s.io/v1}).
 * {@code InjectorCrdTest} holds the chart's file equal to this.
 *
 * <p>What Kubernetes enforces from it, with the field named: the vendor (enum), {@code secret} and its members
 * (required), every value's type and form (patterns, list lengths, durations as integer or string). What a structural
 * schema cannot express, or only with a message that names no field ({@code if/then} per vendor would become an
 * {@code anyOf}, reported as "must validate one schema"), is left to the injector's validating webhook, which runs the
 * vendor's own Java rules: the options a vendor requires and those it does not take. For that the webhook must see
 * unknown fields, which the API server would otherwise prune silently before any webhook: every object of the spec
 * keeps them ({@code x-kubernetes-preserve-unknown-fields}).
 */
final class InjectorCrd {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** JSON Schema keywords a structural schema has no place for; their rules are the webhook's. */
    private static final Set<String> DROPPED = Set.of("if", "then", "else", "propertyNames", "$comment", "const");

    private InjectorCrd() {}

    /** The CRD, from the vendors and the sidecar chart's schema definitions. */
    static ObjectNode crd(List<Vendor> vendors, JsonNode definitions) {
        ObjectNode spec = structural(ChartVendorRules.profileSchema(vendors), definitions);
        spec.put(
                "description",
                "A profile, exactly as the chat-token-sidecar chart's profiles: values take one: the "
                        + "vendor, the Secret holding the key (in this namespace), and the vendor's options. Pods of this namespace "
                        + "name it in their chattoken.dev/profiles annotation.");

        ObjectNode crd = JSON.objectNode();
        crd.put("apiVersion", "apiextensions.k8s.io/v1").put("kind", "CustomResourceDefinition");
        ObjectNode metadata = crd.putObject("metadata");
        metadata.put("name", "chattokenprofiles.chattoken.dev");
        // uninstalling the injector must not delete every team's profiles
        metadata.putObject("annotations").put("helm.sh/resource-policy", "keep");
        ObjectNode body = crd.putObject("spec");
        body.put("group", "chattoken.dev").put("scope", "Namespaced");
        ObjectNode names = body.putObject("names");
        names.put("kind", "ChatTokenProfile")
                .put("listKind", "ChatTokenProfileList")
                .put("plural", "chattokenprofiles")
                .put("singular", "chattokenprofile");
        names.putArray("shortNames").add("ctp");
        ObjectNode version = body.putArray("versions").addObject();
        version.put("name", "v1alpha1").put("served", true).put("storage", true);
        ArrayNode columns = version.putArray("additionalPrinterColumns");
        columns.addObject().put("name", "Vendor").put("type", "string").put("jsonPath", ".spec.vendor");
        columns.addObject().put("name", "Secret").put("type", "string").put("jsonPath", ".spec.secret.name");
        columns.addObject().put("name", "Age").put("type", "date").put("jsonPath", ".metadata.creationTimestamp");
        ObjectNode root = version.putObject("schema").putObject("openAPIV3Schema");
        root.put("type", "object");
        root.put(
                "description",
                "A chat-token profile for the sidecars the chat-token-injector adds to this namespace's pods.");
        root.putArray("required").add("spec");
        ObjectNode properties = root.putObject("properties");
        properties.putObject("apiVersion").put("type", "string");
        properties.putObject("kind").put("type", "string");
        properties.putObject("metadata").put("type", "object");
        properties.set("spec", spec);
        return crd;
    }

    /** The profile schema with its {@code $ref}s inlined and written the way a structural schema must be. */
    static ObjectNode structural(JsonNode schema, JsonNode definitions) {
        ObjectNode out = JSON.objectNode();
        if (schema.has("$ref")) {
            String name = schema.get("$ref").asText().substring("#/definitions/".length());
            JsonNode definition = definitions.get(name);
            if (definition == null) {
                throw new IllegalStateException("no definition " + name);
            }
            out.setAll(structural(definition, definitions));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (DROPPED.contains(key) || key.equals("$ref")) {
                continue;
            }
            switch (key) {
                case "properties" -> {
                    ObjectNode properties = out.putObject("properties");
                    value.fields()
                            .forEachRemaining(p -> properties.set(p.getKey(), structural(p.getValue(), definitions)));
                }
                case "additionalProperties" -> {
                    if (value.isObject()) {
                        out.set("additionalProperties", structural(value, definitions));
                    } else if (!value.asBoolean()) {
                        // an unknown field is the webhook's to refuse, by name: the API server must not prune it first
                        out.put("x-kubernetes-preserve-unknown-fields", true);
                    }
                }
                case "items" -> out.set("items", structural(value, definitions));
                case "enum" -> {
                    out.set("enum", value.deepCopy());
                    if (!out.has("type")) {
                        out.put("type", "string");
                    }
                }
                case "anyOf" -> intOrString(out, value);
                default -> out.set(key, value.deepCopy());
            }
        }
        return out;
    }

    /**
     * A duration: a whole number of seconds or a string. A structural schema takes two types only as
     * {@code x-kubernetes-int-or-string} with exactly {@code anyOf: [{type: integer}, {type: string}]}; each branch's
     * rule then applies to its own type: {@code minimum} to numbers, {@code pattern} to strings.
     */
    private static void intOrString(ObjectNode out, JsonNode anyOf) {
        Set<String> types = new java.util.TreeSet<>();
        anyOf.forEach(branch -> types.add(branch.path("type").asText()));
        if (!types.equals(Set.of("integer", "string"))) {
            throw new IllegalStateException("an anyOf other than integer-or-string has no structural form: " + anyOf);
        }
        out.put("x-kubernetes-int-or-string", true);
        ArrayNode branches = out.putArray("anyOf");
        branches.addObject().put("type", "integer");
        branches.addObject().put("type", "string");
        anyOf.forEach(branch -> branch.fields().forEachRemaining(rule -> {
            if (!rule.getKey().equals("type")) {
                out.set(rule.getKey(), rule.getValue().deepCopy());
            }
        }));
    }

    static JsonNode sidecarSchemaDefinitions() {
        try {
            return new ObjectMapper()
                    .readTree(HelmCharts.CHART.resolve("values.schema.json").toFile())
                    .get("definitions");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
