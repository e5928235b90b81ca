package dev.chattoken.sidecar.injector;

import static dev.chattoken.sidecar.injector.Pods.V1_20;
import static dev.chattoken.sidecar.injector.Pods.V1_29;
import static dev.chattoken.sidecar.injector.Pods.apply;
import static dev.chattoken.sidecar.injector.Pods.injection;
import static dev.chattoken.sidecar.injector.Pods.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The mutating webhook's decision on a pod: left alone, refused with a message naming the annotation, or patched. */
class PodInjectionTest {

    static final String DG = "{vendor: dg, keyId: dg-api-key-1, secret: {name: support-dg-key, key: secret}}";
    static final String KINDLY =
            "{vendor: kindly, issuer: 'https://shop.example', secret: {name: shop-kindly-key, key: private-key.pem}}";

    final Pods.Profiles profiles = new Pods.Profiles()
            .put("shop", "support-dg", DG)
            .put("shop", "shop-kindly", KINDLY)
            .put("other", "elsewhere", DG);

    static ObjectNode pod(String annotations) {
        return yaml("""
                apiVersion: v1
                kind: Pod
                metadata:
                  generateName: shop-
                  annotations: %s
                spec:
                  containers:
                    - name: shop
                      image: registry.example/shop:2.4.1
                    - name: worker
                      image: registry.example/worker:1
                      env: [{name: MODE, value: batch}]
                """.formatted(annotations));
    }

    static final String INJECT = "{chattoken.dev/inject: 'true', chattoken.dev/profiles: 'support-dg,shop-kindly'}";

    PodInjection.Decision decide(JsonNode pod, KubernetesVersion version) throws Exception {
        return injection(profiles).decide(pod, "shop", version);
    }

    @Test
    void aPodWithoutTheAnnotationIsLeftAloneWithoutAskingTheApiServer() throws Exception {
        ObjectNode pod =
                yaml("apiVersion: v1\nkind: Pod\nmetadata: {name: plain}\nspec: {containers: [{name: a, image: b}]}");
        assertInstanceOf(PodInjection.Decision.Skip.class, decide(pod, V1_20));
        assertInstanceOf(
                PodInjection.Decision.Skip.class,
                decide(pod("{chattoken.dev/inject: 'false', chattoken.dev/profiles: x}"), V1_20));
        assertEquals(0, profiles.reads, "no profile is read for a pod that does not ask for the sidecar");
    }

    @Test
    void classicBefore129TheSidecarLastAndEveryAppContainerTold() throws Exception {
        JsonNode pod = apply(pod(INJECT), decide(pod(INJECT), V1_20));
        JsonNode containers = pod.at("/spec/containers");
        assertEquals(List.of("shop", "worker", "chat-token-sidecar"), names(containers));
        assertTrue(pod.at("/spec/initContainers").isMissingNode(), "no init container before 1.29");
        assertFalse(containers.get(2).has("restartPolicy"));
        for (int i = 0; i < 2; i++) {
            assertEquals(
                    "http://127.0.0.1:8790", env(containers.get(i), Annotations.SIDECAR_URL), "app container " + i);
        }
        assertEquals("batch", env(containers.get(1), "MODE"), "the app's own environment is kept");
        assertEquals(1001, pod.at("/spec/securityContext/fsGroup").asInt());
        assertEquals(
                List.of(
                        "chat-token-config",
                        "chat-token-tmp",
                        "chat-token-no-api-token",
                        "chat-token-key-shop-kindly",
                        "chat-token-key-support-dg"),
                names(pod.at("/spec/volumes")));
        JsonNode config = Pods.JSON.readTree(pod.at("/metadata/annotations")
                .get(SidecarRenderer.CONFIG_ANNOTATION)
                .asText());
        assertEquals(List.of("shop-kindly", "support-dg"), strings(config.at("/chat-token/active")));
        assertEquals(
                "dg-api-key-1",
                config.at("/chat-token/profiles/support-dg/key-id").asText());
        assertEquals(
                "/var/run/secrets/chat-token/support-dg/secret",
                config.at("/chat-token/profiles/support-dg/key-file").asText());
        assertEquals(
                "metadata.annotations['chattoken.dev/sidecar-config']",
                pod.at("/spec/volumes/0/downwardAPI/items/0/fieldRef/fieldPath").asText());
    }

    @Test
    void nativeFrom129AsTheFirstInitContainerWithItsStartupProbe() throws Exception {
        ObjectNode original = pod(INJECT);
        original.with("spec")
                .putArray("initContainers")
                .addObject()
                .put("name", "migrate")
                .put("image", "registry.example/migrate:1");
        JsonNode pod = apply(original, decide(original, V1_29));
        assertEquals(List.of("chat-token-sidecar", "migrate"), names(pod.at("/spec/initContainers")));
        JsonNode sidecar = pod.at("/spec/initContainers/0");
        assertEquals("Always", sidecar.path("restartPolicy").asText());
        assertEquals(
                "/q/health/started", sidecar.at("/startupProbe/httpGet/path").asText());
        assertEquals(List.of("shop", "worker"), names(pod.at("/spec/containers")));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({"false, 1.29, classic", "true, 1.29, native", "false, 1.20, classic"})
    void thePodMayChooseWhereTheVersionAllows(String annotation, String version, String expected) throws Exception {
        ObjectNode original =
                pod("{chattoken.dev/inject: 'true', chattoken.dev/profiles: support-dg, chattoken.dev/native-sidecar: '"
                        + annotation + "'}");
        KubernetesVersion server = version.equals("1.29") ? V1_29 : V1_20;
        PodInjection.Decision.Inject inject =
                assertInstanceOf(PodInjection.Decision.Inject.class, decide(original, server));
        assertEquals(expected.equals("native"), inject.nativeSidecar());
    }

    @Test
    void aNativeSidecarOnAnOlderServerIsRefusedNamingTheAnnotationAndTheVersion() throws Exception {
        String message = refusal(
                pod(
                        "{chattoken.dev/inject: 'true', chattoken.dev/profiles: support-dg, chattoken.dev/native-sidecar: 'true'}"));
        assertEquals(
                "\"chattoken.dev/native-sidecar\" is \"true\": a native sidecar needs Kubernetes 1.29 or newer (here: v1.20.2); "
                        + "set it to \"false\" for a classic sidecar container",
                message);
    }

    @Test
    void aPodThatHasTheSidecarIsLeftAsItIsNothingIsAddedTwice() throws Exception {
        for (KubernetesVersion version : List.of(V1_20, V1_29)) {
            JsonNode once = apply(pod(INJECT), decide(pod(INJECT), version));
            PodInjection.Decision again = decide(once, version);
            assertEquals(new PodInjection.Decision.Skip("the pod already has a chat-token-sidecar container"), again);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{chattoken.dev/inject: 'yes'}|\"chattoken.dev/inject\" is \"yes\": it is \"true\" or \"false\"",
                "{chattoken.dev/inject: 'true'}|\"chattoken.dev/profiles\" is missing: name the ChatTokenProfiles of namespace shop to serve, comma-separated",
                "{chattoken.dev/inject: 'true', chattoken.dev/profiles: 'missing'}|\"chattoken.dev/profiles\" names \"missing\", but namespace shop has no ChatTokenProfile \"missing\"",
                "{chattoken.dev/inject: 'true', chattoken.dev/profiles: 'other/elsewhere'}|\"chattoken.dev/profiles\" names \"other/elsewhere\": a profile is read from the pod's own namespace (shop) only; name it without a namespace",
                "{chattoken.dev/inject: 'true', chattoken.dev/profiles: 'support-dg,,x'}|\"chattoken.dev/profiles\" holds \"\", which is not a profile name (1 to 48 lowercase letters, digits or '-', comma-separated)",
                "{chattoken.dev/inject: 'true', chattoken.dev/profiles: 'Support_DG'}|\"chattoken.dev/profiles\" holds \"Support_DG\", which is not a profile name (1 to 48 lowercase letters, digits or '-', comma-separated)",
                "{chattoken.dev/inject: 'true', chattoken.dev/profiles: 'support-dg,support-dg'}|\"chattoken.dev/profiles\" names \"support-dg\" twice",
                "{chattoken.dev/inject: 'true', chattoken.dev/profiles: support-dg, chattoken.dev/image: 'registry.example/sidecar'}|\"chattoken.dev/image\" is \"registry.example/sidecar\": an image with its tag or digest, repository:tag or repository@sha256:...",
                "{chattoken.dev/inject: 'true', chattoken.dev/profiles: support-dg, chattoken.dev/resources: '{\"limits\":{\"memory\":\"lots\"}}'}|\"chattoken.dev/resources\": limits.memory is not a quantity (\"64Mi\", \"50m\")",
                "{chattoken.dev/inject: 'true', chattoken.dev/profiles: support-dg, chattoken.dev/caller-token-key: token}|\"chattoken.dev/caller-token-key\" is set without \"chattoken.dev/caller-token-secret\"",
                "{chattoken.dev/inject: 'true', chattoken.dev/profiles: support-dg, chattoken.dev/native-sidecar: 'maybe'}|\"chattoken.dev/native-sidecar\" is \"maybe\": it is \"true\" or \"false\"",
            })
    void anAnnotatedPodItCannotServeIsRefusedNamingTheAnnotation(String annotations, String expected) throws Exception {
        assertEquals(expected, refusal(pod(annotations)));
    }

    @Test
    void aProfileTheVendorRefusesIsNamedWithItsField() throws Exception {
        profiles.put("shop", "no-key-id", "{vendor: dg, secret: {name: k, key: secret}}");
        assertEquals(
                "\"chattoken.dev/profiles\" names ChatTokenProfile \"no-key-id\", which cannot be served: spec.keyId is "
                        + "required for dg (the DG API key, sent as the header kid)",
                refusal(pod("{chattoken.dev/inject: 'true', chattoken.dev/profiles: no-key-id}")));
    }

    @Test
    void aVendorApisProfileIsCheckedByItsOwnRulesNamingItsFields() throws Exception {
        // the base URL receives the vendor credential: plain http only to this host
        profiles.put(
                "shop",
                "chat-hubspot",
                "{vendor: hubspot, baseUrl: 'http://egress.example', secret: {name: k, key: token}}");
        assertEquals(
                "\"chattoken.dev/profiles\" names ChatTokenProfile \"chat-hubspot\", which cannot be served: spec.baseUrl "
                        + "must be an https:// URL (plain http only to 127.0.0.1 or localhost): the vendor credential is "
                        + "sent to it",
                refusal(pod("{chattoken.dev/inject: 'true', chattoken.dev/profiles: chat-hubspot}")));
        profiles.put("shop", "chat-sendbird", "{vendor: sendbird, createUsers: true, secret: {name: k, key: token}}");
        assertEquals(
                "\"chattoken.dev/profiles\" names ChatTokenProfile \"chat-sendbird\", which cannot be served: "
                        + "spec.applicationId is required for sendbird (the Sendbird application's id, as in its API's "
                        + "host name)",
                refusal(pod("{chattoken.dev/inject: 'true', chattoken.dev/profiles: chat-sendbird}")));
    }

    @Test
    void theSystemNamespacesAndItsOwnAreNeverTouched() throws Exception {
        for (String namespace : List.of("kube-system", "kube-public", "chat-token-system")) {
            profiles.put(namespace, "support-dg", DG);
            assertInstanceOf(
                    PodInjection.Decision.Skip.class,
                    injection(profiles).decide(pod(INJECT), namespace, V1_20),
                    namespace);
        }
    }

    @Test
    void theCallerTokenIsMountedInTheSidecarAndInEveryAppContainer() throws Exception {
        ObjectNode original = pod("{chattoken.dev/inject: 'true', chattoken.dev/profiles: support-dg, "
                + "chattoken.dev/caller-token-secret: shop-caller, chattoken.dev/caller-token-key: caller}");
        JsonNode pod = apply(original, decide(original, V1_20));
        for (JsonNode container : pod.at("/spec/containers")) {
            assertTrue(
                    container
                            .path("volumeMounts")
                            .toString()
                            .contains("\"name\":\"chat-token-caller\",\"mountPath\":"
                                    + "\"/var/run/secrets/chat-token-caller\",\"readOnly\":true"),
                    container.path("name").asText());
        }
        JsonNode config = Pods.JSON.readTree(pod.at("/metadata/annotations")
                .get(SidecarRenderer.CONFIG_ANNOTATION)
                .asText());
        assertEquals(
                "/var/run/secrets/chat-token-caller/caller",
                config.at("/chat-token/caller-token-file").asText());
        assertEquals("shop-caller", pod.at("/spec/volumes/4/secret/secretName").asText());
        assertEquals(288, pod.at("/spec/volumes/4/secret/defaultMode").asInt());
    }

    @Test
    void thePodsOwnSettingsStay() throws Exception {
        ObjectNode original = pod(INJECT + "");
        original.with("spec").putObject("securityContext").put("fsGroup", 2000).put("runAsNonRoot", true);
        ((ObjectNode) original.at("/spec/containers/1/env/0"))
                .put("name", Annotations.SIDECAR_URL)
                .put("value", "http://127.0.0.1:9999");
        original.with("spec")
                .putArray("volumes")
                .addObject()
                .put("name", "data")
                .putObject("emptyDir");
        JsonNode pod = apply(original, decide(original, V1_20));
        assertEquals(
                2000,
                pod.at("/spec/securityContext/fsGroup").asInt(),
                "the pod's own fsGroup: the sidecar reads through it");
        assertEquals("http://127.0.0.1:9999", env(pod.at("/spec/containers/1"), Annotations.SIDECAR_URL));
        assertEquals("data", pod.at("/spec/volumes/0/name").asText());
    }

    @Test
    void aVolumeNameTheSidecarNeedsIsRefused() throws Exception {
        ObjectNode original = pod(INJECT);
        original.with("spec")
                .putArray("volumes")
                .addObject()
                .put("name", "chat-token-tmp")
                .putObject("emptyDir");
        assertEquals(
                "the pod already has volumes named chat-token-tmp, which the chat-token sidecar needs (chattoken.dev/inject)",
                refusal(original));
    }

    @Test
    void imageAndResourcesMayBeTunedPerPod() throws Exception {
        ObjectNode original = pod(
                "{chattoken.dev/inject: 'true', chattoken.dev/profiles: support-dg, chattoken.dev/image: "
                        + "'registry.example:5000/chat-token-sidecar@sha256:0123', chattoken.dev/resources: '{\"requests\":{\"memory\":\"48Mi\"}}'}");
        JsonNode sidecar = apply(original, decide(original, V1_20)).at("/spec/containers/2");
        assertEquals(
                "registry.example:5000/chat-token-sidecar@sha256:0123",
                sidecar.path("image").asText());
        assertEquals(
                "{\"requests\":{\"memory\":\"48Mi\"}}",
                sidecar.path("resources").toString());
    }

    @Test
    void thePatchOnlyAdds() throws Exception {
        PodInjection.Decision.Inject inject = (PodInjection.Decision.Inject) decide(pod(INJECT), V1_20);
        inject.patch().forEach(op -> assertEquals("add", op.path("op").asText(), op.toString()));
    }

    private String refusal(JsonNode pod) throws Exception {
        return assertInstanceOf(PodInjection.Decision.Refuse.class, decide(pod, V1_20))
                .message();
    }

    static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(item -> names.add(item.path("name").asText()));
        return names;
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(item -> values.add(item.asText()));
        return values;
    }

    static String env(JsonNode container, String name) {
        for (JsonNode variable : container.path("env")) {
            if (variable.path("name").asText().equals(name)) {
                return variable.path("value").asText();
            }
        }
        return null;
    }
}
