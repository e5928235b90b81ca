package dev.chattoken.sidecar.injector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.flipkart.zjsonpatch.JsonPatch;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The same application in its injector role: the webhooks answer over HTTPS on the management interface, the token
 * listener does not exist, and a rotated certificate is served without a restart.
 */
@QuarkusTest
@TestProfile(InjectorRoleTest.InjectorRole.class)
class InjectorRoleTest {

    /** Where the token API would listen in this profile, were it not off. */
    static final int TOKEN_PORT = 18790;

    public static class InjectorRole implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.test-port", Integer.toString(TOKEN_PORT));
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(InjectorEnvironment.class));
        }
    }

    static Path dir() {
        return Path.of(ConfigProvider.getConfig().getValue("chat-token-tests.injector-dir", String.class));
    }

    static HttpClient client() throws Exception {
        return TestTls.client(List.of(read(dir(), "webhook"), read(dir(), "rotated")));
    }

    static TestTls read(Path dir, String name) throws Exception {
        try (InputStream in = Files.newInputStream(dir.resolve(name + ".crt"))) {
            X509Certificate x509 =
                    (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            return new TestTls(dir.resolve(name + ".crt"), dir.resolve(name + ".key"), x509, null);
        }
    }

    static HttpResponse<String> post(String path, String body) throws Exception {
        return client().send(
                        HttpRequest.newBuilder(URI.create("https://localhost:18781" + path))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    static String review(String uid, String namespace, JsonNode object) {
        ObjectNode review = Pods.yaml("apiVersion: admission.k8s.io/v1\nkind: AdmissionReview\n");
        ObjectNode request = review.putObject("request")
                .put("uid", uid)
                .put("namespace", namespace)
                .put("operation", "CREATE");
        request.set("object", object);
        return review.toString();
    }

    @Test
    void anAnnotatedPodGetsTheSidecarThroughTheHttpsWebhook() throws Exception {
        ObjectNode pod = PodInjectionTest.pod(
                "{chattoken.dev/inject: 'true', chattoken.dev/profiles: 'support-dg,shop-kindly'}");
        HttpResponse<String> answer = post(WebhookRoutes.INJECT, review("uid-1", "shop", pod));
        assertEquals(200, answer.statusCode(), answer.body());
        JsonNode response = Pods.JSON.readTree(answer.body()).path("response");
        assertEquals("uid-1", response.path("uid").asText());
        assertTrue(response.path("allowed").asBoolean());
        assertEquals("JSONPatch", response.path("patchType").asText());
        JsonNode patched = JsonPatch.apply(
                Pods.JSON.readTree(
                        Base64.getDecoder().decode(response.path("patch").asText())),
                pod);
        assertEquals(
                List.of("shop", "worker", "chat-token-sidecar"),
                PodInjectionTest.names(patched.at("/spec/containers")),
                "a classic sidecar: the fake API server is 1.20");
    }

    @Test
    void anUnknownProfileIsRefusedWithTheMessageKubectlShows() throws Exception {
        HttpResponse<String> answer = post(
                WebhookRoutes.INJECT,
                review(
                        "uid-2",
                        "shop",
                        PodInjectionTest.pod("{chattoken.dev/inject: 'true', chattoken.dev/profiles: nope}")));
        JsonNode response = Pods.JSON.readTree(answer.body()).path("response");
        assertEquals(false, response.path("allowed").asBoolean());
        assertEquals(
                "\"chattoken.dev/profiles\" names \"nope\", but namespace shop has no ChatTokenProfile \"nope\"",
                response.path("status").path("message").asText());
    }

    /** The validating webhook's refusal of a ChatTokenProfile of namespace shop with this spec. */
    private static String refusal(String uid, String name, String spec) throws Exception {
        ObjectNode profile = Pods.yaml("""
                apiVersion: chattoken.dev/v1alpha1
                kind: ChatTokenProfile
                metadata: {name: %s, namespace: shop}
                spec: %s
                """.formatted(name, spec));
        JsonNode response = Pods.JSON
                .readTree(post(WebhookRoutes.VALIDATE, review(uid, "shop", profile))
                        .body())
                .path("response");
        assertEquals(false, response.path("allowed").asBoolean());
        return response.path("status").path("message").asText();
    }

    @Test
    void aProfileWithAnUnknownOptionIsRefusedNamingTheField() throws Exception {
        assertEquals(
                "ChatTokenProfile shop/support-dg: spec.issuer is not used by dg tokens; remove it",
                refusal(
                        "uid-3",
                        "support-dg",
                        "{vendor: dg, keyId: k1, issuer: 'https://x.example', secret: {name: k, key: secret}}"));
    }

    @Test
    void aCacheSizeBeyondWhatTheSchemaSaysIsRefusedByTheVendorsRules() throws Exception {
        // the CRD's schema takes any whole number from 1; the sidecar's own rule sets the largest
        assertEquals(
                "ChatTokenProfile shop/chat-hubspot: spec.cacheSize must be a whole number from 1 to 1000000, not 2000000",
                refusal(
                        "uid-4",
                        "chat-hubspot",
                        "{vendor: hubspot, cacheSize: 2000000, secret: {name: hubspot-app, key: token}}"));
    }

    @Test
    void aBodyThatIsNotAReviewIsA400Problem() throws Exception {
        HttpResponse<String> answer = post(WebhookRoutes.INJECT, "{\"kind\":\"Pod\"}");
        assertEquals(400, answer.statusCode());
        assertEquals(
                "application/problem+json",
                answer.headers().firstValue("Content-Type").orElse(""));
        assertTrue(answer.body().contains("not an admission.k8s.io/v1 AdmissionReview"), answer.body());
    }

    @Test
    void thereIsNoTokenListener() {
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", TOKEN_PORT).close());
        assertEquals(false, ConfigProvider.getConfig().getValue("quarkus.http.host-enabled", Boolean.class));
    }

    @Test
    void readinessIsTheInjectorsAndMetricsCountAdmissionsByOutcome() throws Exception {
        post(WebhookRoutes.INJECT, review("uid-4", "shop", PodInjectionTest.pod("{}")));
        HttpResponse<String> ready = client().send(
                        HttpRequest.newBuilder(URI.create("https://localhost:18781/q/health/ready"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ready.statusCode(), ready.body());
        List<String> names = new java.util.ArrayList<>();
        String version = null;
        for (JsonNode check : Pods.JSON.readTree(ready.body()).path("checks")) {
            names.add(check.path("name").asText());
            if (check.path("name").asText().equals("injector")) {
                version = check.path("data").path("kubernetes").asText();
            }
        }
        assertEquals(
                List.of("Graceful Shutdown", "injector", "profile-keys"),
                names.stream().sorted().toList(),
                ready.body());
        assertEquals("v1.20.2", version);
        String metrics = client().send(
                        HttpRequest.newBuilder(URI.create("https://localhost:18781/q/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        assertTrue(
                metrics.contains("chat_token_injector_admissions_total{outcome=\"skipped\",webhook=\"inject\"}"),
                metrics);
        assertTrue(
                metrics.contains("chat_token_injector_admission_seconds_count{outcome=\"skipped\",webhook=\"inject\"}"),
                metrics);
    }

    @Test
    void aRotatedCertificateIsServedWithoutARestart() throws Exception {
        TestTls rotated = read(dir(), "rotated");
        TestTls webhook = read(dir(), "webhook");
        byte[] rotatedKey = Files.readAllBytes(rotated.key());
        Files.write(webhook.key().resolveSibling("webhook.key.new"), rotatedKey);
        Files.copy(rotated.certificate(), webhook.certificate().resolveSibling("webhook.crt.new"));
        Files.move(
                webhook.key().resolveSibling("webhook.key.new"),
                webhook.key(),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.move(
                webhook.certificate().resolveSibling("webhook.crt.new"),
                webhook.certificate(),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        long deadline = System.nanoTime() + 45_000_000_000L;
        X509Certificate served = null;
        // A handshake under way while the listener swaps its certificate can be cut (seen once in CI), and the two
        // files are replaced one after the other here (the kubelet swaps a Secret's files at once), so a reload between
        // the moves may serve a mismatched pair until the next one. What is asserted is that the new pair is served
        // within the deadline, and then answers an admission.
        while (System.nanoTime() < deadline) {
            try {
                served = served();
                if (served.getSerialNumber().equals(rotated.x509().getSerialNumber())) {
                    break;
                }
            } catch (javax.net.ssl.SSLException mismatchedPair) {
                served = null;
            }
            Thread.sleep(200);
        }
        assertNotNull(served, "a handshake within 45 s");
        assertEquals(
                rotated.x509().getSerialNumber(),
                served.getSerialNumber(),
                "the rotated certificate within 45 s (reload period 30 s)");
        assertEquals(
                200,
                post(WebhookRoutes.INJECT, review("uid-5", "shop", PodInjectionTest.pod("{}")))
                        .statusCode());
    }

    private static X509Certificate served() throws Exception {
        javax.net.ssl.SSLContext trustAll = javax.net.ssl.SSLContext.getInstance("TLS");
        trustAll.init(
                null,
                new javax.net.ssl.TrustManager[] {
                    new javax.net.ssl.X509TrustManager() {
                        public void checkClientTrusted(X509Certificate[] chain, String auth) {}

                        public void checkServerTrusted(X509Certificate[] chain, String auth) {}

                        public X509Certificate[] getAcceptedIssuers() {
                            return new X509Certificate[0];
                        }
                    }
                },
                null);
        SSLSocketFactory factory = trustAll.getSocketFactory();
        try (SSLSocket socket = (SSLSocket) factory.createSocket("127.0.0.1", 18781)) {
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        } catch (IOException e) {
            throw e;
        }
    }
}
