package dev.chattoken.sidecar.kubernetes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chattoken.sidecar.vendors.Option;
import dev.chattoken.sidecar.vendors.Vendor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The chart's side of the vendors' rules, derived from their {@link Option} declarations: how a profile option is
 * written in the chart's values, and the {@code definitions.profile} of {@code values.schema.json} (vendor enum,
 * per-vendor required and accepted values). {@code HelmChartSchemaTest} holds the file equal to what this generates.
 *
 * <p>Values: an option {@code key-id} is {@code keyId} (camelCase; the chart's template turns it back with Sprig's
 * {@code kebabcase}); a namespaced option {@code options.account-sid} or a family member {@code header.cty} is a member
 * of a map, {@code options: {account-sid: ...}}, {@code header: {cty: ...}}, written verbatim. A list is a YAML list.
 * {@code keyIdKey} names the key of the profile's Secret that holds the key id ({@code key-id-file}).
 */
final class ChartVendorRules {

    static final String KEY_ID_KEY = "keyIdKey";
    /**
     * The definition every member name of a profile's map must match: each becomes a key of the sidecar's configuration
     * (the chart's template refuses the others too, for values that never met the schema).
     */
    static final String MEMBER_NAME = "memberName";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ChartVendorRules() {}

    /**
     * The chart value name of an option's top level: {@code key-id} is {@code keyId}, {@code options.x} is
     * {@code options}.
     */
    static String chartName(String option) {
        String top = option.contains(".") ? option.substring(0, option.indexOf('.')) : option;
        String[] words = top.split("-");
        StringBuilder name = new StringBuilder(words[0]);
        for (String word : Arrays.copyOfRange(words, 1, words.length)) {
            name.append(word.substring(0, 1).toUpperCase(Locale.ROOT)).append(word.substring(1));
        }
        return name.toString();
    }

    /** A profile's options (as the sidecar reads them) written as the chart's values of a profile. */
    static Map<String, Object> chartValues(Vendor vendor, Map<String, String> options) {
        Map<String, Object> values = new TreeMap<>();
        options.forEach((option, value) -> {
            Option declared = vendor.options().stream()
                    .filter(o -> o.matches(option))
                    .findFirst()
                    .orElseThrow();
            String name = chartName(option);
            if (option.contains(".")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> members = (Map<String, Object>) values.computeIfAbsent(name, k -> new TreeMap<>());
                members.put(option.substring(option.indexOf('.') + 1), value);
            } else {
                values.put(
                        name,
                        switch (declared.kind()) {
                            case LIST ->
                                Arrays.stream(value.split(","))
                                        .map(String::strip)
                                        .toList();
                            case BOOLEAN -> Boolean.parseBoolean(value);
                            case COUNT -> Integer.parseInt(value);
                            default -> value;
                        });
            }
        });
        return values;
    }

    /** The schema of a profile in values.schema.json, generated from every vendor's declarations. */
    static ObjectNode profileSchema(List<Vendor> vendors) {
        ObjectNode profile = JSON.objectNode();
        profile.put("type", "object");
        profile.set("required", strings(List.of("vendor", "secret")));
        ObjectNode properties = profile.putObject("properties");
        properties
                .putObject("vendor")
                .set("enum", strings(vendors.stream().map(Vendor::id).toList()));
        properties
                .putObject("active")
                .put("type", "boolean")
                .put("description", "false: kept in the values, left out of the pod. Default true.");
        ObjectNode secret = properties.putObject("secret");
        secret.put("type", "object")
                .put("description", "The existing Secret that holds this profile's key, and the key in it.");
        secret.set("required", strings(List.of("name", "key")));
        secret.putObject("properties").set("name", ref("secretName"));
        ((ObjectNode) secret.get("properties")).set("key", ref("secretKey"));
        secret.put("additionalProperties", false);
        ObjectNode keyIdKey = ref("secretKey");
        keyIdKey.put(
                "description",
                "The key of the same Secret that holds the key's id (key-id-file): rotated with the key.");
        properties.set(KEY_ID_KEY, keyIdKey);

        Map<String, ObjectNode> union = new TreeMap<>();
        Map<String, Map<String, List<String>>> descriptions = new TreeMap<>();
        for (Vendor vendor : vendors) {
            for (Option option : vendor.options()) {
                String name = chartName(option.name());
                ObjectNode schema = option.name().contains(".") && option.kind() != Option.Kind.FAMILY
                        ? union.computeIfAbsent(name, n -> nestedObject())
                        : null;
                if (schema != null) {
                    String member = option.name().substring(option.name().indexOf('.') + 1);
                    merge((ObjectNode) schema.get("properties"), member, valueSchema(option), vendor, option);
                } else {
                    ObjectNode value = valueSchema(option);
                    ObjectNode existing = union.get(name);
                    if (existing != null && !existing.equals(value)) {
                        throw new IllegalStateException(name + " is declared with two kinds (" + vendor.id() + ")");
                    }
                    union.put(name, value);
                }
                descriptions
                        .computeIfAbsent(name, n -> new TreeMap<>())
                        .computeIfAbsent(option.description(), d -> new ArrayList<>())
                        .add(vendor.id());
            }
        }
        union.forEach((name, schema) -> {
            ObjectNode described = schema.deepCopy();
            List<String> text = new ArrayList<>();
            descriptions.get(name).forEach((description, ids) -> text.add(String.join(", ", ids) + ": " + description));
            described.put("description", String.join("; ", text));
            properties.set(name, described);
        });
        profile.put("additionalProperties", false);
        profile.put(
                "$comment",
                "Generated from the vendors' Option declarations by ChartVendorRules: the build rewrites "
                        + "it before the tests (ChartSchemaGeneration), HelmChartSchemaTest holds it equal. One if/else chain rather than an allOf, so that Helm "
                        + "reports the missing or refused value itself.");
        ObjectNode chain = profile;
        for (Vendor vendor : vendors) {
            ObjectNode condition = chain.putObject("if");
            condition.set("required", strings(List.of("vendor")));
            condition.putObject("properties").putObject("vendor").put("const", vendor.id());
            chain.set("then", rules(vendor));
            chain = chain.putObject("else");
        }
        return profile;
    }

    /** Required and accepted values of one vendor's profiles. */
    private static ObjectNode rules(Vendor vendor) {
        ObjectNode then = JSON.objectNode();
        TreeSet<String> accepted = new TreeSet<>(List.of("vendor", "active", "secret"));
        List<String> required = new ArrayList<>();
        Map<String, TreeSet<String>> members = new TreeMap<>();
        Map<String, List<String>> requiredMembers = new TreeMap<>();
        boolean keyIdRequired = false;
        for (Option option : vendor.options()) {
            String name = chartName(option.name());
            accepted.add(name);
            if (option.kind() == Option.Kind.KEY_ID) {
                accepted.add(KEY_ID_KEY);
                keyIdRequired = option.required();
            } else if (option.name().contains(".") && option.kind() != Option.Kind.FAMILY) {
                String member = option.name().substring(option.name().indexOf('.') + 1);
                members.computeIfAbsent(name, n -> new TreeSet<>()).add(member);
                if (option.required()) {
                    requiredMembers
                            .computeIfAbsent(name, n -> new ArrayList<>())
                            .add(member);
                    if (!required.contains(name)) {
                        required.add(name);
                    }
                }
            } else if (option.required()) {
                required.add(name);
            }
        }
        if (!required.isEmpty()) {
            then.set("required", strings(required));
        }
        then.putObject("propertyNames").set("enum", strings(List.copyOf(accepted)));
        if (!members.isEmpty()) {
            ObjectNode nested = then.putObject("properties");
            members.forEach((name, names) -> {
                ObjectNode rule = nested.putObject(name);
                if (requiredMembers.containsKey(name)) {
                    rule.set("required", strings(requiredMembers.get(name)));
                }
                rule.putObject("propertyNames").set("enum", strings(List.copyOf(names)));
            });
        }
        if (keyIdRequired) { // the key id comes from keyId, or from the Secret's keyIdKey
            then.putObject("if").putObject("not").set("required", strings(List.of(KEY_ID_KEY)));
            then.putObject("then").set("required", strings(List.of("keyId")));
        }
        return then;
    }

    private static void merge(ObjectNode properties, String member, ObjectNode schema, Vendor vendor, Option option) {
        ObjectNode existing = (ObjectNode) properties.get(member);
        if (existing != null && !existing.equals(schema)) {
            throw new IllegalStateException(option.name() + " is declared with two kinds (" + vendor.id() + ")");
        }
        properties.set(member, schema);
    }

    /** The map of a namespaced option ({@code options}): its members, each declared, and only those. */
    private static ObjectNode nestedObject() {
        ObjectNode object = JSON.objectNode();
        object.put("type", "object");
        object.set("propertyNames", ref(MEMBER_NAME));
        object.putObject("properties");
        object.put("additionalProperties", false);
        return object;
    }

    private static ObjectNode valueSchema(Option option) {
        return switch (option.kind()) {
            case TEXT, KEY_ID -> ref("propertyValue");
            case DURATION -> ref("duration");
            case BOOLEAN -> JSON.objectNode().put("type", "boolean");
            case COUNT -> JSON.objectNode().put("type", "integer").put("minimum", 1);
            case LIST -> {
                ObjectNode list = JSON.objectNode();
                list.put("type", "array").put("minItems", 1);
                list.set("items", ref("listItem"));
                yield list;
            }
            case FAMILY -> { // claims, header: members of any name the sidecar's configuration can hold as a key
                ObjectNode family = JSON.objectNode();
                family.put("type", "object");
                family.set("propertyNames", ref(MEMBER_NAME));
                family.set("additionalProperties", ref("propertyValue"));
                yield family;
            }
        };
    }

    private static ObjectNode ref(String definition) {
        return JSON.objectNode().put("$ref", "#/definitions/" + definition);
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode array = JSON.arrayNode();
        values.forEach(array::add);
        return array;
    }

    static String pretty(Object node) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> linked() {
        return new LinkedHashMap<>();
    }
}
