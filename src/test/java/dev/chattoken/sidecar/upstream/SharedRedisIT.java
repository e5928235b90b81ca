package dev.chattoken.sidecar.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chattoken.sidecar.support.FakeVendors;
import dev.chattoken.sidecar.support.Fixtures;
import dev.chattoken.sidecar.support.PackagedSidecar;
import dev.chattoken.sidecar.support.RedisServer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Two packaged sidecars (the native executable under {@code -Dnative}), two pods of one deployment, sharing one real
 * Redis: concurrent requests for one identity on both make one call to the vendor and get the one token; with Redis
 * stopped, both still answer, each from its own cache and budget.
 */
@EnabledIf("dev.chattoken.sidecar.support.RedisServer#availableOrRequired")
class SharedRedisIT {

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Map<String, String> environment(RedisServer redis, FakeVendors fakes, int api, int management) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CHAT_TOKEN_ACTIVE", "hubspot");
        env.put("CHAT_TOKEN_PROFILES_HUBSPOT_VENDOR", "hubspot");
        env.put(
                "CHAT_TOKEN_PROFILES_HUBSPOT_KEY_FILE",
                Fixtures.HMAC_KEY_FILE.toAbsolutePath().toString());
        env.put("CHAT_TOKEN_PROFILES_HUBSPOT_BASE_URL", fakes.baseUrl("hubspot"));
        env.put("QUARKUS_REDIS_HOSTS", redis.url());
        env.put("QUARKUS_HTTP_PORT", String.valueOf(api));
        env.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(management));
        return env;
    }

    @Test
    void twoSidecarsOnOneRedisMakeOneCallForAnIdentityAndGoOnWithoutIt() throws Exception {
        try (RedisServer redis = RedisServer.start();
                FakeVendors fakes = new FakeVendors()) {
            fakes.answerSlowly("hubspot", Duration.ofMillis(300));
            int[] api = {freePort(), freePort()};
            List<PackagedSidecar> sidecars = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    int management = freePort();
                    PackagedSidecar sidecar = PackagedSidecar.start(environment(redis, fakes, api[i], management));
                    sidecars.add(sidecar);
                    sidecar.awaitOk("http://127.0.0.1:" + management + "/q/health/ready", Duration.ofSeconds(30));
                }
                HttpClient http = HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(5))
                        .build();
                List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    answers.add(http.sendAsync(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api[i % 2] + "/v1/tokens/hubspot"))
                                    .header("content-type", "application/json")
                                    .timeout(Duration.ofSeconds(10))
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"pods@example.com\"}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString()));
                }
                for (CompletableFuture<HttpResponse<String>> answer : answers) {
                    assertEquals(200, answer.join().statusCode(), answer.join().body());
                }
                assertEquals(1, fakes.calls("hubspot"), "one call to the vendor for both sidecars");
                String token = fakes.issued("hubspot").get(0);
                assertTrue(
                        answers.stream().allMatch(a -> a.join().body().contains("\"token\":\"" + token + "\"")),
                        "the one token");

                redis.stop();
                fakes.reset();
                for (int i = 0; i < 2; i++) {
                    HttpResponse<String> alone = http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api[i] + "/v1/tokens/hubspot"))
                                    .header("content-type", "application/json")
                                    .timeout(Duration.ofSeconds(10))
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"alone@example.com\"}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertEquals(
                            200, alone.statusCode(), "without Redis, each sidecar goes on on its own: " + alone.body());
                }
                assertEquals(2, fakes.calls("hubspot"), "each on its own: one call each");
                assertEquals(List.of(), fakes.unmatched());
            } finally {
                for (PackagedSidecar sidecar : sidecars) {
                    sidecar.close();
                }
            }
        }
    }
}
