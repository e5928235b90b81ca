package dev.chattoken.sidecar.kubernetes;

import static dev.chattoken.sidecar.kubernetes.HelmChartRenderTest.assertProbe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chattoken.sidecar.kubernetes.HelmCharts.Rendering;
import dev.chattoken.sidecar.kubernetes.StrictManifests.Manifest;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Volume;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * kubernetes/examples/, the plain manifests for users without Helm: every object parses strictly, the pieces fit
 * together (each key file is inside a mounted Secret that the example Secrets provide), and the sidecar is exactly the
 * one the chart renders for the same profiles (src/test/resources/kubernetes/values-examples.yaml), so the two cannot
 * drift apart.
 */
class KubernetesExamplesTest {

    private static final Path EXAMPLES = Path.of("kubernetes/examples");

    private static Rendering examples;

    @BeforeAll
    static void parseAll() throws IOException {
        List<Manifest> manifests = new ArrayList<>();
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                manifests.addAll(StrictManifests.parse(Files.readString(file)));
            }
        }
        examples = new Rendering(manifests);
    }

    @Test
    void theExamplesAreADeploymentItsConfigMapAndOneSecretPerProfile() {
        assertEquals(List.of("ConfigMap", "Deployment", "Secret", "Secret"), examples.kinds());
    }

    @Test
    void theSidecarIsANativeSidecarProbedOnTheManagementPortWithTheApiOnLoopback() {
        V1Container sidecar = examples.pod().getInitContainers().get(0);
        assertEquals("chat-token-sidecar", sidecar.getName());
        assertEquals("Always", sidecar.getRestartPolicy());
        assertProbe(sidecar.getStartupProbe(), "/q/health/started", 8791);
        assertProbe(sidecar.getReadinessProbe(), "/q/health/ready", 8791);
        assertProbe(sidecar.getLivenessProbe(), "/q/health/live", 8791);
        assertEquals("127.0.0.1", HelmCharts.environmentOf(sidecar).get("QUARKUS_HTTP_HOST"));
        assertEquals(1001L, examples.pod().getSecurityContext().getFsGroup());
        assertEquals(Boolean.FALSE, examples.pod().getEnableServiceLinks());
        assertEquals(Boolean.FALSE, examples.pod().getAutomountServiceAccountToken());
    }

    @Test
    void eachKeyFileIsInAReadOnlySecretDirectoryWhoseSecretTheExamplesProvide() {
        V1Container sidecar = examples.sidecar();
        Map<String, String> properties = examples.configuration();
        List<String> keyFiles = properties.keySet().stream()
                .filter(k -> k.endsWith(".key-file"))
                .sorted()
                .toList();
        assertEquals(2, keyFiles.size());

        for (String keyFile : keyFiles) {
            Path file = Path.of(properties.get(keyFile));
            V1VolumeMount mount = sidecar.getVolumeMounts().stream()
                    .filter(m -> Path.of(m.getMountPath()).equals(file.getParent()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(keyFile + ": no mount at " + file.getParent()));
            assertEquals(Boolean.TRUE, mount.getReadOnly());
            assertEquals(null, mount.getSubPath());

            V1Volume volume = examples.pod().getVolumes().stream()
                    .filter(v -> v.getName().equals(mount.getName()))
                    .findFirst()
                    .orElseThrow();
            assertEquals(0440, volume.getSecret().getDefaultMode());
            String key = volume.getSecret().getItems().get(0).getKey();
            assertEquals(
                    file.getFileName().toString(),
                    volume.getSecret().getItems().get(0).getPath());

            V1Secret secret = examples.manifests().stream()
                    .filter(m -> m.kind().equals("Secret"))
                    .map(m -> m.as(V1Secret.class))
                    .filter(s ->
                            s.getMetadata().getName().equals(volume.getSecret().getSecretName()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(
                            "no example Secret " + volume.getSecret().getSecretName()));
            assertTrue(
                    secret.getStringData().containsKey(key),
                    secret.getMetadata().getName() + " has " + key);
        }
    }

    @Test
    void theExampleSecretsHoldPlaceholdersOnly() {
        examples.manifests().stream()
                .filter(m -> m.kind().equals("Secret"))
                .map(m -> m.as(V1Secret.class))
                .forEach(secret -> {
                    assertTrue(secret.getData() == null || secret.getData().isEmpty());
                    secret.getStringData()
                            .values()
                            .forEach(value -> assertTrue(
                                    value.contains("REPLACE-WITH-YOUR-"),
                                    secret.getMetadata().getName() + " holds a placeholder"));
                });
    }

    @Test
    void theSidecarItsVolumesAndItsConfigurationAreWhatTheChartRendersForTheSameProfiles() {
        Rendering chart = HelmCharts.renderFiles("values-examples.yaml");

        assertEquals(chart.sidecar(), examples.sidecar());
        assertEquals(chart.pod().getVolumes(), examples.pod().getVolumes());
        assertEquals(chart.pod().getSecurityContext(), examples.pod().getSecurityContext());
        assertEquals(chart.configuration(), examples.configuration());
        assertEquals(chart.pod().getEnableServiceLinks(), examples.pod().getEnableServiceLinks());
        assertEquals(
                chart.pod().getAutomountServiceAccountToken(), examples.pod().getAutomountServiceAccountToken());
        assertEquals(
                chart.configMap().getMetadata().getName(),
                examples.configMap().getMetadata().getName());
    }
}
