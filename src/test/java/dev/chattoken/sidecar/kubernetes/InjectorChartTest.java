package dev.chattoken.sidecar.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chattoken.sidecar.kubernetes.HelmCharts.Rendering;
import io.kubernetes.client.openapi.models.V1ClusterRole;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1MutatingWebhook;
import io.kubernetes.client.openapi.models.V1MutatingWebhookConfiguration;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1PolicyRule;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ValidatingWebhook;
import io.kubernetes.client.openapi.models.V1ValidatingWebhookConfiguration;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The injector chart through a real Helm: every object parsed strictly, and what each one must hold. */
class InjectorChartTest {

    static Rendering render(String... values) {
        return HelmCharts.renderChart(HelmCharts.INJECTOR, HelmCharts.KUBE_VERSION, values);
    }

    @Test
    void everyObjectOfTheDefaultInstall() {
        assertEquals(
                List.of(
                        "ClusterRole",
                        "ClusterRoleBinding",
                        "ConfigMap",
                        "CustomResourceDefinition",
                        "Deployment",
                        "MutatingWebhookConfiguration",
                        "PodDisruptionBudget",
                        "Secret",
                        "Service",
                        "ServiceAccount",
                        "ValidatingWebhookConfiguration"),
                render().kinds());
    }

    @Test
    void twoReplicasKeptThroughADrainOnDifferentNodes() {
        Rendering rendering = render();
        assertEquals(2, rendering.deployment().getSpec().getReplicas());
        assertEquals(
                "kubernetes.io/hostname",
                rendering
                        .pod()
                        .getAffinity()
                        .getPodAntiAffinity()
                        .getPreferredDuringSchedulingIgnoredDuringExecution()
                        .get(0)
                        .getPodAffinityTerm()
                        .getTopologyKey());
        V1PodDisruptionBudget pdb = rendering.only("PodDisruptionBudget", V1PodDisruptionBudget.class);
        assertEquals("1", pdb.getSpec().getMinAvailable().toString());
        assertEquals(
                rendering.deployment().getSpec().getSelector(), pdb.getSpec().getSelector());
    }

    @Test
    void theSameImageInItsInjectorRoleServingHttpsOnTheManagementInterface() {
        Rendering rendering = render("image: {repository: registry.example/chat-token-sidecar, tag: '1.2.3'}");
        V1Container injector = rendering.pod().getContainers().get(0);
        assertEquals("registry.example/chat-token-sidecar:1.2.3", injector.getImage());
        assertEquals("injector", env(injector, "CHAT_TOKEN_ROLE"));
        assertEquals("8443", env(injector, "QUARKUS_MANAGEMENT_PORT"));
        assertEquals("/etc/chat-token-injector/tls/tls.crt", env(injector, "QUARKUS_MANAGEMENT_SSL_CERTIFICATE_FILES"));
        for (var probe :
                List.of(injector.getStartupProbe(), injector.getReadinessProbe(), injector.getLivenessProbe())) {
            assertEquals("HTTPS", probe.getHttpGet().getScheme());
            assertEquals("webhook", probe.getHttpGet().getPort().toString());
        }
        assertEquals(false, rendering.pod().getEnableServiceLinks());
        V1Service service = rendering.only("Service", V1Service.class);
        assertEquals(
                443,
                service.getSpec().getPorts().get(0).getPort(),
                "private clusters allow the API server port 443 only");
        assertEquals(
                "webhook", service.getSpec().getPorts().get(0).getTargetPort().toString());
        assertTrue(injector.getPorts().get(0).getContainerPort() > 1024, "the container port is unprivileged");
    }

    @Test
    void theInjectedSidecarRunsTheSameImageByDefault() throws Exception {
        Rendering rendering =
                render("image: {repository: registry.example/chat-token-sidecar, tag: '1.2.3', pullPolicy: Always}");
        JsonNode values =
                new ObjectMapper().readTree(rendering.configMap().getData().get("sidecar.json"));
        assertEquals(
                "{\"pullPolicy\":\"Always\",\"repository\":\"registry.example/chat-token-sidecar\",\"tag\":\"1.2.3\"}",
                values.get("image").toString());
        assertEquals("auto", values.get("nativeSidecar").asText());
    }

    @Test
    void rbacReadsProfilesAndTheVersionAndNoSecret() {
        V1ClusterRole role = render().only("ClusterRole", V1ClusterRole.class);
        List<String> rules = new ArrayList<>();
        for (V1PolicyRule rule : role.getRules()) {
            rules.add(rule.getApiGroups() + " " + rule.getResources() + " " + rule.getNonResourceURLs() + " "
                    + rule.getVerbs());
        }
        assertEquals(List.of("[chattoken.dev] [chattokenprofiles] [] [get]", "[] [] [/version] [get]"), rules);
    }

    @Test
    void webhooksIgnoreByDefaultNoSideEffectsAShortTimeoutAndTheNamespacesThatOptIn() {
        Rendering rendering = render();
        V1MutatingWebhook inject = rendering
                .only("MutatingWebhookConfiguration", V1MutatingWebhookConfiguration.class)
                .getWebhooks()
                .get(0);
        assertEquals("inject.chattoken.dev", inject.getName());
        assertEquals("Ignore", inject.getFailurePolicy());
        assertEquals("None", inject.getSideEffects());
        assertEquals("IfNeeded", inject.getReinvocationPolicy());
        assertEquals(5, inject.getTimeoutSeconds());
        assertEquals(List.of("v1"), inject.getAdmissionReviewVersions());
        assertEquals(
                Map.of("chattoken.dev/injection", "enabled"),
                inject.getNamespaceSelector().getMatchLabels());
        assertEquals(
                "[kube-system, kube-public, web]",
                inject.getNamespaceSelector()
                        .getMatchExpressions()
                        .get(0)
                        .getValues()
                        .toString());
        assertEquals(
                "[CREATE] [pods]",
                inject.getRules().get(0).getOperations() + " "
                        + inject.getRules().get(0).getResources());
        assertEquals(443, inject.getClientConfig().getService().getPort());
        assertEquals("/webhook/inject", inject.getClientConfig().getService().getPath());
        V1ValidatingWebhook validate = rendering
                .only("ValidatingWebhookConfiguration", V1ValidatingWebhookConfiguration.class)
                .getWebhooks()
                .get(0);
        assertEquals(
                "/webhook/validate-profile",
                validate.getClientConfig().getService().getPath());
        assertEquals(
                "[CREATE, UPDATE] [chattokenprofiles]",
                validate.getRules().get(0).getOperations() + " "
                        + validate.getRules().get(0).getResources());
        assertEquals("None", validate.getSideEffects());
    }

    @Test
    void failIsOneValue() {
        Rendering rendering = render("failurePolicy: Fail");
        assertEquals(
                "Fail",
                rendering
                        .only("MutatingWebhookConfiguration", V1MutatingWebhookConfiguration.class)
                        .getWebhooks()
                        .get(0)
                        .getFailurePolicy());
        assertEquals(
                "Fail",
                rendering
                        .only("ValidatingWebhookConfiguration", V1ValidatingWebhookConfiguration.class)
                        .getWebhooks()
                        .get(0)
                        .getFailurePolicy());
        assertTrue(HelmCharts.chartTemplateError(HelmCharts.INJECTOR, "failurePolicy: Sometimes")
                .contains("failurePolicy"));
    }

    @Test
    void theGeneratedCaSignsTheServicesCertificateAndIsTheCaBundle() throws Exception {
        Rendering rendering = render();
        V1Secret secret = rendering.only("Secret", V1Secret.class);
        byte[] caBundle = rendering
                .only("MutatingWebhookConfiguration", V1MutatingWebhookConfiguration.class)
                .getWebhooks()
                .get(0)
                .getClientConfig()
                .getCaBundle();
        assertEquals(new String(secret.getData().get("ca.crt")), new String(caBundle));
        assertEquals(
                new String(caBundle),
                new String(rendering
                        .only("ValidatingWebhookConfiguration", V1ValidatingWebhookConfiguration.class)
                        .getWebhooks()
                        .get(0)
                        .getClientConfig()
                        .getCaBundle()));
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        X509Certificate ca = (X509Certificate) x509.generateCertificate(new ByteArrayInputStream(caBundle));
        X509Certificate cert = (X509Certificate) x509.generateCertificate(
                new ByteArrayInputStream(secret.getData().get("tls.crt")));
        cert.verify(ca.getPublicKey());
        TreeSet<String> names = new TreeSet<>();
        cert.getSubjectAlternativeNames().forEach(name -> names.add(name.get(1).toString()));
        assertTrue(names.contains("shop-chat-token-injector.web.svc"), names.toString());
    }

    @Test
    void certManagerIssuesTheCertificateAndInjectsTheCa() {
        Rendering rendering = HelmCharts.renderChart(
                HelmCharts.INJECTOR, HelmCharts.KUBE_VERSION, "tls: {certManager: {enabled: true}}");
        assertTrue(
                rendering.kinds().containsAll(List.of("Certificate", "Issuer")),
                rendering.kinds().toString());
        assertTrue(rendering.manifests().stream().noneMatch(m -> m.kind().equals("Secret")));
        V1MutatingWebhookConfiguration mutating =
                rendering.only("MutatingWebhookConfiguration", V1MutatingWebhookConfiguration.class);
        assertEquals(
                "web/shop-chat-token-injector",
                mutating.getMetadata().getAnnotations().get("cert-manager.io/inject-ca-from"));
        assertNull(mutating.getWebhooks().get(0).getClientConfig().getCaBundle());
        JsonNode certificate = rendering.manifests().stream()
                .filter(m -> m.kind().equals("Certificate") && m.name().equals("shop-chat-token-injector"))
                .findFirst()
                .orElseThrow()
                .as(StrictManifests.Unmodelled.class)
                .document();
        assertEquals(
                "shop-chat-token-injector-tls",
                certificate.at("/spec/secretName").asText());
    }

    @Test
    void helmLintStrictIsClean() {
        assertEquals(List.of(), HelmCharts.problems(HelmCharts.lint(HelmCharts.INJECTOR)));
    }

    private static String env(V1Container container, String name) {
        return container.getEnv().stream()
                .filter(e -> e.getName().equals(name))
                .map(V1EnvVar::getValue)
                .findFirst()
                .orElse(null);
    }
}
