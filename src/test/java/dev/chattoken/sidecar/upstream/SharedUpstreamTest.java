package dev.chattoken.sidecar.upstream;

import static dev.chattoken.sidecar.support.Tokens.mint;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chattoken.sidecar.support.FakeVendors;
import dev.chattoken.sidecar.support.Management;
import dev.chattoken.sidecar.support.RedisServer;
import dev.chattoken.sidecar.support.SharedRedisProfiles;
import dev.chattoken.sidecar.support.TestUpstreamSettings;
import dev.chattoken.sidecar.support.VendorTesting;
import dev.chattoken.sidecar.vendors.HubSpotVendor;
import dev.chattoken.sidecar.vendors.SendbirdVendor;
import dev.chattoken.sidecar.vendors.UpstreamRules;
import dev.chattoken.sidecar.vendors.Vendor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Two sidecars of one deployment sharing one real Redis: the running sidecar, and a second one built here on the same
 * Redis, vendor account and fake vendor API. Concurrent requests for one identity on both make one call to the vendor;
 * the account's rate budget is spent by both together; what Redis holds reveals no token and no identity; with Redis
 * gone each sidecar answers from its own cache and budget, and shares again once Redis is back.
 */
@QuarkusTest
@TestProfile(SharedRedisProfiles.class)
@EnabledIf("dev.chattoken.sidecar.support.RedisServer#availableOrRequired")
class SharedUpstreamTest {

    FakeVendors fakes;
    RedisServer redis;

    @Inject
    ReactiveRedisDataSource dataSource;

    @Inject
    Vertx vertx;

    private final List<UpstreamHttp> clients = new ArrayList<>();
    private final AtomicInteger otherFallbacks = new AtomicInteger();

    @AfterEach
    void close() {
        clients.forEach(UpstreamHttp::close);
        assertEquals(List.of(), fakes.unmatched(), "every request kept the vendor's contract");
    }

    /** The other sidecar: the profile {@code <vendor>-shared}'s rules, on the same Redis. */
    private record OtherSidecar(UpstreamRules rules, ProfileUpstream upstream) {
        CompletableFuture<ProfileUpstream.Served> token(String json, Duration deadline) throws Exception {
            UpstreamRules.Order order = rules.order(VendorTesting.identity(json));
            return upstream.token(
                            order.identity(),
                            () -> new Credential(FakeVendors.SECRET, Optional.empty()),
                            Deadline.after(deadline),
                            order.fetch())
                    .toCompletableFuture();
        }
    }

    private OtherSidecar other(Vendor vendor, String... options) {
        Map<String, String> configured =
                new java.util.HashMap<>(vendor.example().options());
        configured.put("base-url", fakes.baseUrl(vendor.id()));
        for (int i = 0; i < options.length; i += 2) {
            configured.put(options[i], options[i + 1]);
        }
        UpstreamRules rules =
                (UpstreamRules) VendorTesting.profile(vendor, configured).rules();
        TestUpstreamSettings settings = TestUpstreamSettings.defaults();
        UpstreamHttp http = new UpstreamHttp(vertx, settings, Map.of());
        clients.add(http);
        // the timeout the sidecar under test has (SharedRedisProfiles): a loaded machine must not turn the test into
        // one about fallbacks, which are counted and asserted apart
        SharedStore store = new RedisSharedStore(
                dataSource, "chat-token-sidecar", SharedRedisProfiles.TIMEOUT, otherFallbacks::incrementAndGet);
        return new OtherSidecar(
                rules,
                new ProfileUpstream(
                        vendor.id() + "-other",
                        rules.policy(),
                        http,
                        store,
                        new UpstreamMetrics(new SimpleMeterRegistry(), vendor.id() + "-other"),
                        Clock.systemUTC(),
                        settings));
    }

    /** The fallbacks the sidecar under test counted so far. */
    private static double fallbacks() {
        String metrics = Management.request().get("/q/metrics").then().extract().asString();
        return metrics.lines()
                .filter(l -> l.startsWith("chat_token_upstream_shared_fallbacks_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    @Test
    void concurrentRequestsForOneIdentityOnTwoSidecarsMakeOneCall() throws Exception {
        fakes.reset();
        OtherSidecar other = other(new HubSpotVendor());
        // both sidecars connected to Redis before the race: the first connection of a cold JVM on a loaded machine can
        // outlast the store's timeout, and a fallback (tested apart) rightly fetches on its own
        mint("hubspot-shared", "{\"email\":\"warm-up@example.com\"}").statusCode(200);
        other.token("{\"email\":\"warm-up@example.com\"}", Duration.ofSeconds(2))
                .get(5, TimeUnit.SECONDS);
        double fallbacksBefore = fallbacks();
        fakes.reset();
        fakes.answerSlowly("hubspot", Duration.ofMillis(300));
        String body = "{\"email\":\"both@example.com\"}";
        ExecutorService callers = Executors.newFixedThreadPool(16);
        try {
            List<CompletableFuture<String>> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                answers.add(CompletableFuture.supplyAsync(
                        () -> mint("hubspot-shared", body)
                                .statusCode(200)
                                .extract()
                                .<String>path("token"),
                        callers));
                answers.add(other.token(body, Duration.ofSeconds(2))
                        .thenApply(served -> served.token().token()));
            }
            List<String> tokens = answers.stream()
                    .map(a -> a.orTimeout(10, TimeUnit.SECONDS).join())
                    .distinct()
                    .toList();
            assertEquals(0, otherFallbacks.get(), "Redis answered the other sidecar in time");
            assertEquals(fallbacksBefore, fallbacks(), "Redis answered the sidecar under test in time");
            assertEquals(1, fakes.calls("hubspot"), "one call to the vendor for both sidecars");
            assertEquals(fakes.issued("hubspot"), tokens, "both answer the one token");
        } finally {
            callers.shutdown();
        }
        // a third sidecar, started later, takes it from Redis without a call
        assertEquals(
                TokenSource.SHARED,
                other(new HubSpotVendor())
                        .token(body, Duration.ofSeconds(2))
                        .get(5, TimeUnit.SECONDS)
                        .source());
        assertEquals(1, fakes.calls("hubspot"));
    }

    @Test
    void bothSidecarsSpendOneRateBudgetOfTheAccount() throws Exception {
        fakes.reset();
        OtherSidecar other = other(new SendbirdVendor(), "application-id", "shared-app", "rate-limit", "3/20s");
        mint("sendbird-shared", "{\"user_id\":\"budget-1\"}").statusCode(200);
        assertEquals(
                TokenSource.VENDOR,
                other.token("{\"user_id\":\"budget-2\"}", Duration.ofSeconds(2))
                        .get(5, TimeUnit.SECONDS)
                        .source());
        mint("sendbird-shared", "{\"user_id\":\"budget-3\"}").statusCode(200);
        // the account's three calls of the window are spent: by neither sidecar's own count (2 and 1)
        ExecutionException limited = org.junit.jupiter.api.Assertions.assertThrows(
                ExecutionException.class,
                () -> other.token("{\"user_id\":\"budget-4\"}", Duration.ofSeconds(1))
                        .get(5, TimeUnit.SECONDS));
        assertInstanceOf(UpstreamException.RateLimited.class, limited.getCause());
        mint("sendbird-shared", "{\"user_id\":\"budget-5\"}")
                .statusCode(429)
                .header("Retry-After", org.hamcrest.Matchers.notNullValue());
        assertEquals(3, fakes.calls("sendbird"));
    }

    @Test
    void redisHoldsNeitherATokenNorAnIdentityInTheClear() throws Exception {
        fakes.reset();
        String email = "private@example.com";
        String token = mint("hubspot-shared", "{\"email\":\"" + email + "\"}")
                .statusCode(200)
                .extract()
                .path("token");
        String keys = redis.command("KEYS", "chat-token-sidecar:*");
        assertTrue(keys.contains(":t:"), keys);
        String plainDigest = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(("{\"email\":\"" + email + "\"}").getBytes(StandardCharsets.UTF_8)));
        assertFalse(
                keys.contains("private") || keys.contains(plainDigest.substring(0, 16)),
                "no identity, nor its plain digest");
        String tokenKey =
                keys.lines().filter(l -> l.contains(":t:")).findFirst().orElseThrow();
        String value = redis.command("GET", tokenKey);
        assertFalse(value.contains(token) || value.contains(token.substring(0, 20)), "the token is stored encrypted");
        assertFalse(keys.contains(FakeVendors.SECRET) && value.contains(FakeVendors.SECRET), "nor the credential");
    }

    @Test
    void withRedisGoneEachSidecarServesOnItsOwnAndSharesAgainWhenItIsBack() throws Exception {
        fakes.reset();
        redis.stop();
        try {
            for (int i = 0; i < 6; i++) {
                mint("hubspot-shared", "{\"email\":\"alone-" + i + "@example.com\"}")
                        .statusCode(200);
            }
            given().get("/v1/profiles")
                    .then()
                    .body("find { it.name == 'hubspot-shared' }.upstream.shared", equalTo("down"));
            String metrics =
                    Management.request().get("/q/metrics").then().extract().asString();
            assertTrue(metrics.contains("chat_token_upstream_shared_up 0.0"), "the gauge says so");
            assertTrue(
                    metrics.matches("(?s).*chat_token_upstream_shared_fallbacks_total [1-9].*"), "fallbacks counted");
        } finally {
            redis.restart();
        }
        Thread.sleep(2500); // the store's breaker lets a command through again after its delay
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String shared = "";
        for (int i = 0; System.nanoTime() < deadline && !shared.equals("up"); i++) {
            mint("hubspot-shared", "{\"email\":\"back-" + i + "@example.com\"}").statusCode(200);
            shared = given().get("/v1/profiles")
                    .then()
                    .extract()
                    .path("find { it.name == 'hubspot-shared' }.upstream.shared");
        }
        assertEquals("up", shared, "Redis is used again, by itself");
        assertTrue(redis.command("KEYS", "chat-token-sidecar:*").contains(":t:"), "tokens are shared again");
    }
}
