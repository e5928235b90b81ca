package dev.chattoken.sidecar.injector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.flipkart.zjsonpatch.JsonPatch;
import dev.chattoken.sidecar.support.VendorCatalog;
import dev.chattoken.sidecar.vendors.Vendors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Test support: pods, ChatTokenProfiles and the injector's sidecar values as YAML, and patches applied independently.
 */
public final class Pods {

    public static final ObjectMapper JSON = new ObjectMapper();
    public static final YAMLMapper YAML = new YAMLMapper();
    public static final KubernetesVersion V1_20 = KubernetesVersion.of("1", "20", "v1.20.2");
    public static final KubernetesVersion V1_29 = KubernetesVersion.of("1", "29+", "v1.29.4-gke.1");

    /** The injector chart's default sidecar values (its ConfigMap), with the image's tag set. */
    public static final String SIDECAR_VALUES = """
            image: {repository: chat-token-sidecar, tag: 0.1.0, pullPolicy: IfNotPresent}
            nativeSidecar: auto
            reloadInterval: 10s
            ports: {api: 8790, management: 8791}
            resources: {requests: {cpu: 50m, memory: 64Mi}, limits: {memory: 128Mi}}
            securityContext: {runAsNonRoot: true, runAsUser: 1001, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false,
                              capabilities: {drop: [ALL]}, seccompProfile: {type: RuntimeDefault}}
            podSecurityContext: {fsGroup: 1001}
            probes:
              startup: {periodSeconds: 1, failureThreshold: 30, timeoutSeconds: 1}
              readiness: {periodSeconds: 5, failureThreshold: 2, timeoutSeconds: 1}
              liveness: {periodSeconds: 10, failureThreshold: 3, timeoutSeconds: 1}
            """;

    private Pods() {}

    public static ObjectNode yaml(String text) {
        try {
            return (ObjectNode) YAML.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** ChatTokenProfiles by namespace and name, as the API server would hand them out. */
    public static final class Profiles implements PodInjection.ProfileSource {
        private final Map<String, JsonNode> objects = new HashMap<>();
        public int reads;

        public Profiles put(String namespace, String name, String specYaml) {
            ObjectNode object = yaml("apiVersion: chattoken.dev/v1alpha1\nkind: ChatTokenProfile\n");
            object.putObject("metadata").put("name", name).put("namespace", namespace);
            object.set("spec", yaml(specYaml));
            objects.put(namespace + "/" + name, object);
            return this;
        }

        @Override
        public Optional<JsonNode> find(String namespace, String name) {
            reads++;
            return Optional.ofNullable(objects.get(namespace + "/" + name));
        }
    }

    public static PodInjection injection(Profiles profiles) {
        return injection(profiles, SIDECAR_VALUES);
    }

    public static PodInjection injection(Profiles profiles, String sidecarValues) {
        return new PodInjection(
                yaml(sidecarValues),
                new ProfileSpecs(new Vendors(VendorCatalog.all())),
                profiles,
                Optional.of("chat-token-system"));
    }

    /** The pod after the patch, applied by an independent JSON Patch implementation (zjsonpatch). */
    public static JsonNode apply(JsonNode pod, PodInjection.Decision decision) {
        return JsonPatch.apply(((PodInjection.Decision.Inject) decision).patch(), pod);
    }
}
