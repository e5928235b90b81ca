package dev.chattoken.sidecar.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chattoken.sidecar.support.PackagedSidecar;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The audit log is written off the request path, and a graceful shutdown loses none of it: N tokens minted by
 * concurrent clients, SIGTERM right after the last answer, and the output holds exactly N audit lines, one per user,
 * every one of them complete.
 */
class AuditOnShutdownIT {

    private static final String KEYS =
            Path.of("src/test/resources/keys").toAbsolutePath().toString();
    private static final int TOKENS = 2_000;

    @Test
    void everyMintedTokenIsAuditedBeforeTheProcessExits() throws Exception {
        try (PackagedSidecar sidecar = PackagedSidecar.start(Map.of(
                "CHAT_TOKEN_ACTIVE",
                "dg,kindly",
                "CHAT_TOKEN_PROFILES_DG_VENDOR",
                "dg",
                "CHAT_TOKEN_PROFILES_DG_KEY_FILE",
                KEYS + "/dg.secret",
                "CHAT_TOKEN_PROFILES_DG_KEY_ID",
                "dg-api-key",
                "CHAT_TOKEN_PROFILES_KINDLY_VENDOR",
                "kindly",
                "CHAT_TOKEN_PROFILES_KINDLY_ISSUER",
                "https://iss.example",
                "CHAT_TOKEN_PROFILES_KINDLY_KEY_FILE",
                KEYS + "/kindly-pkcs8.pem",
                "QUARKUS_HTTP_PORT",
                "18794",
                "QUARKUS_MANAGEMENT_PORT",
                "18795"))) {
            sidecar.awaitOk("http://127.0.0.1:18795/q/health/ready", Duration.ofSeconds(30));
            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            ExecutorService clients = Executors.newFixedThreadPool(8);
            List<Future<Integer>> answers = IntStream.range(0, TOKENS)
                    .mapToObj(i -> clients.submit(() -> http.send(
                                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:18794/v1/tokens/"
                                                    + (i % 2 == 0 ? "dg" : "kindly")))
                                            .header("content-type", "application/json")
                                            .POST(HttpRequest.BodyPublishers.ofString("{\"user_id\":\"u" + i
                                                    + (i % 2 == 0 ? "\"}" : "\",\"chat_id\":\"c\"}")))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()))
                    .toList();
            for (Future<Integer> answer : answers) {
                assertEquals(200, answer.get());
            }
            clients.shutdown();
            sidecar.process().destroy(); // SIGTERM
            assertEquals(0, sidecar.awaitExit(Duration.ofSeconds(15)), "a clean exit");

            List<String> audit = sidecar.output()
                    .lines()
                    .filter(l -> l.contains("token minted"))
                    .toList();
            assertEquals(TOKENS, audit.size(), "one audit line per token, none lost on shutdown");
            assertEquals(
                    TOKENS / 2,
                    audit.stream()
                            .filter(l -> l.matches(
                                    ".* token minted profile=dg vendor=dg " + "kid=dg-api-key expires_at=(\\d{10}|-)$"))
                            .count(),
                    "complete DG lines");
            assertEquals(
                    TOKENS / 2,
                    audit.stream()
                            .filter(l -> l.matches(".* token minted profile=kindly "
                                    + "vendor=kindly kid=\\S+ expires_at=(\\d{10}|-)$"))
                            .count(),
                    "complete Kindly lines");
            assertTrue(sidecar.output().lines().noneMatch(l -> l.contains("ERROR")), "no error on the way out");
        }
    }
}
