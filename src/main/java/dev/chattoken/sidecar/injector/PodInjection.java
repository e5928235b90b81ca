package dev.chattoken.sidecar.injector;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the injector does with one pod at its creation: leaves it alone (no {@code chattoken.dev/inject: "true"}, the
 * sidecar already there, a namespace it never injects), refuses it (a message naming the annotation and the problem,
 * which {@code kubectl apply} shows), or adds the sidecar as a JSON Patch. Pure logic over the pod's JSON; the profiles
 * and the cluster's version come from outside.
 */
public final class PodInjection {

    /** Namespaces the injector never touches, besides its own. */
    static final Set<String> SYSTEM_NAMESPACES = Set.of("kube-system", "kube-public");

    /** A Secret's name (DNS subdomain) and a Secret key, as the sidecar chart's schema takes them. */
    private static final Pattern SECRET_NAME =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private static final Pattern SECRET_KEY = Pattern.compile("([-_a-zA-Z0-9]|\\.[-_a-zA-Z0-9])[-._a-zA-Z0-9]*");
    /** A quantity, as the API server takes one (it validates the pod again; this refuses what JSON alone allows). */
    private static final Pattern QUANTITY =
            Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+|[numkMGTPE]|[KMGTPE]i)?");

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The ChatTokenProfiles of a namespace, as the API server holds them. */
    public interface ProfileSource {
        /** The object, or empty when there is none of that name; an exception when the API server cannot say. */
        Optional<JsonNode> find(String namespace, String name) throws IOException;
    }

    /** The decision on one pod. */
    public sealed interface Decision {
        /** Left as it is: {@code reason} says why (metrics and the debug log). */
        record Skip(String reason) implements Decision {}

        /** Refused: the message {@code kubectl apply} shows. */
        record Refuse(String message) implements Decision {}

        /** The sidecar added: the JSON Patch operations, and the profiles it serves. */
        record Inject(ArrayNode patch, List<String> profiles, boolean nativeSidecar) implements Decision {}
    }

    private final ObjectNode sidecarValues;
    private final ProfileSpecs specs;
    private final ProfileSource profiles;
    private final Optional<String> ownNamespace;

    /**
     * @param sidecarValues the sidecar chart's values the injector was installed with (no profiles);
     *     {@code nativeSidecar} is {@code true}, {@code false} or {@code "auto"}
     */
    public PodInjection(
            ObjectNode sidecarValues, ProfileSpecs specs, ProfileSource profiles, Optional<String> ownNamespace) {
        this.sidecarValues = sidecarValues.deepCopy();
        this.specs = specs;
        this.profiles = profiles;
        this.ownNamespace = ownNamespace;
    }

    /**
     * @param namespace the pod's namespace (the AdmissionReview's, as a controller's pod has none of its own yet)
     * @param version the API server's version: native sidecars from 1.29
     * @throws IOException when a profile could not be read (the webhook then answers an error: failurePolicy decides)
     */
    public Decision decide(JsonNode pod, String namespace, KubernetesVersion version) throws IOException {
        JsonNode annotations = pod.path("metadata").path("annotations");
        JsonNode inject = annotations.get(Annotations.INJECT);
        if (inject == null) {
            return new Decision.Skip("no " + Annotations.INJECT + " annotation");
        }
        if (!inject.isTextual()
                || !(inject.asText().equals("true") || inject.asText().equals("false"))) {
            return new Decision.Refuse(
                    quote(Annotations.INJECT) + " is " + quote(inject.asText()) + ": it is \"true\" or \"false\"");
        }
        if (inject.asText().equals("false")) {
            return new Decision.Skip(Annotations.INJECT + " is \"false\"");
        }
        if (SYSTEM_NAMESPACES.contains(namespace)
                || ownNamespace.filter(namespace::equals).isPresent()) {
            return new Decision.Skip("the injector never injects in namespace " + namespace);
        }
        if (containers(pod).stream()
                .anyMatch(c -> SidecarRenderer.CONTAINER.equals(c.path("name").asText()))) {
            return new Decision.Skip("the pod already has a " + SidecarRenderer.CONTAINER + " container");
        }

        List<String> refusals = new ArrayList<>();
        ObjectNode values = sidecarValues.deepCopy();
        List<String> names = profileNames(annotations.path(Annotations.PROFILES), namespace, refusals);
        ObjectNode profileValues = values.putObject("profiles");
        for (String name : names) {
            Optional<JsonNode> profile = profiles.find(namespace, name);
            if (profile.isEmpty()) {
                refusals.add(quote(Annotations.PROFILES) + " names " + quote(name) + ", but namespace " + namespace
                        + " has no ChatTokenProfile " + quote(name));
                continue;
            }
            JsonNode spec = profile.get().path("spec");
            List<String> problems = specs.problems(name, spec);
            if (!problems.isEmpty()) {
                refusals.add(quote(Annotations.PROFILES) + " names ChatTokenProfile " + quote(name)
                        + ", which cannot be served: " + String.join("; ", problems));
                continue;
            }
            profileValues.set(name, spec.deepCopy());
        }
        boolean nativeSidecar = nativeSidecar(annotations.path(Annotations.NATIVE_SIDECAR), version, refusals);
        values.put("nativeSidecar", nativeSidecar);
        callerToken(annotations, values, refusals);
        image(annotations.path(Annotations.IMAGE), values, refusals);
        resources(annotations.path(Annotations.RESOURCES), values, refusals);
        if (refusals.isEmpty()
                && !names.isEmpty()
                && SidecarRenderer.activeProfiles(profileValues).isEmpty()) {
            refusals.add(quote(Annotations.PROFILES)
                    + " names only profiles with spec.active: false: the sidecar would serve none");
        }
        if (!refusals.isEmpty()) {
            return new Decision.Refuse(String.join("; ", refusals));
        }
        SidecarRenderer.Sidecar sidecar = SidecarRenderer.render(values);
        List<String> taken = takenVolumes(pod, sidecar);
        if (!taken.isEmpty()) {
            return new Decision.Refuse("the pod already has volumes named " + String.join(", ", taken)
                    + ", which the chat-token sidecar needs (" + Annotations.INJECT + ")");
        }
        return new Decision.Inject(
                patch(pod, sidecar, values), SidecarRenderer.activeProfiles(profileValues), nativeSidecar);
    }

    private static List<String> profileNames(JsonNode annotation, String namespace, List<String> refusals) {
        if (!annotation.isTextual() || annotation.asText().isBlank()) {
            refusals.add(quote(Annotations.PROFILES) + " is missing: name the ChatTokenProfiles of namespace "
                    + namespace + " to serve, comma-separated");
            return List.of();
        }
        Set<String> names = new LinkedHashSet<>();
        for (String part : annotation.asText().split(",", -1)) {
            String name = part.strip();
            if (name.contains("/")) {
                refusals.add(quote(Annotations.PROFILES) + " names " + quote(name)
                        + ": a profile is read from the pod's own " + "namespace (" + namespace
                        + ") only; name it without a namespace");
            } else if (!ProfileSpecs.NAME.matcher(name).matches()) {
                refusals.add(quote(Annotations.PROFILES) + " holds " + quote(name)
                        + ", which is not a profile name (1 to 48 "
                        + "lowercase letters, digits or '-', comma-separated)");
            } else if (!names.add(name)) {
                refusals.add(quote(Annotations.PROFILES) + " names " + quote(name) + " twice");
            }
        }
        return refusals.isEmpty() ? List.copyOf(names) : List.of();
    }

    private boolean nativeSidecar(JsonNode annotation, KubernetesVersion version, List<String> refusals) {
        boolean supported = version.atLeast(1, 29);
        String wanted =
                annotation.isMissingNode() ? sidecarValues.path("nativeSidecar").asText("auto") : annotation.asText();
        return switch (wanted) {
            case "auto" -> supported;
            case "false" -> false;
            case "true" -> {
                if (!supported) {
                    refusals.add((annotation.isMissingNode()
                                    ? "the injector's nativeSidecar=true"
                                    : quote(Annotations.NATIVE_SIDECAR) + " is \"true\"")
                            + ": a native sidecar needs Kubernetes 1.29 or newer (here: " + version
                            + "); set it to \"false\" "
                            + "for a classic sidecar container");
                }
                yield true;
            }
            default -> {
                refusals.add(
                        quote(Annotations.NATIVE_SIDECAR) + " is " + quote(wanted) + ": it is \"true\" or \"false\"");
                yield false;
            }
        };
    }

    private static void callerToken(JsonNode annotations, ObjectNode values, List<String> refusals) {
        JsonNode secret = annotations.path(Annotations.CALLER_TOKEN_SECRET);
        JsonNode key = annotations.path(Annotations.CALLER_TOKEN_KEY);
        if (secret.isMissingNode()) {
            if (!key.isMissingNode()) {
                refusals.add(quote(Annotations.CALLER_TOKEN_KEY) + " is set without "
                        + quote(Annotations.CALLER_TOKEN_SECRET));
            }
            return;
        }
        if (!SECRET_NAME.matcher(secret.asText()).matches() || secret.asText().length() > 253) {
            refusals.add(quote(Annotations.CALLER_TOKEN_SECRET) + " is " + quote(secret.asText())
                    + ", which is not a Secret's name");
            return;
        }
        String keyName = key.isMissingNode() ? "token" : key.asText();
        if (!SECRET_KEY.matcher(keyName).matches() || keyName.length() > 253) {
            refusals.add(
                    quote(Annotations.CALLER_TOKEN_KEY) + " is " + quote(keyName) + ", which is not a key of a Secret");
            return;
        }
        values.putObject("callerToken").put("secretName", secret.asText()).put("key", keyName);
    }

    private static void image(JsonNode annotation, ObjectNode values, List<String> refusals) {
        if (annotation.isMissingNode()) {
            return;
        }
        String reference = annotation.asText();
        int slash = reference.lastIndexOf('/');
        int colon = reference.lastIndexOf(':');
        if (colon <= slash + 1
                || colon == reference.length() - 1
                || reference.chars().anyMatch(c -> c <= ' ')) {
            refusals.add(quote(Annotations.IMAGE) + " is " + quote(reference) + ": an image with its tag or digest, "
                    + "repository:tag or repository@sha256:...");
            return;
        }
        ((ObjectNode) values.with("image"))
                .put("repository", reference.substring(0, colon))
                .put("tag", reference.substring(colon + 1));
    }

    private static void resources(JsonNode annotation, ObjectNode values, List<String> refusals) {
        if (annotation.isMissingNode()) {
            return;
        }
        String problem = quote(Annotations.RESOURCES) + " is not a container's resources as JSON, e.g. "
                + "{\"requests\":{\"cpu\":\"50m\",\"memory\":\"64Mi\"},\"limits\":{\"memory\":\"128Mi\"}}";
        JsonNode resources;
        try {
            resources = MAPPER.readTree(annotation.asText());
        } catch (JsonProcessingException e) {
            refusals.add(problem);
            return;
        }
        if (resources == null || !resources.isObject()) {
            refusals.add(problem);
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = resources.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> part = it.next();
            if (!(part.getKey().equals("requests") || part.getKey().equals("limits"))
                    || !part.getValue().isObject()) {
                refusals.add(problem + " (" + part.getKey() + " is not requests or limits)");
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> q = part.getValue().fields(); q.hasNext(); ) {
                Map.Entry<String, JsonNode> quantity = q.next();
                if (!quantity.getValue().isTextual()
                        || !QUANTITY.matcher(quantity.getValue().asText()).matches()) {
                    refusals.add(quote(Annotations.RESOURCES) + ": " + part.getKey() + "." + quantity.getKey()
                            + " is not a quantity (\"64Mi\", \"50m\")");
                    return;
                }
            }
        }
        values.set("resources", resources);
    }

    private static List<String> takenVolumes(JsonNode pod, SidecarRenderer.Sidecar sidecar) {
        Set<String> ours = new LinkedHashSet<>();
        sidecar.volumes().forEach(v -> ours.add(v.path("name").asText()));
        List<String> taken = new ArrayList<>();
        pod.path("spec").path("volumes").forEach(v -> {
            if (ours.contains(v.path("name").asText())) {
                taken.add(v.path("name").asText());
            }
        });
        return taken;
    }

    /** The JSON Patch: only {@code add} operations, so that nothing of the pod is replaced or removed. */
    private static ArrayNode patch(JsonNode pod, SidecarRenderer.Sidecar sidecar, ObjectNode values) {
        ArrayNode ops = JSON.arrayNode();
        String configText;
        try {
            configText = MAPPER.writeValueAsString(sidecar.configuration());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        add(ops, "/metadata/annotations/" + escape(SidecarRenderer.CONFIG_ANNOTATION), JSON.textNode(configText));

        JsonNode spec = pod.path("spec");
        JsonNode securityContext = spec.path("securityContext");
        if (!securityContext.isObject()) {
            add(ops, "/spec/securityContext", sidecar.podSecurityContext());
        } else {
            // the pod's own settings stay; what it lacks of the chart's (fsGroup) is added
            sidecar.podSecurityContext().fields().forEachRemaining(e -> {
                if (!securityContext.has(e.getKey())) {
                    add(ops, "/spec/securityContext/" + escape(e.getKey()), e.getValue());
                }
            });
        }

        boolean caller =
                !values.path("callerToken").path("secretName").asText("").isEmpty();
        JsonNode containers = spec.path("containers");
        for (int i = 0; i < containers.size(); i++) {
            JsonNode container = containers.get(i);
            String at = "/spec/containers/" + i;
            ObjectNode url =
                    JSON.objectNode().put("name", Annotations.SIDECAR_URL).put("value", sidecar.apiUrl());
            if (!container.path("env").isArray()) {
                add(ops, at + "/env", JSON.arrayNode().add(url));
            } else if (!hasMember(container.path("env"), "name", Annotations.SIDECAR_URL)) {
                add(ops, at + "/env/-", url);
            }
            if (caller) {
                ObjectNode mount = JSON.objectNode()
                        .put("name", SidecarRenderer.CALLER_VOLUME)
                        .put("mountPath", SidecarRenderer.CALLER_DIR)
                        .put("readOnly", true);
                if (!container.path("volumeMounts").isArray()) {
                    add(ops, at + "/volumeMounts", JSON.arrayNode().add(mount));
                } else if (!hasMember(container.path("volumeMounts"), "mountPath", SidecarRenderer.CALLER_DIR)) {
                    add(ops, at + "/volumeMounts/-", mount);
                }
            }
        }

        if (values.path("nativeSidecar").asBoolean()) {
            // the first init container: the app's own init containers and the app start once its startup probe passed
            if (spec.path("initContainers").isArray()
                    && !spec.path("initContainers").isEmpty()) {
                add(ops, "/spec/initContainers/0", sidecar.container());
            } else {
                add(ops, "/spec/initContainers", JSON.arrayNode().add(sidecar.container()));
            }
        } else {
            add(ops, "/spec/containers/-", sidecar.container());
        }

        if (spec.path("volumes").isArray()) {
            sidecar.volumes().forEach(v -> add(ops, "/spec/volumes/-", v));
        } else {
            ArrayNode volumes = JSON.arrayNode();
            sidecar.volumes().forEach(volumes::add);
            add(ops, "/spec/volumes", volumes);
        }
        return ops;
    }

    private static List<JsonNode> containers(JsonNode pod) {
        List<JsonNode> all = new ArrayList<>();
        pod.path("spec").path("containers").forEach(all::add);
        pod.path("spec").path("initContainers").forEach(all::add);
        return all;
    }

    private static boolean hasMember(JsonNode array, String field, String value) {
        for (JsonNode item : array) {
            if (value.equals(item.path(field).asText())) {
                return true;
            }
        }
        return false;
    }

    private static void add(ArrayNode ops, String path, JsonNode value) {
        ops.addObject().put("op", "add").put("path", path).set("value", value);
    }

    /** RFC 6901: {@code ~} and {@code /} in a member name. */
    static String escape(String member) {
        return member.replace("~", "~0").replace("/", "~1");
    }

    private static String quote(String text) {
        return '"' + text + '"';
    }
}
