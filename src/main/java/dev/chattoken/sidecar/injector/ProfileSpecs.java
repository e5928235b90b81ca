package dev.chattoken.sidecar.injector;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chattoken.sidecar.config.ProfileSettings;
import dev.chattoken.sidecar.vendors.ProfileOptions;
import dev.chattoken.sidecar.vendors.Vendor;
import dev.chattoken.sidecar.vendors.Vendors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code ChatTokenProfile}'s spec checked by the vendor's own rules, as the sidecar checks its profiles at startup:
 * the spec is a profile as the sidecar chart's {@code profiles:} values take it, turned back into the options the
 * vendor reads ({@code keyId} is {@code key-id}, {@code options: {account-sid: x}} is {@code options.account-sid}, a
 * list is comma-separated) and handed to {@link Vendor#configure} through {@link ProfileOptions}. The problems are the
 * vendor's own sentences with each option named as the field of the spec ({@code spec.keyId}), so that {@code kubectl
 * apply} shows which field to fix.
 */
public final class ProfileSpecs {

    /** The sidecar chart's rule for a profile's name (values.schema.json): it also names the pod's volumes. */
    static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,46}[a-z0-9])?");

    /** The fields of a spec that are not vendor options. */
    static final String VENDOR = "vendor";

    static final String ACTIVE = "active";
    static final String SECRET = "secret";
    static final String KEY_ID_KEY = "keyIdKey";

    private final Vendors vendors;

    public ProfileSpecs(Vendors vendors) {
        this.vendors = vendors;
    }

    /** Every problem of the profile {@code name} with this spec, each naming its field; empty when it is valid. */
    public List<String> problems(String name, JsonNode spec) {
        List<String> problems = new ArrayList<>();
        if (!NAME.matcher(name).matches()) {
            problems.add(
                    "metadata.name '" + name + "' cannot name a profile: 1 to 48 lowercase letters, digits or '-', "
                            + "beginning and ending with a letter or digit (it is the <profile> of /v1/tokens/<profile> and names "
                            + "the pod's volume)");
        }
        if (spec == null || !spec.isObject()) {
            problems.add("spec is required: the profile (vendor, secret and the vendor's options)");
            return problems;
        }
        JsonNode vendorId = spec.get(VENDOR);
        if (vendorId == null || !vendorId.isTextual() || vendorId.asText().isBlank()) {
            problems.add("spec.vendor is required (known: " + vendors.ids() + ")");
            return problems;
        }
        Optional<Vendor> vendor = vendors.find(vendorId.asText());
        if (vendor.isEmpty()) {
            problems.add("spec.vendor '" + vendorId.asText() + "' is not a vendor (known: " + vendors.ids() + ")");
            return problems;
        }
        problems.addAll(secretProblems(spec));
        if (spec.has(ACTIVE) && !spec.get(ACTIVE).isBoolean()) {
            problems.add("spec.active must be true or false");
        }
        Map<String, String> options = new TreeMap<>();
        Map<String, String> fields = new TreeMap<>(); // option -> the spec field it came from, for messages
        for (Iterator<Map.Entry<String, JsonNode>> it = spec.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            if (key.equals(VENDOR) || key.equals(ACTIVE) || key.equals(SECRET) || key.equals(KEY_ID_KEY)) {
                continue;
            }
            JsonNode value = field.getValue();
            if (value.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> members = value.fields(); members.hasNext(); ) {
                    Map.Entry<String, JsonNode> member = members.next();
                    String option = kebab(key) + "." + member.getKey();
                    options.put(option, scalar(member.getValue()));
                    fields.put(option, "spec." + key + "." + member.getKey());
                }
            } else {
                String option = kebab(key);
                options.put(option, value.isArray() ? list(value) : scalar(value));
                fields.put(option, "spec." + key);
            }
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        // the key files as the chart mounts them; nothing is read here
        String secretKey = spec.path(SECRET).path("key").asText();
        Optional<Path> keyIdFile = spec.hasNonNull(KEY_ID_KEY)
                ? Optional.of(Path.of(
                        SidecarRenderer.keyDir(name), spec.get(KEY_ID_KEY).asText()))
                : Optional.empty();
        fields.put("key-id-file", "spec." + KEY_ID_KEY);
        ProfileSettings settings = new ProfileSettings(
                name, vendor.get().id(), Path.of(SidecarRenderer.keyDir(name), secretKey), keyIdFile, options);
        ProfileOptions read =
                new ProfileOptions(settings, vendor.get().id(), vendor.get().options());
        vendor.get().configure(read);
        String prefix = settings.key("");
        for (String problem : read.problems()) {
            problems.add(specFields(problem, prefix, fields));
        }
        return problems;
    }

    private static List<String> secretProblems(JsonNode spec) {
        JsonNode secret = spec.get(SECRET);
        if (secret == null || !secret.isObject()) {
            return List.of("spec.secret is required: {name: <the Secret holding the key>, key: <its key>}");
        }
        List<String> problems = new ArrayList<>();
        for (String member : List.of("name", "key")) {
            if (!secret.path(member).isTextual() || secret.path(member).asText().isEmpty()) {
                problems.add("spec.secret." + member + " is required");
            }
        }
        secret.fieldNames().forEachRemaining(member -> {
            if (!member.equals("name") && !member.equals("key")) {
                problems.add("spec.secret." + member + " is not a field of secret (name, key)");
            }
        });
        return problems;
    }

    /**
     * The vendor's sentence with each {@code chat-token.profiles.<name>.<option>} written as the spec's field: the
     * longest option first, so that {@code key-id-file} is not read as {@code key-id}.
     */
    static String specFields(String problem, String prefix, Map<String, String> fields) {
        Matcher matcher =
                Pattern.compile(Pattern.quote(prefix) + "([A-Za-z0-9._\"-]+)").matcher(problem);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String option = matcher.group(1).replace("\"", "");
            String field = fields.get(option);
            if (field == null) { // an option the spec does not hold: a required one that is missing
                int dot = option.indexOf('.');
                field = "spec." + (dot < 0 ? camel(option) : camel(option.substring(0, dot)) + option.substring(dot));
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(field));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** Sprig's {@code kebabcase}, as the sidecar chart writes a value's name: {@code keyId} is {@code key-id}. */
    static String kebab(String camel) {
        StringBuilder out = new StringBuilder();
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                if (!out.isEmpty()) {
                    out.append('-');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * The chart's name of an option: {@code allow-non-public-webhook-domains} is {@code allowNonPublicWebhookDomains}.
     */
    static String camel(String kebab) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : kebab.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    /** A value as the sidecar reads it: a string as written, a number (a ttl in seconds) whole, a boolean as text. */
    static String scalar(JsonNode value) {
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue().toString();
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    private static String list(JsonNode array) {
        List<String> items = new ArrayList<>();
        array.forEach(item -> items.add(scalar(item)));
        return String.join(",", items);
    }
}
