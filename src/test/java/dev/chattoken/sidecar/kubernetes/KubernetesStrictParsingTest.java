package dev.chattoken.sidecar.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.openapi.models.V1Deployment;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The strictness every other Kubernetes test relies on, proven: {@link StrictManifests} refuses what the API server
 * refuses, so that a test passing on a parsed object means the object would be accepted as written.
 */
class KubernetesStrictParsingTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: shop
            spec:
              replicas: 2
              selector:
                matchLabels: {app: shop}
              template:
                metadata:
                  labels: {app: shop}
                spec:
                  containers:
                    - name: shop
                      image: registry.example/shop:1
                      args: [--port=8080]
                      ports:
                        - containerPort: 8080
                      readinessProbe:
                        httpGet: {path: /ready, port: http}
                  volumes:
                    - name: key
                      secret: {secretName: key, defaultMode: 0440}
            """;

    @Test
    void aValidDeploymentParsesWithItsValues() {
        V1Deployment deployment = StrictManifests.parse(DEPLOYMENT).get(0).as(V1Deployment.class);

        assertEquals(2, deployment.getSpec().getReplicas());
        assertEquals(
                "registry.example/shop:1",
                deployment
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getImage());
        assertEquals(
                "http",
                deployment
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getReadinessProbe()
                        .getHttpGet()
                        .getPort()
                        .getStrValue());
        // YAML 1.1 octal, as kubectl reads it
        assertEquals(
                0440,
                deployment
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getVolumes()
                        .get(0)
                        .getSecret()
                        .getDefaultMode());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                // an unknown field, nested in a container
                "      image: registry.example/shop:1|      image: registry.example/shop:1\n          imagePolicy: Always",
                // a typo in a field name at the top of the pod spec
                "      volumes:|      volume:",
                // a map where a list is expected, and a list where a map is expected
                "args: [--port=8080]|args: {port: 8080}",
                "matchLabels: {app: shop}|matchLabels: [app, shop]",
                // a string where an integer is expected
                "replicas: 2|replicas: \"2\"",
                // a word where an integer is expected
                "containerPort: 8080|containerPort: http",
                // a number where a string is expected
                "name: shop\n          image|name: 7\n          image",
                // a string where a boolean is expected
                "defaultMode: 0440}|defaultMode: 0440, optional: \"false\"}",
            })
    void aDeploymentThatTheApiServerWouldRefuseDoesNotParse(String edit) {
        String[] fromTo = edit.split("\\|", 2);
        String broken = DEPLOYMENT.replace(fromTo[0], fromTo[1]);
        assertTrue(!broken.equals(DEPLOYMENT), "the edit applies");

        // not a YAML syntax error (UncheckedIOException): the model refuses it
        assertThrows(IllegalArgumentException.class, () -> StrictManifests.parse(broken));
    }

    @Test
    void aKeyWrittenTwiceDoesNotParse() {
        UncheckedIOException refused = assertThrows(
                UncheckedIOException.class,
                () -> StrictManifests.parse(DEPLOYMENT.replace("replicas: 2", "replicas: 2\n  replicas: 3")));
        assertTrue(refused.getMessage().contains("Duplicate field 'replicas'"), refused.getMessage());
    }

    @Test
    void aKindWithoutAModelIsRefusedRatherThanSkipped() {
        IllegalArgumentException refused = assertThrows(
                IllegalArgumentException.class,
                () -> StrictManifests.parse("apiVersion: v1\nkind: ReplicationController\nmetadata: {name: shop}\n"));
        assertTrue(refused.getMessage().contains("v1 ReplicationController"), refused.getMessage());
    }

    @Test
    void aPodMonitorWithAnUnknownFieldDoesNotParse() {
        String podMonitor = """
                apiVersion: monitoring.coreos.com/v1
                kind: PodMonitor
                metadata: {name: shop}
                spec:
                  selector: {matchLabels: {app: shop}}
                  podMetricsEndpoints:
                    - {port: chat-token-mgmt, path: /q/metrics, interval: 30s}
                """;
        assertEquals(
                List.of("PodMonitor"),
                StrictManifests.parse(podMonitor).stream()
                        .map(StrictManifests.Manifest::kind)
                        .toList());

        assertThrows(
                IllegalArgumentException.class,
                () -> StrictManifests.parse(podMonitor.replace("path: /q/metrics", "paht: /q/metrics")));
        assertThrows(
                IllegalArgumentException.class,
                () -> StrictManifests.parse(podMonitor.replace("matchLabels: {app: shop}", "matchLabel: {app: shop}")));
    }

    @Test
    void emptyDocumentsBetweenSeparatorsAreSkipped() {
        assertEquals(
                1, StrictManifests.parse("---\n---\n" + DEPLOYMENT + "---\n").size());
    }
}
