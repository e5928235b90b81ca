package dev.chattoken.sidecar.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chattoken.sidecar.profile.UnknownProfileException;
import dev.chattoken.sidecar.support.VendorCatalog;
import dev.chattoken.sidecar.token.MintedToken;
import dev.chattoken.sidecar.token.TokenMinter;
import dev.chattoken.sidecar.vendors.InvalidRequestException;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Generated hostile bodies (seeded, {@link JsonBodies}) against request parsing and every vendor's validation. Each
 * must end as a token that parses with the profile's algorithm or as one of the refusals the API answers with a 4xx
 * problem; any other exception would be a 500. 100,000 bodies run in-process through the same ObjectMapper and minter
 * the endpoint uses, and 2,000 more through HTTP to check the answers themselves. Longer runs:
 * {@code -Dfuzz.bodies=1000000 -Dfuzz.seed=...}.
 */
@QuarkusTest
class RequestFuzzTest {

    private static final long SEED = Long.getLong("fuzz.seed", 20261122L);
    private static final int BODIES = Integer.getInteger("fuzz.bodies", 100_000);
    private static final int HTTP_BODIES = Integer.getInteger("fuzz.http-bodies", 2_000);
    /** Every vendor's test profile, the variants, and a name that is none. */
    private static final List<String> PROFILES = java.util.stream.Stream.concat(
                    VendorCatalog.all().stream().map(v -> v.id()),
                    java.util.stream.Stream.of("dg-ttl", "kindly-pkcs1", "kindly-jwk", "no-such-profile"))
            .toList();

    @Inject
    ObjectMapper mapper;

    @Inject
    TokenMinter minter;

    @Test
    void everyBodyEndsAsATokenOrAFourHundredRefusal() throws Exception {
        JsonBodies bodies = new JsonBodies(SEED);
        List<String> escaped = new ArrayList<>();
        int tokens = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        for (int i = 0; i < BODIES; i++) {
            byte[] body = bodies.next();
            String profile = PROFILES.get(Math.floorMod(i * 31 + body.length, PROFILES.size()));
            try {
                TokenRequest request = mapper.readValue(body, TokenRequest.class);
                if (request != null) {
                    // a token signed here is done at once; one a vendor's API issues goes to its fake API (the
                    // request was valid, which is what this test is about) and is not waited for
                    java.util.concurrent.CompletableFuture<MintedToken> minted =
                            minter.mint(profile, request.toIdentity()).toCompletableFuture();
                    if (minted.isDone()) {
                        assertTrue(!minted.join().token().isEmpty());
                        tokens++;
                    }
                }
            } catch (JsonProcessingException | InvalidRequestException | UnknownProfileException expected) {
                // each of these is answered with a 400 or 404 problem by ProblemMappers
            } catch (Throwable t) {
                escaped.add(t.getClass().getName() + " for body "
                        + Base64.getEncoder()
                                .encodeToString(java.util.Arrays.copyOf(body, Math.min(body.length, 300))));
            }
            assertTrue(System.nanoTime() < deadline, "the fuzz run stays within its time bound");
        }
        assertEquals(List.of(), escaped.stream().limit(10).toList(), escaped.size() + " bodies escaped as exceptions");
        assertTrue(tokens > 20, "some generated bodies are valid and were signed (" + tokens + ")");
    }

    @Test
    void overHttpEveryAnswerIsATokenOrAWellFormedProblem() throws Exception {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        JsonBodies bodies = new JsonBodies(SEED + 1);
        for (int i = 0; i < HTTP_BODIES; i++) {
            byte[] body = bodies.next();
            String profile = PROFILES.get(i % PROFILES.size());
            HttpResponse<String> answer = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/tokens/" + profile))
                            .timeout(Duration.ofSeconds(10))
                            .header("content-type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            int status = answer.statusCode();
            String type = answer.headers().firstValue("content-type").orElse("");
            if (status == 200) {
                assertTrue(answer.body().startsWith("{\"token\":\""), answer.body());
            } else {
                // a vendor's API (its fake) may be out of rate budget for a valid body: 429 or 503, as problems too
                assertTrue(
                        status >= 400 && status < 500
                                || status == 503 && answer.body().contains(":problem:upstream-"),
                        "status " + status + " for body " + Base64.getEncoder().encodeToString(body));
                assertTrue(type.startsWith("application/problem+json"), "problem+json, not " + type);
                assertTrue(answer.body().contains("\"type\":\"urn:chat-token-sidecar:problem:"), answer.body());
                assertTrue(
                        !answer.body().contains("Exception") && !answer.body().contains("\tat "), answer.body());
            }
        }
    }
}
