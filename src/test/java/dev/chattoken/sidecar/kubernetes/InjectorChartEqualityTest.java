package dev.chattoken.sidecar.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.flipkart.zjsonpatch.JsonPatch;
import dev.chattoken.sidecar.injector.Annotations;
import dev.chattoken.sidecar.injector.KubernetesVersion;
import dev.chattoken.sidecar.injector.PodInjection;
import dev.chattoken.sidecar.injector.ProfileSpecs;
import dev.chattoken.sidecar.injector.SidecarRenderer;
import dev.chattoken.sidecar.support.VendorCatalog;
import dev.chattoken.sidecar.vendors.Vendor;
import dev.chattoken.sidecar.vendors.Vendors;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Volume;
import io.smallrye.config.source.yaml.YamlConfigSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One source of truth: for the same profiles, the sidecar the injector adds to a pod is the sidecar the sidecar chart
 * renders (the container with its probes, securityContext, env and resources; the Secret volumes with their items and
 * modes; the pod's fsGroup; the app's CHAT_TOKEN_SIDECAR_URL), and its configuration reads as the same properties
 * through the sidecar's own YAML source. The one difference is by design: the chart's configuration comes from its
 * ConfigMap, the injector's from the pod's annotation by a downwardAPI volume (it creates nothing at admission). The
 * sidecar values are those the injector chart renders; the injected pod is parsed strictly against the Kubernetes API
 * types (a native sidecar's {@code restartPolicy} included).
 */
class InjectorChartEqualityTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final KubernetesVersion V1_33 = KubernetesVersion.of("1", "33", "v1.33.0");

    static Stream<Arguments> cases() throws IOException {
        ObjectNode four = (ObjectNode) YAML.readTree(HelmCharts.FOUR_PROFILES).get("profiles");
        ObjectNode everyVendor = JSON.createObjectNode();
        for (Vendor vendor : VendorCatalog.all()) {
            ObjectNode profile = JSON.valueToTree(
                    ChartVendorRules.chartValues(vendor, vendor.example().options()));
            profile.put("vendor", vendor.id());
            profile.putObject("secret").put("name", vendor.id() + "-key").put("key", "secret");
            everyVendor.set(vendor.id() + "-widget", profile);
        }
        ObjectNode keyIdKey = (ObjectNode) YAML.readTree("""
                zendesk-messaging: {vendor: zendesk, keyIdKey: key-id, secret: {name: zendesk-key, key: secret}, ttl: 300}
                inactive-dg: {vendor: dg, active: false, keyId: x, secret: {name: unused, key: secret}}
                """);
        // the vendor APIs with their options: the credential is the key file, the access key a key id from the Secret
        ObjectNode vendorApis = (ObjectNode) YAML.readTree("""
                chat-hubspot: {vendor: hubspot, baseUrl: 'https://egress.example/hubspot', apiVersion: 2026-03,
                  rateLimit: 50/10s, cacheSize: 1000000, refreshMargin: 10m, secret: {name: hubspot-app, key: token}}
                chat-sendbird: {vendor: sendbird, applicationId: 2D7B4CDB-932F-4082-9B09-A1153792DC8D, createUsers: true,
                  ttl: 1d, secret: {name: sendbird-api, key: api-token}}
                chat-channel-talk: {vendor: channel-talk, keyIdKey: access-key, ttl: 1h,
                  secret: {name: channel-talk-api, key: access-secret}}
                """);
        List<Arguments> cases = new ArrayList<>();
        for (boolean nativeSidecar : List.of(false, true)) {
            cases.add(Arguments.of("four profiles", four, Optional.empty(), nativeSidecar, ""));
            cases.add(Arguments.of(
                    "every vendor's example, caller token",
                    everyVendor,
                    Optional.of("shop-caller"),
                    nativeSidecar,
                    ""));
            cases.add(Arguments.of(
                    "a key id from the Secret, an inactive profile", keyIdKey, Optional.empty(), nativeSidecar, ""));
            cases.add(Arguments.of("the vendor APIs' options", vendorApis, Optional.empty(), nativeSidecar, ""));
            // every upstream value of the injector chart: proxy, no-proxy, CA bundle, Redis and its password
            cases.add(Arguments.of(
                    "the vendor APIs' options, every upstream value",
                    vendorApis,
                    Optional.empty(),
                    nativeSidecar,
                    """
                    sidecar:
                      upstream:
                        httpsProxy: http://proxy.corp.example:3128
                        noProxy: [.corp.example, 10.0.0.1]
                        trustStore: {configMapName: corp-ca, key: bundle.pem}
                        redis:
                          hosts: rediss://redis.chat:6379,rediss://redis-2.chat:6379
                          password: {secretName: chat-redis, key: redis-password}
                    """));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, native {3}")
    @MethodSource("cases")
    void theInjectedSidecarIsTheChartsSidecar(
            String what,
            ObjectNode profiles,
            Optional<String> callerToken,
            boolean nativeSidecar,
            String injectorValues)
            throws Exception {
        ObjectNode sidecarValues = (ObjectNode) JSON.readTree(HelmCharts.renderChart(
                        HelmCharts.INJECTOR,
                        HelmCharts.KUBE_VERSION,
                        "image: {repository: registry.example/chat-token-sidecar, tag: '1.2.3', pullPolicy: Always}",
                        injectorValues)
                .configMap()
                .getData()
                .get("sidecar.json"));

        // the sidecar chart, standalone, with the same values
        ObjectNode chartValues = sidecarValues.deepCopy();
        chartValues.put("nativeSidecar", nativeSidecar);
        chartValues.set("profiles", profiles);
        callerToken.ifPresent(secret ->
                chartValues.putObject("callerToken").put("secretName", secret).put("key", "token"));
        HelmCharts.Rendering chart = HelmCharts.render(JSON.writeValueAsString(chartValues));
        V1PodSpec chartPod = chart.pod();

        // the injector, with the profiles as ChatTokenProfiles of the pod's namespace
        PodInjection injection = new PodInjection(
                sidecarValues,
                new ProfileSpecs(new Vendors(VendorCatalog.all())),
                (namespace, name) -> Optional.ofNullable(profiles.get(name)).map(spec -> {
                    ObjectNode object = JSON.createObjectNode();
                    object.putObject("metadata").put("name", name).put("namespace", namespace);
                    object.set("spec", spec);
                    return object;
                }),
                Optional.of("chat-token-system"));
        ObjectNode pod = (ObjectNode) YAML.readTree("""
                apiVersion: v1
                kind: Pod
                metadata: {name: shop, namespace: web}
                spec:
                  containers: [{name: app, image: registry.example/shop:2.4.1}]
                """);
        ObjectNode annotations = ((ObjectNode) pod.get("metadata")).putObject("annotations");
        annotations.put(Annotations.INJECT, "true");
        annotations.put(Annotations.PROFILES, String.join(",", names(profiles)));
        annotations.put(Annotations.NATIVE_SIDECAR, Boolean.toString(nativeSidecar));
        callerToken.ifPresent(secret -> annotations.put(Annotations.CALLER_TOKEN_SECRET, secret));
        PodInjection.Decision decision = injection.decide(pod, "web", V1_33);
        JsonNode patched = JsonPatch.apply(
                assertInstanceOf(PodInjection.Decision.Inject.class, decision, decision.toString())
                        .patch(),
                pod);
        V1Pod injected = StrictManifests.parse(patched, V1Pod.class);

        assertEquals(HelmCharts.sidecarOf(chartPod), HelmCharts.sidecarOf(injected.getSpec()), "the sidecar container");
        assertEquals(
                nativeSidecar,
                injected.getSpec().getInitContainers() != null
                        && !injected.getSpec().getInitContainers().isEmpty(),
                "native: an init container");
        assertEquals(volumesButConfig(chartPod), volumesButConfig(injected.getSpec()), "the sidecar's volumes");
        assertEquals(
                chart.configMap().getMetadata().getName(),
                volume(chartPod, SidecarRenderer.CONFIG_VOLUME).getConfigMap().getName());
        assertEquals(
                "metadata.annotations['" + SidecarRenderer.CONFIG_ANNOTATION + "']",
                volume(injected.getSpec(), SidecarRenderer.CONFIG_VOLUME)
                        .getDownwardAPI()
                        .getItems()
                        .get(0)
                        .getFieldRef()
                        .getFieldPath());
        assertEquals(
                properties(chart.configMap().getData().get("application.yaml")),
                properties(injected.getMetadata().getAnnotations().get(SidecarRenderer.CONFIG_ANNOTATION)),
                "the configuration");
        assertEquals(chartPod.getSecurityContext(), injected.getSpec().getSecurityContext(), "the pod's fsGroup");
        assertEquals(
                env(app(chartPod), Annotations.SIDECAR_URL), env(app(injected.getSpec()), Annotations.SIDECAR_URL));
        if (callerToken.isPresent()) {
            assertEquals(
                    chart.sidecar().getVolumeMounts().stream()
                            .filter(m -> m.getName().equals(SidecarRenderer.CALLER_VOLUME))
                            .toList(),
                    app(injected.getSpec()).getVolumeMounts(),
                    "the caller token shared with the app container, as the sidecar mounts it");
        }
    }

    /** The configuration as the sidecar reads it: property names and values through SmallRye's YAML source. */
    private static Map<String, String> properties(String yaml) {
        Map<String, String> properties =
                new TreeMap<>(new YamlConfigSource("configuration", yaml, 270).getProperties());
        return properties;
    }

    private static List<String> names(JsonNode profiles) {
        List<String> names = new ArrayList<>();
        profiles.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<V1Volume> volumesButConfig(V1PodSpec pod) {
        return pod.getVolumes().stream()
                .filter(v -> !v.getName().equals(SidecarRenderer.CONFIG_VOLUME))
                .toList();
    }

    private static V1Volume volume(V1PodSpec pod, String name) {
        return pod.getVolumes().stream()
                .filter(v -> v.getName().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static V1Container app(V1PodSpec pod) {
        return pod.getContainers().stream()
                .filter(c -> c.getName().equals("app"))
                .findFirst()
                .orElseThrow();
    }

    private static String env(V1Container container, String name) {
        return container.getEnv().stream()
                .filter(e -> e.getName().equals(name))
                .findFirst()
                .orElseThrow()
                .getValue();
    }
}
