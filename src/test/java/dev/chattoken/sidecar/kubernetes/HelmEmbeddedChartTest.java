package dev.chattoken.sidecar.kubernetes;

import static dev.chattoken.sidecar.kubernetes.HelmChartRenderTest.assertNone;
import static dev.chattoken.sidecar.kubernetes.HelmChartRenderTest.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import dev.chattoken.sidecar.kubernetes.HelmCharts.Rendering;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Volume;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Embedded mode, as a user does it: kubernetes/helm/examples/shop is an app chart that depends on this chart (file://)
 * and adds the documented include lines to its own Deployment. `helm dependency update` packs this chart into it, and
 * `helm template` must give one pod with the sidecar in it and this chart's ConfigMap beside it.
 */
class HelmEmbeddedChartTest {

    @TempDir
    static Path work;

    private static Path shop;

    @BeforeAll
    static void dependencyUpdate() throws IOException {
        // a copy, so that the build never writes charts/ or Chart.lock into the source tree
        HelmCharts.copyChart(HelmCharts.CHART, work.resolve("chat-token-sidecar"));
        shop = HelmCharts.copyChart(
                HelmCharts.CHART.resolveSibling("examples").resolve("shop"), work.resolve("examples/shop"));
        new Helm(shop).dependency().update().call();
    }

    private static Rendering render(String... values) throws IOException {
        return renderOn(HelmCharts.KUBE_VERSION, values);
    }

    private static Rendering renderOn(String kubeVersion, String... values) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String text : values) {
            Path file = Files.createTempFile(work, "values-", ".yaml");
            Files.writeString(file, text, StandardCharsets.UTF_8);
            files.add(file);
        }
        return new Rendering(StrictManifests.parse(HelmCharts.template(shop, kubeVersion, files)));
    }

    @Test
    void theAppsDeploymentGetsTheNativeSidecarAndTheSidecarChartOnlyItsConfigMap() throws IOException {
        Rendering rendering = render();

        assertEquals(List.of("ConfigMap", "Deployment"), rendering.kinds(), "no standalone Deployment");
        assertEquals("shop-shop", rendering.deployment().getMetadata().getName());
        V1PodSpec pod = rendering.pod();
        assertEquals(
                List.of("chat-token-sidecar"),
                pod.getInitContainers().stream().map(V1Container::getName).toList());
        assertEquals("Always", pod.getInitContainers().get(0).getRestartPolicy());
        assertEquals(
                List.of("shop"),
                pod.getContainers().stream().map(V1Container::getName).toList());
        assertEquals(1001L, pod.getSecurityContext().getFsGroup());
        assertEquals("shop-kindly,support-dg", rendering.configuration().get("chat-token.active"));
    }

    @Test
    void everySidecarMountHasItsVolumeAndTheConfigVolumeIsTheRenderedConfigMap() throws IOException {
        Rendering rendering = render();
        Set<String> volumes =
                rendering.pod().getVolumes().stream().map(V1Volume::getName).collect(Collectors.toSet());

        for (V1VolumeMount mount : rendering.sidecar().getVolumeMounts()) {
            assertTrue(volumes.contains(mount.getName()), mount.getName());
        }
        assertEquals(
                rendering.configMap().getMetadata().getName(),
                rendering.pod().getVolumes().stream()
                        .filter(v -> v.getName().equals("chat-token-config"))
                        .findFirst()
                        .orElseThrow()
                        .getConfigMap()
                        .getName());
    }

    @Test
    void theChecksumAnnotationIsTheSidecarConfigMapsContent() throws IOException {
        Rendering rendering = render();

        assertEquals(
                sha256(rendering.configurationText()),
                rendering
                        .deployment()
                        .getSpec()
                        .getTemplate()
                        .getMetadata()
                        .getAnnotations()
                        .get("checksum/chat-token-sidecar-config"));
    }

    @Test
    void theSidecarIsTheSameContainerAsInTheStandaloneChart() throws IOException {
        String sidecarValues = """
                profiles:
                  support-dg: {vendor: dg, secret: {name: support-dg-key, key: secret}, keyId: REPLACE-WITH-YOUR-DG-API-KEY, ttl: 10m}
                  shop-kindly: {vendor: kindly, secret: {name: shop-kindly-key, key: private-key.pem}, issuer: "https://shop.example", webhookDomains: [shop.example]}
                """;
        Rendering standalone = HelmCharts.render(sidecarValues);
        Rendering embedded = render();

        assertEquals(standalone.sidecar(), embedded.sidecar());
        assertEquals(standalone.configurationText(), embedded.configurationText());
    }

    @Test
    void theParentsValuesReachTheSidecarTheClassicContainerInstead() throws IOException {
        Rendering rendering = render("chat-token-sidecar: {nativeSidecar: false, ports: {api: 9000}}");

        assertNone(rendering.pod().getInitContainers(), "init containers");
        assertEquals(
                List.of("shop", "chat-token-sidecar"),
                rendering.pod().getContainers().stream()
                        .map(V1Container::getName)
                        .toList());
        assertEquals(
                "http://127.0.0.1:9000",
                HelmChartRenderTest.env(rendering.pod().getContainers().get(0), "CHAT_TOKEN_SIDECAR_URL"));
        assertEquals("9000", rendering.sidecarEnvironment().get("QUARKUS_HTTP_PORT"));
    }

    @Test
    void theExampleTurnsServiceLinksAndTheServiceAccountTokenOffAndTheSidecarNeverGetsTheToken() throws IOException {
        V1PodSpec pod = render().pod();
        assertEquals(Boolean.FALSE, pod.getEnableServiceLinks());
        assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken());

        // an app that needs its token: the pod mounts it, but Kubernetes adds it only to containers without a mount at
        // its path, and the sidecar has one
        Rendering withToken = render("automountServiceAccountToken: true\nenableServiceLinks: true");
        assertEquals(Boolean.TRUE, withToken.pod().getAutomountServiceAccountToken());
        V1VolumeMount shadow = withToken.sidecar().getVolumeMounts().stream()
                .filter(m -> m.getMountPath().equals("/var/run/secrets/kubernetes.io/serviceaccount"))
                .findFirst()
                .orElseThrow();
        assertEquals(Boolean.TRUE, shadow.getReadOnly());
        assertTrue(withToken.pod().getVolumes().stream()
                .anyMatch(v -> v.getName().equals(shadow.getName()) && v.getEmptyDir() != null));
        assertTrue(
                withToken.pod().getContainers().get(0).getVolumeMounts() == null
                        || withToken.pod().getContainers().get(0).getVolumeMounts().stream()
                                .noneMatch(m -> m.getMountPath().startsWith("/var/run/secrets/kubernetes.io")),
                "the app's container gets the pod's token");
        // and with service links on, the sidecar's own listener variables still outrank a Service's
        assertEquals("8790", withToken.sidecarEnvironment().get("QUARKUS_HTTP_PORT"));
        assertEquals("8791", withToken.sidecarEnvironment().get("QUARKUS_MANAGEMENT_PORT"));
    }

    @Test
    void theSidecarsSchemaRefusesAnInjectedNameInTheParentsValues() {
        IllegalStateException refused = assertThrows(
                IllegalStateException.class,
                () -> render("chat-token-sidecar: {profiles: "
                        + "{support-dg: {vendor: jwt, algorithm: HS256, keyId: null, ttl: null, claims: {sub: '{user_id}', "
                        + "\"x\\nquarkus\\\\u002ehttp\\\\u002ehost\": 0.0.0.0}}}}"));
        assertTrue(
                refused.getMessage().contains("invalid propertyName 'x\\nquarkus\\\\u002ehttp\\\\u002ehost'"),
                refused.getMessage());
    }

    @Test
    void theParentIsRefusedANativeSidecarOnAnOldClusterToo() {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> renderOn("1.28.0"));
        assertTrue(
                refused.getMessage().contains("nativeSidecar=true needs Kubernetes 1.29 or newer"),
                refused.getMessage());
    }

    @Test
    void theSidecarsSchemaChecksTheParentsValues() {
        IllegalStateException refused = assertThrows(
                IllegalStateException.class,
                () -> render(
                        "chat-token-sidecar: {profiles: {crm: {vendor: kustomer, ttl: 5m, secret: {name: s, key: k}}}}"));
        assertTrue(refused.getMessage().contains("invalid propertyName 'ttl'"), refused.getMessage());
    }

    @Test
    void theAppChartLintsCleanInStrictMode() {
        LintResult result = HelmCharts.lint(shop);

        assertFalse(result.isFailed(), () -> String.join("\n", result.getMessages()));
        assertEquals(List.of(), HelmCharts.problems(result));
    }
}
