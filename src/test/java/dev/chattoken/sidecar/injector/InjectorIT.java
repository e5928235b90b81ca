package dev.chattoken.sidecar.injector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.flipkart.zjsonpatch.JsonPatch;
import dev.chattoken.sidecar.support.PackagedSidecar;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged executable (the native one with {@code -Dnative}) in its injector role, configured by environment
 * variables as the injector chart does, against a fake API server over HTTPS: the webhooks answer over TLS, the vendor
 * rules run for a ChatTokenProfile, a 1.29 server gets a native sidecar, and no token listener exists.
 */
class InjectorIT {

    private static final int MANAGEMENT = 18443;
    private static final int TOKEN_PORT = 18790;

    @TempDir
    Path dir;

    @Test
    void theInjectorRoleAnswersBothWebhooksOverHttpsAndHasNoTokenListener() throws Exception {
        TestTls apiTls = TestTls.create(dir, "api");
        try (FakeApiServer api = new FakeApiServer(apiTls, InjectorEnvironment.TOKEN)
                .profile("shop", "support-dg", PodInjectionTest.DG)
                .profile("shop", "shop-kindly", PodInjectionTest.KINDLY)) {
            api.minor("29+");
            Map<String, String> settings = new HashMap<>(InjectorEnvironment.settings(dir));
            settings.put("chat-token.injector.kubernetes.url", api.url());
            settings.put(
                    "chat-token.injector.kubernetes.ca-file",
                    apiTls.certificate().toString());
            settings.put("quarkus.management.port", Integer.toString(MANAGEMENT));
            settings.put("quarkus.http.port", Integer.toString(TOKEN_PORT));
            settings.remove("chat-token-tests.injector-dir");
            Map<String, String> environment = new HashMap<>();
            settings.forEach((key, value) -> environment.put(variable(key), value));
            try (PackagedSidecar injector = PackagedSidecar.start(environment)) {
                HttpClient client = TestTls.client(List.of(InjectorRoleTest.read(dir, "webhook")));
                awaitReady(injector, client);

                ObjectNode pod = PodInjectionTest.pod(
                        "{chattoken.dev/inject: 'true', chattoken.dev/profiles: 'support-dg,shop-kindly'}");
                JsonNode response = post(client, WebhookRoutes.INJECT, InjectorRoleTest.review("uid-n1", "shop", pod));
                assertTrue(response.path("allowed").asBoolean(), response.toString());
                JsonNode patched = JsonPatch.apply(
                        Pods.JSON.readTree(Base64.getDecoder()
                                .decode(response.path("patch").asText())),
                        pod);
                assertEquals(
                        "chat-token-sidecar",
                        patched.at("/spec/initContainers/0/name").asText(),
                        "native on a 1.29 server");
                assertEquals(
                        "Always",
                        patched.at("/spec/initContainers/0/restartPolicy").asText());

                JsonNode refused = post(
                        client,
                        WebhookRoutes.INJECT,
                        InjectorRoleTest.review(
                                "uid-n2",
                                "shop",
                                PodInjectionTest.pod(
                                        "{chattoken.dev/inject: 'true', chattoken.dev/profiles: 'shop-kindly,nope'}")));
                assertEquals(
                        "\"chattoken.dev/profiles\" names \"nope\", but namespace shop has no ChatTokenProfile \"nope\"",
                        refused.path("status").path("message").asText());

                ObjectNode profile = Pods.yaml("""
                        apiVersion: chattoken.dev/v1alpha1
                        kind: ChatTokenProfile
                        metadata: {name: bot, namespace: shop}
                        spec: {vendor: kindly, ttl: 20m, secret: {name: k, key: private-key.pem}}
                        """);
                JsonNode validated =
                        post(client, WebhookRoutes.VALIDATE, InjectorRoleTest.review("uid-n3", "shop", profile));
                assertFalse(validated.path("allowed").asBoolean());
                String message = validated.path("status").path("message").asText();
                assertTrue(
                        message.startsWith("ChatTokenProfile shop/bot: spec.issuer is required for kindly"), message);
                assertTrue(message.contains("spec.ttl is 1200s; kindly accepts at most 900s"), message);

                assertThrows(
                        ConnectException.class, () -> new Socket("127.0.0.1", TOKEN_PORT).close(), "no token listener");
                String metrics = client.send(
                                HttpRequest.newBuilder(URI.create("https://localhost:" + MANAGEMENT + "/q/metrics"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
                assertTrue(
                        metrics.contains(
                                "chat_token_injector_admissions_total{outcome=\"injected\",webhook=\"inject\"} 1.0"),
                        metrics);
                assertTrue(
                        metrics.contains(
                                "chat_token_injector_admissions_total{outcome=\"refused\",webhook=\"validate\"} 1.0"),
                        metrics);
                assertFalse(injector.output().contains("\tat "), "no stack trace: " + injector.output());
            }
        }
    }

    private static void awaitReady(PackagedSidecar injector, HttpClient client) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            assertTrue(injector.process().isAlive(), () -> "the injector exited: " + output(injector));
            try {
                if (client.send(
                                        HttpRequest.newBuilder(URI.create(
                                                        "https://localhost:" + MANAGEMENT + "/q/health/ready"))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the injector was not ready within 30 s: " + output(injector));
    }

    private static String output(PackagedSidecar injector) {
        try {
            return injector.output();
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    private static JsonNode post(HttpClient client, String path, String body) throws Exception {
        HttpResponse<String> answer = client.send(
                HttpRequest.newBuilder(URI.create("https://localhost:" + MANAGEMENT + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        return Pods.JSON.readTree(answer.body()).path("response");
    }

    /** A property as the environment variable a container sets. */
    private static String variable(String property) {
        return property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }
}
