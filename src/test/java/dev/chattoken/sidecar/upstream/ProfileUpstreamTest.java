package dev.chattoken.sidecar.upstream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.http.Fault;
import dev.chattoken.sidecar.support.FakeVendors;
import dev.chattoken.sidecar.support.TestUpstreamSettings;
import dev.chattoken.sidecar.support.VendorTesting;
import dev.chattoken.sidecar.vendors.ChannelTalkVendor;
import dev.chattoken.sidecar.vendors.HubSpotVendor;
import dev.chattoken.sidecar.vendors.SendbirdVendor;
import dev.chattoken.sidecar.vendors.UpstreamRules;
import dev.chattoken.sidecar.vendors.Vendor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One profile's upstream machinery against the fake vendor APIs, with the vendors' own rules: the cache (per identity,
 * until the vendor's expiry minus the margin), single flight, the rate budgets and 429s, retries of 5xx, timeouts and
 * resets within the deadline, no retry of what would fail again, the circuit breaker, and the caller's answers. A
 * {@code @QuarkusTest} for SmallRye Fault Tolerance's guards, which need the CDI container; the machinery is built
 * here, each test with its own.
 */
@QuarkusTest
class ProfileUpstreamTest {

    private static FakeVendors fakes;

    @Inject
    Vertx vertx;

    private final List<UpstreamHttp> clients = new ArrayList<>();
    private final AtomicInteger profiles = new AtomicInteger();
    private SimpleMeterRegistry registry;

    @BeforeAll
    static void startFakes() {
        fakes = new FakeVendors();
    }

    @AfterAll
    static void stopFakes() {
        fakes.close();
    }

    @BeforeEach
    void fresh() {
        fakes.reset();
        registry = new SimpleMeterRegistry();
    }

    @AfterEach
    void contractKept() {
        clients.forEach(UpstreamHttp::close);
        assertEquals(List.of(), fakes.unmatched(), "every request kept the vendor's contract");
    }

    /** A profile of {@code vendor} with its example's options and {@code extra}, against its fake. */
    private Profile profile(Vendor vendor, TestUpstreamSettings settings, String... extra) {
        return profile(vendor, settings, SharedStore.NONE, extra);
    }

    private Profile profile(Vendor vendor, TestUpstreamSettings settings, SharedStore store, String... extra) {
        Map<String, String> options = new HashMap<>(vendor.example().options());
        options.put("base-url", fakes.baseUrl(vendor.id()));
        for (int i = 0; i < extra.length; i += 2) {
            options.put(extra[i], extra[i + 1]);
        }
        UpstreamRules rules =
                (UpstreamRules) VendorTesting.profile(vendor, options).rules();
        UpstreamHttp http = new UpstreamHttp(vertx, settings, Map.of());
        clients.add(http);
        String name = "test-" + vendor.id() + "-" + profiles.incrementAndGet();
        return new Profile(
                rules,
                new ProfileUpstream(
                        name,
                        rules.policy(),
                        http,
                        store,
                        new UpstreamMetrics(registry, name),
                        Clock.systemUTC(),
                        settings));
    }

    private Profile profile(Vendor vendor, String... extra) {
        return profile(vendor, TestUpstreamSettings.defaults(), extra);
    }

    record Profile(UpstreamRules rules, ProfileUpstream upstream) {
        CompletableFuture<ProfileUpstream.Served> token(String json, Duration deadline, Supplier<Credential> credential)
                throws Exception {
            UpstreamRules.Order order = rules.order(VendorTesting.identity(json));
            return upstream.token(order.identity(), credential, Deadline.after(deadline), order.fetch())
                    .toCompletableFuture();
        }

        CompletableFuture<ProfileUpstream.Served> token(String json, Duration deadline) throws Exception {
            return token(
                    json,
                    deadline,
                    () -> new Credential(FakeVendors.SECRET, java.util.Optional.of(FakeVendors.ACCESS_KEY)));
        }

        ProfileUpstream.Served served(String json) throws Exception {
            return token(json, Duration.ofSeconds(2)).get(5, TimeUnit.SECONDS);
        }

        UpstreamException failure(String json, Duration deadline) {
            ExecutionException thrown = assertThrows(
                    ExecutionException.class, () -> token(json, deadline).get(10, TimeUnit.SECONDS));
            return assertInstanceOf(UpstreamException.class, thrown.getCause());
        }
    }

    private double count(String name, String tag, String value) {
        return registry.find(name).tag(tag, value).counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }

    private static final String ANA = "{\"email\":\"ana@example.com\"}";

    @Test
    void aTokenIsCachedPerIdentityAndEveryVendorValueIsPartOfTheIdentity() throws Exception {
        Profile hubspot = profile(new HubSpotVendor());
        ProfileUpstream.Served first = hubspot.served(ANA);
        ProfileUpstream.Served again = hubspot.served(ANA);
        assertEquals(TokenSource.VENDOR, first.source());
        assertEquals(TokenSource.CACHE, again.source());
        assertEquals(first.token(), again.token());
        assertEquals(List.of(first.token().token()), fakes.issued("hubspot"));
        // the same e-mail with a first name is another request to HubSpot: another token, not the cached one
        ProfileUpstream.Served named = hubspot.served("{\"email\":\"ana@example.com\",\"given_name\":\"Ana\"}");
        assertEquals(TokenSource.VENDOR, named.source());
        assertEquals(2, fakes.calls("hubspot"));
        assertEquals(1, count("chat.token.upstream.cache", "result", "hit"));
        assertEquals(2, count("chat.token.upstream.cache", "result", "miss"));
        Duration lifetime = Duration.between(Instant.now(), first.token().expiresAt());
        assertTrue(
                lifetime.compareTo(Duration.ofHours(12)) <= 0 && lifetime.compareTo(Duration.ofHours(11)) > 0,
                "HubSpot's token expires 12 hours after it was asked for: " + lifetime);
    }

    @Test
    void aCachedTokenIsReplacedAtItsExpiryMinusTheMargin() throws Exception {
        // Sendbird asked for a 3 s token with a 2 s margin: served from the cache for about 1 s
        Profile sendbird = profile(new SendbirdVendor(), "ttl", "3s", "refresh-margin", "2s");
        String body = "{\"user_id\":\"u-expiring\"}";
        ProfileUpstream.Served first = sendbird.served(body);
        assertEquals(TokenSource.CACHE, sendbird.served(body).source());
        Thread.sleep(1300);
        ProfileUpstream.Served later = sendbird.served(body);
        assertEquals(TokenSource.VENDOR, later.source());
        assertFalse(first.token().token().equals(later.token().token()), "a new token");
        assertEquals(2, fakes.calls("sendbird"));
    }

    /**
     * A shared store in which another sidecar finishes its fetch at the worst moment for this one: just before this one
     * takes the lock ({@code lockFree}), or, while this one waits, between its look for the token and its look at the
     * lock. Either way the token is in the store by then (a sidecar stores before it unlocks).
     */
    private static final class RacingStore implements SharedStore {
        private final IssuedToken others;
        private final boolean lockFree;
        private volatile Optional<IssuedToken> stored = Optional.empty();

        RacingStore(IssuedToken others, boolean lockFree) {
            this.others = others;
            this.lockFree = lockFree;
        }

        @Override
        public Status status() {
            return Status.UP;
        }

        @Override
        public CompletionStage<Optional<IssuedToken>> get(Account account, String identity) {
            return CompletableFuture.completedFuture(stored);
        }

        @Override
        public CompletionStage<Void> put(Account account, String identity, IssuedToken token, Duration ttl) {
            stored = Optional.of(token);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<Boolean> lock(Account account, String identity, String owner, Duration ttl) {
            if (lockFree) {
                stored = Optional.of(others); // stored and unlocked since this sidecar's first look
            }
            return CompletableFuture.completedFuture(lockFree);
        }

        @Override
        public CompletionStage<Void> unlock(Account account, String identity, String owner) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<Boolean> locked(Account account, String identity) {
            stored = Optional.of(others); // stored and unlocked since this sidecar's last look for the token
            return CompletableFuture.completedFuture(false);
        }

        @Override
        public CompletionStage<Optional<Duration>> acquire(Account account, RateLimit limit, String member) {
            return CompletableFuture.completedFuture(Optional.empty());
        }

        @Override
        public CompletionStage<Void> block(Account account, Duration duration) {
            return CompletableFuture.completedFuture(null);
        }
    }

    @Test
    void aTokenAnotherSidecarStoresWhileThisOneLooksIsTakenNotFetchedAgain() throws Exception {
        IssuedToken others =
                new IssuedToken("token-of-the-other-sidecar", Instant.now().plus(Duration.ofHours(12)));
        for (boolean lockFree : List.of(true, false)) {
            Profile hubspot =
                    profile(new HubSpotVendor(), TestUpstreamSettings.defaults(), new RacingStore(others, lockFree));
            ProfileUpstream.Served served = hubspot.served(ANA);
            assertEquals(TokenSource.SHARED, served.source(), lockFree ? "after the lock" : "after waiting");
            assertEquals(others.token(), served.token().token());
        }
        assertEquals(0, fakes.calls("hubspot"), "no second call to the vendor");
    }

    @Test
    void aThousandConcurrentRequestsForANewIdentityMakeOneCall() throws Exception {
        // the vendor answers after every request is made, even on a loaded machine: each one joins the one call
        fakes.answerSlowly("hubspot", Duration.ofMillis(1500));
        Profile hubspot = profile(new HubSpotVendor());
        List<CompletableFuture<ProfileUpstream.Served>> answers = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            answers.add(hubspot.token("{\"email\":\"flock@example.com\"}", Duration.ofSeconds(4)));
        }
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertEquals(1, fakes.calls("hubspot"));
        assertEquals(
                1,
                answers.stream()
                        .map(CompletableFuture::join)
                        .map(s -> s.token().token())
                        .distinct()
                        .count());
        assertEquals(
                1,
                answers.stream()
                        .filter(a -> a.join().source() == TokenSource.VENDOR)
                        .count());
        assertEquals(
                999,
                answers.stream()
                        .filter(a -> a.join().source() == TokenSource.JOINED)
                        .count());
    }

    @Test
    void a429ThatFitsTheDeadlineIsWaitedOutAndHoldsTheProfilesOtherCallsToo() throws Exception {
        fakes.answerTimes(
                "hubspot",
                1,
                aResponse().withStatus(429).withHeader("Retry-After", "1").withBody("{}"));
        Profile hubspot = profile(new HubSpotVendor());
        long start = System.nanoTime();
        CompletableFuture<ProfileUpstream.Served> first = hubspot.token(ANA, Duration.ofSeconds(3));
        Thread.sleep(100);
        // another identity while the vendor asked to wait: no call before the wait is over
        CompletableFuture<ProfileUpstream.Served> other =
                hubspot.token("{\"email\":\"bo@example.com\"}", Duration.ofSeconds(3));
        assertEquals(TokenSource.VENDOR, first.get(5, TimeUnit.SECONDS).source());
        assertEquals(TokenSource.VENDOR, other.get(5, TimeUnit.SECONDS).source());
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) >= 1000, "Retry-After was honoured");
        assertEquals(3, fakes.calls("hubspot"), "the 429, then one call for each identity");
        assertTrue(count("chat.token.upstream.rate.limit.waits", "budget", "vendor") >= 2);
    }

    @Test
    void a429LongerThanTheDeadlineIsAnsweredAt429WithItsRetryAfterAndNoFurtherCall() throws Exception {
        fakes.answer(
                "sendbird",
                aResponse()
                        .withStatus(429)
                        .withHeader("X-RateLimit-RetryAfter", "29.2")
                        .withBody("{}"));
        Profile sendbird = profile(new SendbirdVendor());
        UpstreamException.RateLimited limited = assertInstanceOf(
                UpstreamException.RateLimited.class, sendbird.failure("{\"user_id\":\"u1\"}", Duration.ofSeconds(2)));
        assertEquals(
                Duration.ofSeconds(30), limited.retryAfter(), "Sendbird's own header, rounded up to whole seconds");
        long start = System.nanoTime();
        UpstreamException next = sendbird.failure("{\"user_id\":\"u2\"}", Duration.ofSeconds(2));
        assertInstanceOf(UpstreamException.RateLimited.class, next);
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 200, "answered at once");
        assertEquals(1, fakes.calls("sendbird"), "the vendor is not called while it asked to wait");
        assertTrue(sendbird.upstream().state().rateLimitedUntil().isPresent());
    }

    @Test
    void theProfilesOwnBudgetWaitsWithinTheDeadlineElseAnswers429() throws Exception {
        Profile channel = profile(new ChannelTalkVendor(), "rate-limit", "2/1s");
        long start = System.nanoTime();
        channel.served("{\"user_id\":\"m1\"}");
        channel.served("{\"user_id\":\"m2\"}");
        assertEquals(TokenSource.VENDOR, channel.served("{\"user_id\":\"m3\"}").source());
        assertTrue(
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) >= 800,
                "the third call waited for the window");
        assertTrue(count("chat.token.upstream.rate.limit.waits", "budget", "local") >= 1);
        Profile strict = profile(new ChannelTalkVendor(), "rate-limit", "2/10s");
        strict.served("{\"user_id\":\"m4\"}");
        strict.served("{\"user_id\":\"m5\"}");
        UpstreamException.RateLimited limited = assertInstanceOf(
                UpstreamException.RateLimited.class, strict.failure("{\"user_id\":\"m6\"}", Duration.ofMillis(400)));
        assertTrue(
                limited.retryAfter().toSeconds() >= 9 && limited.retryAfter().toSeconds() <= 10,
                limited.retryAfter().toString());
        assertEquals(5, fakes.calls("channel-talk"));
    }

    @Test
    void fiveHundredsTimeoutsAndResetsAreRetriedWithinTheDeadline() throws Exception {
        fakes.answerTimes("hubspot", 2, aResponse().withStatus(503).withBody("{\"message\":\"vendor-secret-detail\"}"));
        Profile hubspot = profile(new HubSpotVendor());
        assertEquals(TokenSource.VENDOR, hubspot.served(ANA).source());
        assertEquals(3, fakes.calls("hubspot"));
        fakes.reset();
        fakes.answerTimes("hubspot", 1, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        assertEquals(
                TokenSource.VENDOR,
                hubspot.served("{\"email\":\"reset@example.com\"}").source());
        assertEquals(2, fakes.calls("hubspot"));
        fakes.reset();
        fakes.answerTimes(
                "hubspot", 1, aResponse().withStatus(200).withBody("{}").withFixedDelay(5000));
        // the first attempt gets the whole remaining deadline (read-timeout 3 s caps it): a 4 s deadline leaves time
        // for a second
        TestUpstreamSettings quick = new TestUpstreamSettings(
                java.util.Optional.empty(),
                java.util.Optional.of(List.of()),
                java.util.Optional.empty(),
                Duration.ofSeconds(1),
                Duration.ofMillis(800),
                TestUpstreamSettings.defaults().maxAnswerSize(),
                3,
                TestUpstreamSettings.defaults().breaker(),
                TestUpstreamSettings.defaults().shared());
        Profile patient = profile(new HubSpotVendor(), quick);
        assertEquals(
                TokenSource.VENDOR,
                patient.token("{\"email\":\"slow@example.com\"}", Duration.ofSeconds(3))
                        .get(5, TimeUnit.SECONDS)
                        .source());
        assertEquals(2, fakes.calls("hubspot"));
    }

    @Test
    void aVendorThatStaysDownIsAnswered503WithinTheDeadline() throws Exception {
        fakes.answer("hubspot", aResponse().withStatus(502).withBody("{\"message\":\"vendor-secret-detail\"}"));
        Profile hubspot = profile(new HubSpotVendor());
        long start = System.nanoTime();
        UpstreamException.Unavailable down =
                assertInstanceOf(UpstreamException.Unavailable.class, hubspot.failure(ANA, Duration.ofSeconds(2)));
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(elapsed < 2100, "within the deadline: " + elapsed + " ms");
        assertTrue(
                fakes.calls("hubspot") >= 2 && fakes.calls("hubspot") <= 4,
                "retried, at most max-retries times: " + fakes.calls("hubspot"));
        assertFalse(down.getMessage().contains("vendor-secret-detail"), "never the vendor's body");
        assertTrue(down.retryAfter().toSeconds() >= 1);
        fakes.reset();
        fakes.answer("hubspot", aResponse().withStatus(200).withBody("{}").withFixedDelay(5000));
        start = System.nanoTime();
        assertInstanceOf(
                UpstreamException.Unavailable.class,
                hubspot.failure("{\"email\":\"slow@example.com\"}", Duration.ofMillis(1500)));
        elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(elapsed >= 1300 && elapsed < 1800, "a slow vendor costs the deadline, not more: " + elapsed + " ms");
    }

    @Test
    void theBreakerOpensOnRepeatedFailuresAnswersAtOnceAndClosesWhenTheVendorIsBack() throws Exception {
        TestUpstreamSettings settings = TestUpstreamSettings.defaults()
                .withBreaker(TestUpstreamSettings.breaker(4, 0.5, Duration.ofSeconds(2)));
        Profile hubspot = profile(new HubSpotVendor(), settings);
        fakes.answer("hubspot", aResponse().withStatus(500));
        hubspot.failure(ANA, Duration.ofSeconds(2)); // four attempts: the breaker opens
        assertEquals(CircuitBreakerState.OPEN, hubspot.upstream().state().breaker());
        int calls = fakes.calls("hubspot");
        long start = System.nanoTime();
        UpstreamException.Unavailable open = assertInstanceOf(
                UpstreamException.Unavailable.class,
                hubspot.failure("{\"email\":\"next@example.com\"}", Duration.ofSeconds(2)));
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 200, "one fast failure, not a timeout");
        assertTrue(open.getMessage().contains("circuit breaker open"), open.getMessage());
        assertTrue(open.retryAfter().compareTo(Duration.ofSeconds(2)) <= 0
                && open.retryAfter().toSeconds() >= 1);
        assertEquals(calls, fakes.calls("hubspot"), "no call while open");
        assertEquals(1, count("chat.token.upstream.failures", "reason", "breaker_open"));
        fakes.reset();
        Thread.sleep(2100);
        assertEquals(TokenSource.VENDOR, hubspot.served(ANA).source());
        assertEquals(CircuitBreakerState.CLOSED, hubspot.upstream().state().breaker());
    }

    @Test
    void hubspots403NamesThePlanRequirementIsNotRetriedAndLeavesTheBreakerClosed() throws Exception {
        fakes.answer(
                "hubspot",
                aResponse()
                        .withStatus(403)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"category\":\"FORBIDDEN\",\"message\":\"vendor-secret-detail\"}"));
        Profile hubspot = profile(
                new HubSpotVendor(),
                TestUpstreamSettings.defaults()
                        .withBreaker(TestUpstreamSettings.breaker(4, 0.5, Duration.ofSeconds(5))));
        for (int i = 0; i < 6; i++) {
            UpstreamException refused =
                    hubspot.failure("{\"email\":\"u" + i + "@example.com\"}", Duration.ofSeconds(2));
            assertInstanceOf(UpstreamException.Refused.class, refused);
            assertTrue(refused.getMessage().contains("Professional or Enterprise"), refused.getMessage());
            assertFalse(refused.getMessage().contains("vendor-secret-detail"));
        }
        assertEquals(6, fakes.calls("hubspot"), "each refusal once: not retried");
        assertEquals(CircuitBreakerState.CLOSED, hubspot.upstream().state().breaker(), "a refusal is no outage");
        assertTrue(
                hubspot.upstream().state().lastFailure().orElseThrow().reason().contains("Professional or Enterprise"));
        fakes.reset();
        fakes.answer(
                "hubspot",
                aResponse()
                        .withStatus(403)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"category\":\"MISSING_SCOPES\",\"message\":\"x\"}"));
        assertTrue(hubspot.failure(ANA, Duration.ofSeconds(2)).getMessage().contains("lacks the scope"));
    }

    @Test
    void malformedAndOversizedAnswersAreNotRetriedAndNeverQuoted() throws Exception {
        Profile hubspot =
                profile(new HubSpotVendor(), TestUpstreamSettings.defaults().withMaxAnswerSize(4096));
        Map<String, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder> answers = Map.of(
                "not JSON",
                        aResponse()
                                .withStatus(200)
                                .withHeader("Content-Type", "text/html")
                                .withBody("<html>vendor-secret-detail</html>"),
                "no token",
                        aResponse()
                                .withStatus(200)
                                .withHeader("Content-Type", "application/json")
                                .withBody("{\"tok\":\"vendor-secret-detail\"}"),
                "a token with a space",
                        aResponse()
                                .withStatus(200)
                                .withHeader("Content-Type", "application/json")
                                .withBody("{\"token\":\"a b\"}"),
                "duplicate keys",
                        aResponse()
                                .withStatus(200)
                                .withHeader("Content-Type", "application/json")
                                .withBody("{\"token\":\"a\",\"token\":\"b\"}"),
                "a token longer than the sidecar takes",
                        aResponse()
                                .withStatus(200)
                                .withHeader("Content-Type", "application/json")
                                .withBody("{\"token\":\"" + "t".repeat(VendorJson.MAX_TOKEN_LENGTH + 1) + "\"}"),
                "oversized",
                        aResponse()
                                .withStatus(200)
                                .withHeader("Content-Type", "application/json")
                                .withBody("{\"token\":\"" + "t".repeat(10_000) + "\"}"));
        int i = 0;
        for (var answer : answers.entrySet()) {
            fakes.reset();
            fakes.answer("hubspot", answer.getValue());
            UpstreamException failure =
                    hubspot.failure("{\"email\":\"m" + i++ + "@example.com\"}", Duration.ofSeconds(2));
            assertInstanceOf(UpstreamException.Unavailable.class, failure, answer.getKey());
            assertFalse(
                    failure.getMessage().contains("vendor-secret-detail"),
                    answer.getKey() + ": " + failure.getMessage());
            assertEquals(1, fakes.calls("hubspot"), answer.getKey() + " is not asked again");
        }
    }

    @Test
    void theCredentialIsReadAtEachFetch() throws Exception {
        Profile hubspot = profile(new HubSpotVendor());
        AtomicInteger reads = new AtomicInteger();
        // a credential the vendor does not accept (the fake's contract wants the right Bearer): refused, not cached
        UpstreamException refused = assertThrows(
                                        ExecutionException.class,
                                        () -> hubspot.token(ANA, Duration.ofSeconds(2), () -> {
                                                    reads.incrementAndGet();
                                                    return new Credential(
                                                            "rotated-away-secret", java.util.Optional.empty());
                                                })
                                                .get(5, TimeUnit.SECONDS))
                                .getCause()
                        instanceof UpstreamException u
                ? u
                : null;
        assertInstanceOf(UpstreamException.Refused.class, refused);
        assertEquals(1, reads.get());
        fakes.reset(); // the wrong Bearer was unmatched on purpose
        assertEquals(TokenSource.VENDOR, hubspot.served(ANA).source(), "the next fetch reads the current credential");
    }

    @Test
    void sendbirdCreatesAnUnknownUserOnlyWhenTheProfileSaysSo() throws Exception {
        UpstreamException.UnknownUser unknown = assertInstanceOf(
                UpstreamException.UnknownUser.class,
                profile(new SendbirdVendor()).failure("{\"user_id\":\"new-ana\"}", Duration.ofSeconds(2)));
        assertEquals(java.util.Optional.of("user_id"), unknown.field());
        assertEquals(Set.of(), fakes.createdUsers());
        Profile creating = profile(new SendbirdVendor(), "create-users", "true");
        assertEquals(
                TokenSource.VENDOR, creating.served("{\"user_id\":\"new-bo\"}").source());
        assertEquals(Set.of("new-bo"), fakes.createdUsers());
        assertEquals(
                3,
                fakes.calls("sendbird"),
                "400201 once, then the token after the user was created (and the first profile's 400201)");
    }

    @Test
    void sendbirdAndChannelTalkAnswerTheVendorsExpiryFromTheirOwnMilliseconds() throws Exception {
        Instant before = Instant.now();
        ProfileUpstream.Served sendbird =
                profile(new SendbirdVendor(), "ttl", "1h").served("{\"user_id\":\"u-ms\"}");
        assertTrue(
                Math.abs(Duration.between(
                                        before.plus(Duration.ofHours(1)),
                                        sendbird.token().expiresAt())
                                .toSeconds())
                        < 5,
                "expires_at sent and answered in milliseconds: "
                        + sendbird.token().expiresAt());
        ProfileUpstream.Served channel =
                profile(new ChannelTalkVendor(), "ttl", "45m").served("{\"user_id\":\"member-ms\"}");
        assertTrue(
                Math.abs(Duration.between(
                                        before.plus(Duration.ofMinutes(45)),
                                        channel.token().expiresAt())
                                .toSeconds())
                        < 5,
                "expiration=PT2700S, expireAt in milliseconds: "
                        + channel.token().expiresAt());
        // a user id that needs encoding reaches the vendor as sent
        assertEquals(
                TokenSource.VENDOR,
                profile(new SendbirdVendor())
                        .served("{\"user_id\":\"ana/ü 1\"}")
                        .source());
        assertTrue(
                fakes.requests().stream().anyMatch(r -> r.getUrl().equals("/sendbird/v3/users/ana%2F%C3%BC%201/token")),
                fakes.requests().stream().map(r -> r.getUrl()).toList().toString());
    }
}
