package dev.chattoken.sidecar.kubernetes;

import static dev.chattoken.sidecar.kubernetes.HelmCharts.FOUR_PROFILES;
import static dev.chattoken.sidecar.kubernetes.HelmCharts.render;
import static dev.chattoken.sidecar.kubernetes.HelmCharts.renderFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.chattoken.sidecar.kubernetes.HelmCharts.Rendering;
import dev.chattoken.sidecar.kubernetes.StrictManifests.PodMonitor;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1KeyToPath;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1NetworkPolicyIngressRule;
import io.kubernetes.client.openapi.models.V1Probe;
import io.kubernetes.client.openapi.models.V1SecurityContext;
import io.kubernetes.client.openapi.models.V1Volume;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What `helm template` renders, every object parsed strictly against the Kubernetes API types
 * ({@link StrictManifests}), for the default values and for representative ones (a profile each of dg, kindly, huggy
 * and kustomer, an inactive profile, the caller token, the PodMonitor, a real app container:
 * src/test/resources/kubernetes/values-all-vendors.yaml).
 */
class HelmChartRenderTest {

    private static Rendering defaults;
    private static Rendering allVendors;

    @BeforeAll
    static void renderOnce() {
        defaults = render();
        allVendors = renderFiles("values-all-vendors.yaml");
    }

    @Test
    void theDefaultValuesRenderTheConfigMapAndAStandaloneDeploymentOfThePlaceholderApp() {
        assertEquals(List.of("ConfigMap", "Deployment"), defaults.kinds());
        assertEquals(
                "shop-chat-token-sidecar", defaults.deployment().getMetadata().getName());
        assertEquals(
                "registry.k8s.io/pause:3.10",
                defaults.pod().getContainers().get(0).getImage());
        // no profile: nothing to mount, and the sidecar will say so at startup (NOTES.txt warns)
        assertEquals("", defaults.configuration().get("chat-token.active"));
    }

    @Test
    void theRepresentativeValuesRenderTheConfigMapTheDeploymentTheNetworkPolicyAndThePodMonitor() {
        assertEquals(List.of("ConfigMap", "Deployment", "NetworkPolicy", "PodMonitor"), allVendors.kinds());
        assertEquals(2, allVendors.deployment().getSpec().getReplicas());
        assertEquals(
                "registry.example/shop:2.4.1",
                allVendors.pod().getContainers().get(0).getImage());
    }

    @Nested
    class Configuration {

        @Test
        void theListenersAreFixedInTheEnvironmentTheTokenApiOnLoopbackAndNotInTheFile() {
            for (Rendering rendering : List.of(defaults, allVendors)) {
                // environment variables (ordinal 300) outrank every configuration file: nothing in one can move them
                assertEquals(
                        Map.of(
                                "QUARKUS_CONFIG_LOCATIONS", "/etc/chat-token-sidecar/application.yaml",
                                "QUARKUS_HTTP_HOST", "127.0.0.1",
                                "QUARKUS_HTTP_PORT", "8790",
                                "QUARKUS_MANAGEMENT_HOST", "0.0.0.0",
                                "QUARKUS_MANAGEMENT_PORT", "8791"),
                        rendering.sidecarEnvironment());
                Map<String, String> configuration = rendering.configuration();
                assertTrue(
                        configuration.keySet().stream()
                                .allMatch(k -> k.startsWith("chat-token.") || k.equals("config_ordinal")),
                        () -> "only the sidecar's own settings in the file: " + configuration.keySet());
                // above the image's own application.properties (250), below environment variables (300)
                assertEquals("270", configuration.get("config_ordinal"));
            }
        }

        @Test
        void theConfigMapIsMountedReadOnlyAndNamedByQuarkusConfigLocations() {
            V1Container sidecar = allVendors.sidecar();
            assertEquals(
                    List.of("application.yaml"),
                    List.copyOf(allVendors.configMap().getData().keySet()));
            assertEquals(
                    "/etc/chat-token-sidecar/application.yaml",
                    allVendors.sidecarEnvironment().get("QUARKUS_CONFIG_LOCATIONS"));
            V1VolumeMount config = mount(sidecar, "chat-token-config");
            assertEquals("/etc/chat-token-sidecar", config.getMountPath());
            assertEquals(Boolean.TRUE, config.getReadOnly());
            assertEquals(
                    allVendors.configMap().getMetadata().getName(),
                    volume(allVendors, "chat-token-config").getConfigMap().getName());
        }

        @Test
        void activeProfilesAreRenderedSortedWithExactlyTheFieldsTheirValuesSet() throws IOException {
            assertEquals(new YAMLMapper().readTree("""
                    config_ordinal: 270
                    chat-token:
                      active: [crm-kustomer, helpdesk-huggy, shop-kindly, support-dg]
                      audit:
                        user-key-file: /var/run/secrets/chat-token-audit/key
                      caller-token-file: /var/run/secrets/chat-token-caller/token
                      profiles:
                        crm-kustomer:
                          key-file: /var/run/secrets/chat-token/crm-kustomer/secret
                          vendor: kustomer
                        helpdesk-huggy:
                          key-file: /var/run/secrets/chat-token/helpdesk-huggy/secret
                          vendor: huggy
                        shop-kindly:
                          issuer: https://shop.example
                          key-file: /var/run/secrets/chat-token/shop-kindly/private-key.pem
                          key-id: kindly-2026
                          ttl: 300
                          vendor: kindly
                          webhook-domains: [shop.example, "*.shop.example"]
                        support-dg:
                          key-file: /var/run/secrets/chat-token/support-dg/secret
                          key-id: dg-api-key-1
                          ttl: 10m
                          vendor: dg
                      reload-interval: 10s
                    """), allVendors.configurationTree());
            // and the keys in sorted order, at every level: the bytes do not depend on the order of the values
            List<String> keys = allVendors
                    .configurationText()
                    .lines()
                    .filter(l -> l.matches(" *[a-z].*:.*"))
                    .toList();
            assertEquals(
                    List.of(
                            "config_ordinal: 270",
                            "chat-token:",
                            "  active:",
                            "  audit:",
                            "    user-key-file: /var/run/secrets/chat-token-audit/key",
                            "  caller-token-file: /var/run/secrets/chat-token-caller/token",
                            "  profiles:",
                            "    crm-kustomer:"),
                    keys.subList(0, 8));
        }

        @Test
        void theSameValuesInAnotherOrderRenderTheSameBytes() throws IOException {
            Path original = HelmCharts.TEST_VALUES.resolve("values-all-vendors.yaml");
            YAMLMapper yaml = new YAMLMapper();
            Map<String, Object> values = reversed(yaml.readValue(original.toFile(), Map.class));
            values.put("profiles", reversed((Map<?, ?>) values.get("profiles")));
            Path reordered = Files.createTempFile("values-reordered-", ".yaml");
            Files.writeString(reordered, yaml.writeValueAsString(values), StandardCharsets.UTF_8);
            assertTrue(
                    Files.readString(reordered).indexOf("old-dg")
                            < Files.readString(reordered).indexOf("support-dg"),
                    "the profiles are written in another order");

            assertEquals(
                    HelmCharts.template(HelmCharts.CHART, HelmCharts.KUBE_VERSION, List.of(original)),
                    HelmCharts.template(HelmCharts.CHART, HelmCharts.KUBE_VERSION, List.of(reordered)));
        }

        private static Map<String, Object> reversed(Map<?, ?> map) {
            List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
            Collections.reverse(entries);
            Map<String, Object> result = new LinkedHashMap<>();
            entries.forEach(e -> result.put((String) e.getKey(), e.getValue()));
            return result;
        }
    }

    @Nested
    class Secrets {

        private static final Map<String, String> ACTIVE_KEYS = Map.of(
                "crm-kustomer",
                "secret",
                "helpdesk-huggy",
                "secret",
                "shop-kindly",
                "private-key.pem",
                "support-dg",
                "secret");

        @Test
        void eachActiveProfileSecretIsMountedReadOnlyAsADirectoryAtItsOwnPathHoldingItsKeyFile() {
            ACTIVE_KEYS.forEach((profile, key) -> {
                V1Volume volume = volume(allVendors, "chat-token-key-" + profile);
                assertEquals(profile + "-key", volume.getSecret().getSecretName());
                assertEquals(
                        0440, volume.getSecret().getDefaultMode(), "mode 0440, readable through the pod's fsGroup");
                assertEquals(
                        List.of(new V1KeyToPath().key(key).path(key)),
                        volume.getSecret().getItems(),
                        "only the profile's own key is projected");

                V1VolumeMount mount = mount(allVendors.sidecar(), "chat-token-key-" + profile);
                assertEquals("/var/run/secrets/chat-token/" + profile, mount.getMountPath());
                assertEquals(Boolean.TRUE, mount.getReadOnly());
                assertNull(mount.getSubPath(), "a subPath mount would never see a rotated Secret");
                assertEquals(
                        mount.getMountPath() + "/" + key,
                        allVendors.configuration().get("chat-token.profiles." + profile + ".key-file"));
            });
        }

        @Test
        void thePodHasTheFsGroupThroughWhichTheNonRootSidecarReadsTheKeys() {
            assertEquals(1001L, allVendors.pod().getSecurityContext().getFsGroup());
            assertEquals(1001L, defaults.pod().getSecurityContext().getFsGroup());
        }

        @Test
        void anInactiveProfileIsLeftOutOfThePodSoItsSecretNeedNotExist() {
            assertFalse(allVendors.configurationText().contains("old-dg"));
            assertTrue(allVendors.pod().getVolumes().stream()
                    .noneMatch(v -> v.getName().contains("old-dg")));
        }

        @Test
        void theCallerTokenSecretIsMountedLikeTheKeysAndRenderedAsItsFile() {
            V1Volume volume = volume(allVendors, "chat-token-caller");
            assertEquals("chat-token-caller", volume.getSecret().getSecretName());
            assertEquals(0440, volume.getSecret().getDefaultMode());
            V1VolumeMount mount = mount(allVendors.sidecar(), "chat-token-caller");
            assertEquals(Boolean.TRUE, mount.getReadOnly());
            assertNull(mount.getSubPath());
            assertEquals(
                    mount.getMountPath() + "/token", allVendors.configuration().get("chat-token.caller-token-file"));

            assertNull(defaults.configuration().get("chat-token.caller-token-file"));
            assertTrue(defaults.pod().getVolumes().stream()
                    .noneMatch(v -> v.getName().equals("chat-token-caller")));
        }

        @Test
        void noKeyReachesTheConfigMapOrAnEnvironmentVariable() {
            // the chart only refers to Secrets: it renders none, and no container reads one into its environment
            assertTrue(allVendors.manifests().stream().noneMatch(m -> m.kind().equals("Secret")));
            Stream.concat(allVendors.pod().getContainers().stream(), allVendors.pod().getInitContainers().stream())
                    .forEach(c -> {
                        if (c.getEnv() != null) {
                            assertTrue(
                                    c.getEnv().stream().allMatch(e -> e.getValueFrom() == null),
                                    c.getName() + " env from a Secret");
                        }
                        assertNone(c.getEnvFrom(), c.getName() + " envFrom");
                    });
            // every value of the ConfigMap that names a key is a path into a mounted Secret directory
            allVendors.configuration().forEach((key, value) -> {
                if (key.endsWith("-file")) {
                    assertTrue(value.startsWith("/var/run/secrets/"), key + "=" + value);
                }
            });
        }

        @Test
        void aSecretUpdateRollsNothingOnlyAConfigurationChangeDoes() {
            // the pod template carries the checksum of the configuration and nothing derived from a Secret's content,
            // so a rotated key reaches the running sidecar through the volume, without a new ReplicaSet
            assertEquals(
                    List.of("checksum/chat-token-sidecar-config"),
                    List.copyOf(allVendors
                            .deployment()
                            .getSpec()
                            .getTemplate()
                            .getMetadata()
                            .getAnnotations()
                            .keySet()));
        }
    }

    @Nested
    class Checksum {

        @Test
        void theAnnotationIsTheSha256OfTheMountedApplicationYaml() {
            for (Rendering rendering : List.of(defaults, allVendors)) {
                assertEquals(sha256(rendering.configurationText()), checksum(rendering));
            }
        }

        @Test
        void changingAProfileChangesTheChecksumSoThePodsRoll() {
            String before = checksum(render(FOUR_PROFILES));
            assertEquals(before, checksum(render(FOUR_PROFILES)), "the same values give the same checksum");

            assertNotEquals(before, checksum(render(FOUR_PROFILES, "profiles: {support-dg: {ttl: 15m}}")));
            assertNotEquals(
                    before,
                    checksum(
                            render(
                                    FOUR_PROFILES,
                                    "profiles: {second-huggy: {vendor: huggy, secret: {name: second-huggy-key, key: secret}}}")));
            assertNotEquals(before, checksum(render(FOUR_PROFILES, "profiles: {crm-kustomer: {active: false}}")));
        }

        @Test
        void pointingAProfileAtAnotherSecretRollsThePodsThroughTheVolume() {
            Rendering before = render(FOUR_PROFILES);
            Rendering after = render(FOUR_PROFILES, "profiles: {support-dg: {secret: {name: support-dg-key-v2}}}");

            // the key file keeps its path, so the configuration and its checksum stay the same ...
            assertEquals(checksum(before), checksum(after));
            // ... and the pod template changes anyway: the Deployment rolls to pods that mount the new Secret
            assertEquals(
                    "support-dg-key-v2",
                    volume(after, "chat-token-key-support-dg").getSecret().getSecretName());
            assertNotEquals(
                    before.deployment().getSpec().getTemplate(),
                    after.deployment().getSpec().getTemplate());
        }

        @Test
        void changingOnlyTheAppLeavesTheChecksumAlone() {
            assertEquals(
                    checksum(render(FOUR_PROFILES)),
                    checksum(
                            render(
                                    FOUR_PROFILES,
                                    "app: {image: {repository: registry.example/other, tag: '1'}}\ndeployment: {replicas: 3}")));
        }
    }

    @Nested
    class SidecarContainer {

        @Test
        void probesAskTheManagementPortForStartedReadyAndLive() {
            for (Rendering rendering : List.of(defaults, allVendors)) {
                V1Container sidecar = rendering.sidecar();
                assertProbe(sidecar.getStartupProbe(), "/q/health/started", 8791);
                assertProbe(sidecar.getReadinessProbe(), "/q/health/ready", 8791);
                assertProbe(sidecar.getLivenessProbe(), "/q/health/live", 8791);
            }
        }

        @Test
        void probeTimingsComeFromTheValuesAndANullOneLeavesKubernetesDefaults() {
            V1Probe startup = defaults.sidecar().getStartupProbe();
            assertEquals(1, startup.getPeriodSeconds());
            assertEquals(30, startup.getFailureThreshold());

            Rendering tuned = render("probes: {startup: null, liveness: {periodSeconds: 20, initialDelaySeconds: 5}}");
            assertProbe(tuned.sidecar().getStartupProbe(), "/q/health/started", 8791);
            assertNull(tuned.sidecar().getStartupProbe().getPeriodSeconds());
            assertEquals(20, tuned.sidecar().getLivenessProbe().getPeriodSeconds());
            assertEquals(5, tuned.sidecar().getLivenessProbe().getInitialDelaySeconds());
            assertEquals(3, tuned.sidecar().getLivenessProbe().getFailureThreshold(), "the other defaults stay");
        }

        @Test
        void onlyTheManagementPortIsDeclaredTheTokenApiStaysInsideThePod() {
            assertEquals(1, allVendors.sidecar().getPorts().size());
            assertEquals(
                    "chat-token-mgmt", allVendors.sidecar().getPorts().get(0).getName());
            assertEquals(8791, allVendors.sidecar().getPorts().get(0).getContainerPort());
        }

        @Test
        void otherPortsMoveTheListenersTheProbesAndTheAppUrlTogether() {
            Rendering moved = render("ports: {api: 9000, management: 9100}");
            assertEquals("9000", moved.sidecarEnvironment().get("QUARKUS_HTTP_PORT"));
            assertEquals("9100", moved.sidecarEnvironment().get("QUARKUS_MANAGEMENT_PORT"));
            assertEquals(9100, moved.sidecar().getPorts().get(0).getContainerPort());
            assertProbe(moved.sidecar().getStartupProbe(), "/q/health/started", 9100);
            assertProbe(moved.sidecar().getReadinessProbe(), "/q/health/ready", 9100);
            assertProbe(moved.sidecar().getLivenessProbe(), "/q/health/live", 9100);
            assertEquals(
                    "http://127.0.0.1:9000", env(moved.pod().getContainers().get(0), "CHAT_TOKEN_SIDECAR_URL"));
        }

        @Test
        void theSecurityContextIsNonRootReadOnlyWithoutPrivilegesOrCapabilities() {
            V1SecurityContext context = allVendors.sidecar().getSecurityContext();
            assertEquals(Boolean.TRUE, context.getRunAsNonRoot());
            assertEquals(1001L, context.getRunAsUser());
            assertEquals(Boolean.TRUE, context.getReadOnlyRootFilesystem());
            assertEquals(Boolean.FALSE, context.getAllowPrivilegeEscalation());
            assertEquals(List.of("ALL"), context.getCapabilities().getDrop());
            assertNone(context.getCapabilities().getAdd(), "added capabilities");
            assertEquals("RuntimeDefault", context.getSeccompProfile().getType());
            // the one writable place, for a read-only root filesystem
            assertEquals("/tmp", mount(allVendors.sidecar(), "chat-token-tmp").getMountPath());
            assertTrue(volume(allVendors, "chat-token-tmp").getEmptyDir() != null);
        }

        @Test
        void smallResourcesWithAMemoryLimitAndNoCpuLimit() {
            var resources = defaults.sidecar().getResources();
            assertEquals(Map.of("cpu", new Quantity("50m"), "memory", new Quantity("64Mi")), resources.getRequests());
            assertEquals(Map.of("memory", new Quantity("128Mi")), resources.getLimits());
        }

        @Test
        void theImageTagDefaultsToTheChartsAppVersion() throws IOException {
            Map<?, ?> chart = new YAMLMapper()
                    .readValue(HelmCharts.CHART.resolve("Chart.yaml").toFile(), Map.class);
            assertEquals(
                    "chat-token-sidecar:" + chart.get("appVersion"),
                    defaults.sidecar().getImage());
            assertEquals(
                    "registry.example/chat-token-sidecar:0.1.0-native",
                    allVendors.sidecar().getImage());
        }

        @Test
        void theAppIsToldWhereTheSidecarListens() {
            assertEquals(
                    "http://127.0.0.1:8790", env(defaults.pod().getContainers().get(0), "CHAT_TOKEN_SIDECAR_URL"));
            assertEquals("info", env(allVendors.pod().getContainers().get(0), "LOG_LEVEL"));
        }
    }

    @Nested
    class Pod {

        @Test
        void thePodHasNoServiceLinksAndNoServiceAccountToken() {
            for (Rendering rendering : List.of(defaults, allVendors)) {
                assertEquals(
                        Boolean.FALSE,
                        rendering.pod().getEnableServiceLinks(),
                        "a Service's variables in the environment");
                assertEquals(
                        Boolean.FALSE, rendering.pod().getAutomountServiceAccountToken(), "the service-account token");
            }
        }

        @Test
        void anAppThatNeedsTheTokenGetsItAndTheSidecarStillDoesNot() {
            Rendering rendering =
                    render(FOUR_PROFILES, "deployment: {enableServiceLinks: true, automountServiceAccountToken: true}");
            assertEquals(Boolean.TRUE, rendering.pod().getEnableServiceLinks());
            assertEquals(Boolean.TRUE, rendering.pod().getAutomountServiceAccountToken());

            // Kubernetes mounts the token into each container that has no mount at its path: the sidecar has an empty
            // one
            V1VolumeMount shadow = mount(rendering.sidecar(), "chat-token-no-api-token");
            assertEquals("/var/run/secrets/kubernetes.io/serviceaccount", shadow.getMountPath());
            assertEquals(Boolean.TRUE, shadow.getReadOnly());
            // an empty directory, without a sizeLimit: the kubelet evicts a pod whose emptyDir exceeds one, and an
            // empty
            // directory's own block (4 KiB) already did with 1Ki (kube-test.sh)
            assertNull(
                    volume(rendering, "chat-token-no-api-token").getEmptyDir().getSizeLimit());
            assertNone(
                    rendering.pod().getContainers().get(0).getVolumeMounts(),
                    "the app's mounts (it gets the pod's token)");
            // service links on: the sidecar's own listener variables still outrank a Service's QUARKUS_HTTP_PORT
            assertEquals("8790", rendering.sidecarEnvironment().get("QUARKUS_HTTP_PORT"));
            assertEquals("8791", rendering.sidecarEnvironment().get("QUARKUS_MANAGEMENT_PORT"));
        }
    }

    @Nested
    class SidecarShape {

        @Test
        void byDefaultTheSidecarIsANativeSidecarStartedBeforeTheApp() {
            for (Rendering rendering : List.of(defaults, allVendors)) {
                List<V1Container> init = rendering.pod().getInitContainers();
                assertEquals(
                        List.of("chat-token-sidecar"),
                        init.stream().map(V1Container::getName).toList());
                assertEquals("Always", init.get(0).getRestartPolicy());
                assertTrue(rendering.pod().getContainers().stream()
                        .noneMatch(c -> c.getName().equals("chat-token-sidecar")));
            }
        }

        @Test
        void oneValueMakesItAClassicSidecarContainerForOlderClusters() {
            Rendering classic = render(FOUR_PROFILES, "nativeSidecar: false");
            assertNone(classic.pod().getInitContainers(), "init containers");
            assertEquals(
                    List.of("app", "chat-token-sidecar"),
                    classic.pod().getContainers().stream()
                            .map(V1Container::getName)
                            .toList());
            assertNull(classic.sidecar().getRestartPolicy());
            assertEquals(
                    render(FOUR_PROFILES).sidecar().restartPolicy(null),
                    classic.sidecar(),
                    "the same container otherwise");
        }

        @Test
        void aNativeSidecarIsRefusedOnAClusterOlderThan129WhereItWouldBlockTheApp() {
            String error = HelmCharts.templateError("1.28.9", FOUR_PROFILES);
            assertTrue(error.contains("nativeSidecar=true needs Kubernetes 1.29 or newer"), error);

            Rendering classic = HelmCharts.renderOn("1.28.9", FOUR_PROFILES, "nativeSidecar: false");
            assertNone(classic.pod().getInitContainers(), "init containers");
        }
    }

    @Nested
    class ManagementPortNetworkPolicy {

        @Test
        void itAdmitsTheManagementPortOnlyFromTheNamedPeersAndTheAppsPortsFromAnywhere() {
            V1NetworkPolicy policy = allVendors.only("NetworkPolicy", V1NetworkPolicy.class);
            assertEquals(
                    allVendors.deployment().getSpec().getSelector().getMatchLabels(),
                    policy.getSpec().getPodSelector().getMatchLabels());
            assertEquals(List.of("Ingress"), policy.getSpec().getPolicyTypes());
            List<V1NetworkPolicyIngressRule> rules = policy.getSpec().getIngress();
            assertEquals(2, rules.size());
            assertEquals(8791, rules.get(0).getPorts().get(0).getPort().getIntValue());
            assertEquals(
                    Map.of("kubernetes.io/metadata.name", "monitoring"),
                    rules.get(0).getFrom().get(0).getNamespaceSelector().getMatchLabels());
            assertEquals(
                    Map.of("app.kubernetes.io/name", "prometheus"),
                    rules.get(0).getFrom().get(0).getPodSelector().getMatchLabels());
            assertEquals(8080, rules.get(1).getPorts().get(0).getPort().getIntValue());
            assertTrue(
                    rules.get(1).getFrom() == null || rules.get(1).getFrom().isEmpty(),
                    "the app's own port: from anywhere");
        }

        @Test
        void withoutNamedPeersNoRuleAdmitsTheManagementPortForAnEmptyFromWouldAdmitEveryone() {
            Rendering closed = render(FOUR_PROFILES, "networkPolicy: {enabled: true}");
            V1NetworkPolicy policy = closed.only("NetworkPolicy", V1NetworkPolicy.class);
            assertEquals(
                    List.of(), policy.getSpec().getIngress(), "the placeholder app has no ports: no ingress at all");
            Rendering withApp = render(
                    FOUR_PROFILES,
                    "networkPolicy: {enabled: true}",
                    "app: {name: shop, image: {repository: r, tag: t}, ports: [{name: http, containerPort: 8080}]}");
            List<V1NetworkPolicyIngressRule> rules = withApp.only("NetworkPolicy", V1NetworkPolicy.class)
                    .getSpec()
                    .getIngress();
            assertEquals(1, rules.size());
            assertEquals(8080, rules.get(0).getPorts().get(0).getPort().getIntValue());
        }

        @Test
        void thereIsNoNetworkPolicyByDefault() {
            assertTrue(defaults.manifests().stream().noneMatch(m -> m.kind().equals("NetworkPolicy")));
        }
    }

    @Nested
    class AuditKey {

        @Test
        void theAuditKeySecretIsMountedLikeTheKeysAndRenderedAsItsFile() {
            V1Volume volume = volume(allVendors, "chat-token-audit");
            assertEquals("chat-token-audit", volume.getSecret().getSecretName());
            assertEquals(0440, volume.getSecret().getDefaultMode());
            V1VolumeMount mount = mount(allVendors.sidecar(), "chat-token-audit");
            assertEquals(Boolean.TRUE, mount.getReadOnly());
            assertEquals(
                    mount.getMountPath() + "/key", allVendors.configuration().get("chat-token.audit.user-key-file"));
            assertNull(defaults.configuration().get("chat-token.audit.user-key-file"));
            assertTrue(defaults.pod().getVolumes().stream()
                    .noneMatch(v -> v.getName().equals("chat-token-audit")));
        }
    }

    @Nested
    class Prometheus {

        @Test
        void thePodMonitorScrapesMetricsOnTheSidecarsManagementPortOfTheDeploymentsPods() {
            PodMonitor monitor = allVendors.only("PodMonitor", PodMonitor.class);
            assertEquals(
                    allVendors.deployment().getSpec().getSelector().getMatchLabels(),
                    monitor.selector().getMatchLabels());
            assertEquals(
                    List.of(Map.of("port", "chat-token-mgmt", "path", "/q/metrics", "interval", "30s")),
                    monitor.endpoints());
            assertEquals(
                    "chat-token-mgmt", allVendors.sidecar().getPorts().get(0).getName());
            assertEquals("kube-prometheus-stack", monitor.metadata().getLabels().get("release"));
        }

        @Test
        void thereIsNoPodMonitorByDefault() {
            assertTrue(defaults.manifests().stream().noneMatch(m -> m.kind().equals("PodMonitor")));
        }
    }

    @Nested
    class Notes {

        @Test
        void theNotesShowHowTheAppCallsTheSidecarAndNameTheProfilesAndTheirSecrets() {
            String notes = HelmCharts.notes(FOUR_PROFILES, "ports: {api: 9000}");

            assertTrue(notes.contains("curl -sS -X POST http://127.0.0.1:9000/v1/tokens/<profile>"), notes);
            assertTrue(notes.contains("CHAT_TOKEN_SIDECAR_URL=http://127.0.0.1:9000"), notes);
            assertTrue(notes.contains("Active profiles: crm-kustomer, helpdesk-huggy, shop-kindly, support-dg"), notes);
            assertTrue(notes.contains("support-dg (dg): key from Secret support-dg-key, key secret"), notes);
            assertTrue(notes.contains("must exist in namespace web"), notes);
            assertFalse(notes.contains("WARNING: no active profile"), notes);
        }

        @Test
        void theNotesWarnThatTheDefaultsAreAPlaceholderAppWithoutProfiles() {
            String notes = HelmCharts.notes();

            assertTrue(notes.contains("WARNING: no active profile. The sidecar refuses to start without one"), notes);
            assertTrue(notes.contains("WARNING: app.image is still the placeholder"), notes);
        }
    }

    /** Absent: client-java models start their lists empty, so an absent list and an empty one look alike. */
    static void assertNone(List<?> list, String what) {
        assertTrue(list == null || list.isEmpty(), () -> what + ": " + list);
    }

    static void assertProbe(V1Probe probe, String path, int port) {
        assertEquals(path, probe.getHttpGet().getPath());
        assertEquals(port, probe.getHttpGet().getPort().getIntValue());
    }

    static V1Volume volume(Rendering rendering, String name) {
        return rendering.pod().getVolumes().stream()
                .filter(v -> v.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }

    static V1VolumeMount mount(V1Container container, String name) {
        return container.getVolumeMounts().stream()
                .filter(m -> m.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no volume mount " + name + " in " + container.getName()));
    }

    static String env(V1Container container, String name) {
        return container.getEnv().stream()
                .filter(e -> e.getName().equals(name))
                .map(V1EnvVar::getValue)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no env " + name + " in " + container.getName()));
    }

    static String checksum(Rendering rendering) {
        return rendering
                .deployment()
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getAnnotations()
                .get("checksum/chat-token-sidecar-config");
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
