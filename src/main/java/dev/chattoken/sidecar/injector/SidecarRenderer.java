package dev.chattoken.sidecar.injector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The sidecar as the sidecar chart renders it ({@code kubernetes/helm/chat-token-sidecar/templates/_sidecar.tpl}),
 * built as data from the same values: the container, its volumes and its configuration.
 * {@code InjectorChartEqualityTest} holds the two equal for the same values, so that an injected pod runs exactly the
 * sidecar an embedding chart would.
 *
 * <p>One difference, by design: the chart mounts its configuration from a ConfigMap it renders; the injector may create
 * no object at admission ({@code sideEffects: None}), so the configuration travels in the pod's own annotation
 * {@value #CONFIG_ANNOTATION} and is mounted as the same file by a {@code downwardAPI} volume. It is JSON, which is
 * YAML: the sidecar reads it as its {@code application.yaml}, the chart's file of the same data. No key of it is
 * assembled from text: every name and value is a member of a JSON object.
 */
public final class SidecarRenderer {

    public static final String CONTAINER = "chat-token-sidecar";
    public static final String CONFIG_ANNOTATION = "chattoken.dev/sidecar-config";
    public static final String CONFIG_VOLUME = "chat-token-config";
    public static final String CALLER_VOLUME = "chat-token-caller";
    static final String NO_API_TOKEN_VOLUME = "chat-token-no-api-token";
    static final String CONFIG_DIR = "/etc/chat-token-sidecar";
    static final String CONFIG_FILE = "application.yaml";
    static final String CALLER_DIR = "/var/run/secrets/chat-token-caller";
    static final String AUDIT_DIR = "/var/run/secrets/chat-token-audit";
    static final String TRUST_STORE_VOLUME = "chat-token-trust-store";
    static final String TRUST_STORE_DIR = "/etc/chat-token-sidecar-trust";
    /** 0440: read-only, owned by root and by the pod's fsGroup, through which the sidecar (UID 1001) reads. */
    static final int SECRET_MODE = 288;

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private SidecarRenderer() {}

    /**
     * What is added to a pod.
     *
     * @param container the sidecar container
     * @param volumes its volumes, in the chart's order
     * @param configuration the sidecar's configuration file, as data
     * @param podSecurityContext the chart's pod securityContext (fsGroup)
     * @param apiUrl the app's {@code CHAT_TOKEN_SIDECAR_URL}
     */
    public record Sidecar(
            ObjectNode container,
            List<ObjectNode> volumes,
            ObjectNode configuration,
            ObjectNode podSecurityContext,
            String apiUrl) {}

    /** Where a profile's Secret is mounted (a directory: subPath mounts never see a rotated Secret). */
    public static String keyDir(String profile) {
        return "/var/run/secrets/chat-token/" + profile;
    }

    /**
     * Renders the sidecar for {@code values}: the sidecar chart's values ({@code image} with its tag set,
     * {@code nativeSidecar}, {@code ports}, {@code resources}, {@code securityContext}, {@code podSecurityContext},
     * {@code probes}, {@code reloadInterval}, {@code callerToken}, {@code audit}, {@code upstream}, {@code profiles}).
     */
    public static Sidecar render(JsonNode values) {
        List<String> active = activeProfiles(values.path("profiles"));
        int api = values.path("ports").path("api").asInt();
        int management = values.path("ports").path("management").asInt();
        boolean caller =
                !values.path("callerToken").path("secretName").asText("").isEmpty();
        boolean audit = !values.path("audit")
                .path("userKey")
                .path("secretName")
                .asText("")
                .isEmpty();
        JsonNode upstream = values.path("upstream");
        String trustStore = upstream.path("trustStore").path("configMapName").asText("");
        String redisPasswordSecret =
                upstream.path("redis").path("password").path("secretName").asText("");

        ObjectNode container = JSON.objectNode();
        container.put("name", CONTAINER);
        JsonNode image = values.path("image");
        container.put(
                "image",
                image.path("repository").asText() + ":" + image.path("tag").asText());
        container.put("imagePullPolicy", image.path("pullPolicy").asText());
        if (values.path("nativeSidecar").asBoolean(false)) {
            // an init container that keeps running: started (startup probe passed) before the app, stopped after it
            container.put("restartPolicy", "Always");
        }
        ArrayNode env = container.putArray("env");
        env.addObject().put("name", "QUARKUS_CONFIG_LOCATIONS").put("value", CONFIG_DIR + "/" + CONFIG_FILE);
        // the listeners are fixed in the environment, which outranks every file and the pod's service links: the
        // token API on loopback only, so that only the containers of this pod can ask for tokens
        env.addObject().put("name", "QUARKUS_HTTP_HOST").put("value", "127.0.0.1");
        env.addObject().put("name", "QUARKUS_HTTP_PORT").put("value", Integer.toString(api));
        env.addObject().put("name", "QUARKUS_MANAGEMENT_HOST").put("value", "0.0.0.0");
        env.addObject().put("name", "QUARKUS_MANAGEMENT_PORT").put("value", Integer.toString(management));
        if (!redisPasswordSecret.isEmpty()) {
            // the Redis password from the Secret, never in the configuration (which is a pod annotation here)
            env.addObject()
                    .put("name", "QUARKUS_REDIS_PASSWORD")
                    .putObject("valueFrom")
                    .putObject("secretKeyRef")
                    .put("name", redisPasswordSecret)
                    .put(
                            "key",
                            upstream.path("redis").path("password").path("key").asText());
        }
        container
                .putArray("ports")
                .addObject()
                .put("name", "chat-token-mgmt")
                .put("containerPort", management)
                .put("protocol", "TCP");
        container.set(
                "startupProbe",
                probe("/q/health/started", management, values.path("probes").path("startup")));
        container.set(
                "readinessProbe",
                probe("/q/health/ready", management, values.path("probes").path("readiness")));
        container.set(
                "livenessProbe",
                probe("/q/health/live", management, values.path("probes").path("liveness")));
        container.set("resources", copy(values.path("resources")));
        container.set("securityContext", copy(values.path("securityContext")));
        container.put("terminationMessagePolicy", "FallbackToLogsOnError");
        ArrayNode mounts = container.putArray("volumeMounts");
        mounts.addObject()
                .put("name", CONFIG_VOLUME)
                .put("mountPath", CONFIG_DIR)
                .put("readOnly", true);
        mounts.addObject().put("name", "chat-token-tmp").put("mountPath", "/tmp");
        // the sidecar never calls the API server: a mount at the service-account token's path keeps the pod's token
        // out of this container, also where the app needs its own
        mounts.addObject()
                .put("name", NO_API_TOKEN_VOLUME)
                .put("mountPath", "/var/run/secrets/kubernetes.io/serviceaccount")
                .put("readOnly", true);
        for (String name : active) {
            mounts.addObject()
                    .put("name", "chat-token-key-" + name)
                    .put("mountPath", keyDir(name))
                    .put("readOnly", true);
        }
        if (caller) {
            mounts.addObject()
                    .put("name", CALLER_VOLUME)
                    .put("mountPath", CALLER_DIR)
                    .put("readOnly", true);
        }
        if (audit) {
            mounts.addObject()
                    .put("name", "chat-token-audit")
                    .put("mountPath", AUDIT_DIR)
                    .put("readOnly", true);
        }
        if (!trustStore.isEmpty()) {
            mounts.addObject()
                    .put("name", TRUST_STORE_VOLUME)
                    .put("mountPath", TRUST_STORE_DIR)
                    .put("readOnly", true);
        }

        List<ObjectNode> volumes = new ArrayList<>();
        ObjectNode config = JSON.objectNode().put("name", CONFIG_VOLUME);
        config.putObject("downwardAPI")
                .putArray("items")
                .addObject()
                .put("path", CONFIG_FILE)
                .putObject("fieldRef")
                .put("fieldPath", "metadata.annotations['" + CONFIG_ANNOTATION + "']");
        volumes.add(config);
        ObjectNode tmp = JSON.objectNode().put("name", "chat-token-tmp");
        tmp.putObject("emptyDir").put("sizeLimit", "16Mi");
        volumes.add(tmp);
        // no sizeLimit: the kubelet counts the empty directory's own block against one and evicts the pod
        ObjectNode noToken = JSON.objectNode().put("name", NO_API_TOKEN_VOLUME);
        noToken.putObject("emptyDir");
        volumes.add(noToken);
        for (String name : active) {
            JsonNode profile = values.path("profiles").path(name);
            List<String> keys =
                    new ArrayList<>(List.of(profile.path("secret").path("key").asText()));
            if (profile.hasNonNull(ProfileSpecs.KEY_ID_KEY)) {
                keys.add(profile.get(ProfileSpecs.KEY_ID_KEY).asText());
            }
            volumes.add(secretVolume(
                    "chat-token-key-" + name,
                    profile.path("secret").path("name").asText(),
                    keys));
        }
        if (caller) {
            volumes.add(secretVolume(
                    CALLER_VOLUME,
                    values.path("callerToken").path("secretName").asText(),
                    List.of(values.path("callerToken").path("key").asText())));
        }
        if (audit) {
            volumes.add(secretVolume(
                    "chat-token-audit",
                    values.path("audit").path("userKey").path("secretName").asText(),
                    List.of(values.path("audit").path("userKey").path("key").asText())));
        }
        if (!trustStore.isEmpty()) {
            // CA certificates are public: a ConfigMap, read by the sidecar when it starts
            ObjectNode volume = JSON.objectNode().put("name", TRUST_STORE_VOLUME);
            String key = upstream.path("trustStore").path("key").asText();
            volume.putObject("configMap")
                    .put("name", trustStore)
                    .putArray("items")
                    .addObject()
                    .put("key", key)
                    .put("path", key);
            volumes.add(volume);
        }
        return new Sidecar(
                container,
                volumes,
                configuration(values, active, caller, audit),
                copy(values.path("podSecurityContext")),
                "http://127.0.0.1:" + api);
    }

    /**
     * The sidecar's configuration, as the chart renders it, as data: every name from the values is a key of its own map
     * and every value a scalar or list as given. The listeners are not in it (the container's environment).
     */
    private static ObjectNode configuration(JsonNode values, List<String> active, boolean caller, boolean audit) {
        ObjectNode root = JSON.objectNode();
        // above the image's built-in application.properties (250), below environment variables (300)
        root.put("config_ordinal", 270);
        ObjectNode chatToken = root.putObject("chat-token");
        ArrayNode activeNames = chatToken.putArray("active");
        active.forEach(activeNames::add);
        chatToken.set("reload-interval", values.path("reloadInterval").deepCopy());
        if (caller) {
            chatToken.put(
                    "caller-token-file",
                    CALLER_DIR + "/" + values.path("callerToken").path("key").asText());
        }
        if (audit) {
            chatToken
                    .putObject("audit")
                    .put(
                            "user-key-file",
                            AUDIT_DIR + "/"
                                    + values.path("audit")
                                            .path("userKey")
                                            .path("key")
                                            .asText());
        }
        upstream(values.path("upstream"), root, chatToken);
        ObjectNode profiles = chatToken.putObject("profiles");
        for (String name : active) {
            JsonNode profile = values.path("profiles").path(name);
            ObjectNode out = profiles.putObject(name);
            out.put("vendor", profile.path("vendor").asText());
            out.put(
                    "key-file",
                    keyDir(name) + "/" + profile.path("secret").path("key").asText());
            if (profile.hasNonNull(ProfileSpecs.KEY_ID_KEY)) {
                out.put(
                        "key-id-file",
                        keyDir(name) + "/"
                                + profile.get(ProfileSpecs.KEY_ID_KEY).asText());
            }
            // every other value is an option of the profile's vendor, under its kebab-case name (keyId is key-id); a
            // list stays a list, a map's members (options, header, claims) keep their names
            profile.fields().forEachRemaining(e -> {
                String key = e.getKey();
                if (!(key.equals(ProfileSpecs.VENDOR)
                        || key.equals(ProfileSpecs.ACTIVE)
                        || key.equals(ProfileSpecs.SECRET)
                        || key.equals(ProfileSpecs.KEY_ID_KEY))) {
                    out.set(ProfileSpecs.kebab(key), e.getValue().deepCopy());
                }
            });
        }
        return root;
    }

    /**
     * The vendor APIs' network, each setting only when given: without them the sidecar keeps its defaults (the
     * environment's HTTPS_PROXY and NO_PROXY, the system's CA bundle, no Redis).
     */
    private static void upstream(JsonNode upstream, ObjectNode root, ObjectNode chatToken) {
        ObjectNode out = JSON.objectNode();
        String proxy = upstream.path("httpsProxy").asText("");
        if (!proxy.isEmpty()) {
            out.put("https-proxy", proxy);
        }
        JsonNode noProxy = upstream.path("noProxy");
        if (noProxy.isArray() && !noProxy.isEmpty()) {
            out.set("no-proxy", noProxy.deepCopy());
        }
        if (!upstream.path("trustStore").path("configMapName").asText("").isEmpty()) {
            out.put(
                    "trust-store",
                    TRUST_STORE_DIR + "/"
                            + upstream.path("trustStore").path("key").asText());
        }
        if (!out.isEmpty()) {
            chatToken.set("upstream", out);
        }
        String hosts = upstream.path("redis").path("hosts").asText("");
        if (!hosts.isEmpty()) {
            root.putObject("quarkus").putObject("redis").put("hosts", hosts);
        }
    }

    /** The active profiles' names, sorted: the order of the values never changes the output. */
    static List<String> activeProfiles(JsonNode profiles) {
        List<String> names = new ArrayList<>();
        profiles.fieldNames().forEachRemaining(name -> {
            JsonNode active = profiles.get(name).get(ProfileSpecs.ACTIVE);
            if (active == null || active.asBoolean(true)) {
                names.add(name);
            }
        });
        names.sort(null);
        return names;
    }

    private static ObjectNode probe(String path, int port, JsonNode timings) {
        ObjectNode probe = JSON.objectNode();
        probe.putObject("httpGet").put("path", path).put("port", port);
        if (timings.isObject()) {
            timings.fields().forEachRemaining(e -> {
                if (!e.getValue().isNull()) {
                    probe.set(e.getKey(), e.getValue().deepCopy());
                }
            });
        }
        return probe;
    }

    private static ObjectNode secretVolume(String name, String secretName, List<String> keys) {
        ObjectNode volume = JSON.objectNode().put("name", name);
        ObjectNode secret =
                volume.putObject("secret").put("secretName", secretName).put("defaultMode", SECRET_MODE);
        ArrayNode items = secret.putArray("items");
        keys.forEach(key -> items.addObject().put("key", key).put("path", key));
        return volume;
    }

    private static ObjectNode copy(JsonNode node) {
        return node.isObject() ? ((ObjectNode) node).deepCopy() : JSON.objectNode();
    }
}
