package dev.chattoken.sidecar.health;

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
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM to the packaged sidecar under load: readiness turns DOWN first, the requests in flight complete, new ones are
 * refused cleanly (503, or no connection once the port is closed), never a 500 or a cut answer, and the process exits
 * by itself within the shutdown timeout (10 s).
 */
class GracefulShutdownIT {

    private static final String KEYS =
            Path.of("src/test/resources/keys").toAbsolutePath().toString();

    @Test
    void sigtermDrainsAndExits() throws Exception {
        try (PackagedSidecar sidecar = PackagedSidecar.start(Map.of(
                "CHAT_TOKEN_ACTIVE",
                "kindly",
                "CHAT_TOKEN_PROFILES_KINDLY_VENDOR",
                "kindly",
                "CHAT_TOKEN_PROFILES_KINDLY_ISSUER",
                "https://iss.example",
                "CHAT_TOKEN_PROFILES_KINDLY_KEY_FILE",
                KEYS + "/kindly-pkcs8.pem",
                "QUARKUS_HTTP_PORT",
                "18792",
                "QUARKUS_MANAGEMENT_PORT",
                "18793"))) {
            sidecar.awaitOk("http://127.0.0.1:18793/q/health/ready", Duration.ofSeconds(30));
            HttpClient http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(2))
                    .build();
            HttpRequest mint = HttpRequest.newBuilder(URI.create("http://127.0.0.1:18792/v1/tokens/kindly"))
                    .timeout(Duration.ofSeconds(15))
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"user_id\":\"u\",\"chat_id\":\"c\"}"))
                    .build();
            AtomicBoolean running = new AtomicBoolean(true);
            ConcurrentLinkedQueue<String> outcomes = new ConcurrentLinkedQueue<>();
            ExecutorService clients = Executors.newFixedThreadPool(4);
            for (int i = 0; i < 4; i++) {
                clients.submit(() -> {
                    while (running.get()) {
                        try {
                            HttpResponse<String> answer = http.send(mint, HttpResponse.BodyHandlers.ofString());
                            outcomes.add(
                                    answer.statusCode() == 200 && answer.body().contains("\"token\":\"ey")
                                            ? "200"
                                            : answer.statusCode() + " " + answer.body());
                        } catch (java.net.ConnectException refused) {
                            outcomes.add("refused");
                            Thread.sleep(20);
                        } catch (java.io.IOException e) {
                            // the server closed a keep-alive connection before any byte of an answer: not processed,
                            // safe to retry (EOF before the status line; a cut answer would fail later, in the body)
                            String m = String.valueOf(e.getMessage());
                            outcomes.add(
                                    m.contains("EOF reached while reading")
                                                    || m.contains("no bytes")
                                                    || m.contains("closed")
                                            ? "closed"
                                            : "IOException " + m);
                        } catch (Exception e) {
                            outcomes.add(e.getClass().getSimpleName());
                        }
                    }
                    return null;
                });
            }
            Thread.sleep(1000);
            long signalled = System.nanoTime();
            sidecar.process().destroy(); // SIGTERM
            String readiness = "";
            while (sidecar.process().isAlive() && System.nanoTime() - signalled < 900_000_000L) {
                try {
                    readiness = http.send(
                                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:18793/q/health/ready"))
                                                    .build(),
                                            HttpResponse.BodyHandlers.ofString())
                                    .statusCode()
                            + "";
                    if (readiness.equals("503")) {
                        break;
                    }
                } catch (Exception e) {
                    readiness = e.getClass().getSimpleName();
                }
                Thread.sleep(20);
            }
            assertEquals("503", readiness, "readiness turns DOWN first");
            assertTrue(
                    sidecar.process().waitFor(12, TimeUnit.SECONDS), "the process exits within the shutdown timeout");
            long exitedAfterMs = (System.nanoTime() - signalled) / 1_000_000;
            running.set(false);
            clients.shutdown();
            assertTrue(clients.awaitTermination(20, TimeUnit.SECONDS));

            int exit = sidecar.process().exitValue();
            assertEquals(0, exit, "a clean exit after SIGTERM (the kubelet records 143 as an Error)");
            List<String> unexpected = outcomes.stream()
                    .filter(o ->
                            !o.equals("200") && !o.equals("refused") && !o.equals("closed") && !o.startsWith("503 "))
                    .distinct()
                    .toList();
            assertEquals(List.of(), unexpected, "only tokens, clean 503s or refused connections");
            assertTrue(outcomes.stream().filter("200"::equals).count() > 10, "tokens were minted before the signal");
            assertTrue(exitedAfterMs < 11_000, "exited " + exitedAfterMs + " ms after SIGTERM");
        }
    }
}
