package dev.chattoken.sidecar.upstream;

import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.CustomBackoffStrategy;
import io.smallrye.faulttolerance.api.RateLimitException;
import io.smallrye.faulttolerance.api.RateLimitType;
import io.smallrye.faulttolerance.api.TypedGuard;
import jakarta.enterprise.util.TypeLiteral;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

/**
 * Everything between one profile and its vendor's API: the profile's tokens cached by identity until their expiry minus
 * the refresh margin, one fetch per identity at a time (single flight, in this sidecar and, with a shared store, across
 * the deployment), and each call to the vendor guarded by SmallRye Fault Tolerance: the profile's rate budget (its own,
 * and the pods' shared one), a circuit breaker that turns an outage into one fast failure per request, and retries of
 * 5xx, timeouts and resets with jittered exponential backoff, and of rate-limit waits, each only when it still fits in
 * the caller's deadline. A 429 holds every call of the profile (and, shared, of the account) off the vendor for as long
 * as it asks. The caller gets a token or an {@link UpstreamException}.
 */
public final class ProfileUpstream {

    private static final Logger LOG = Logger.getLogger(ProfileUpstream.class);

    /** The least time worth starting an attempt with: a connection and an answer from a vendor nearby. */
    static final Duration MIN_ATTEMPT = Duration.ofMillis(250);
    /** The first retry's delay after a vendor failure; each next one doubles, jittered. */
    static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    /** The longest a vendor's 429 is believed: a longer Retry-After is cut to this. */
    static final Duration LONGEST_VENDOR_WAIT = Duration.ofMinutes(10);
    /** How often a sidecar looks for the token another one is fetching. */
    static final Duration SHARED_POLL = Duration.ofMillis(50);

    /** A token answered, and where it came from. */
    public record Served(IssuedToken token, TokenSource source) {}

    /** How a vendor turns one identity into a token: one or more calls through {@code exchange}. */
    @FunctionalInterface
    public interface Fetch {
        /** @param now when the request is sent: the start of a lifetime the vendor states but does not answer */
        CompletionStage<IssuedToken> fetch(Exchange exchange, Credential credential, Instant now);
    }

    /** Sends a vendor's requests, guarded; 429 and 5xx are handled here, every other answer by {@code reader}. */
    public interface Exchange {
        <T> CompletionStage<T> send(VendorRequest request, AnswerReader<T> reader);
    }

    /** Reads an answer that is neither a 429 nor a 5xx: the value, or an {@link UpstreamException}, or malformed. */
    @FunctionalInterface
    public interface AnswerReader<T> {
        T read(VendorAnswer answer);
    }

    /** The last failure, for {@code /v1/profiles}. */
    public record Failure(String reason, Instant at) {}

    /** The state {@code /v1/profiles} shows. */
    public record State(
            URI baseUrl,
            CircuitBreakerState breaker,
            long cachedTokens,
            int cacheSize,
            long cacheBoundBytes,
            RateLimit rateLimit,
            Optional<Instant> rateLimitedUntil,
            SharedStore.Status shared,
            Optional<Failure> lastFailure) {}

    private final String profile;
    private final UpstreamPolicy policy;
    private final UpstreamHttp http;
    private final SharedStore shared;
    private final UpstreamMetrics metrics;
    private final Clock clock;
    private final int maxRetries;
    private final Duration breakerDelay;
    private final TokenCache cache;
    private final TypedGuard<CompletionStage<Object>> guard;
    /** Names this sidecar's locks and budget permits in the shared store. */
    private final String owner = UUID.randomUUID().toString();

    private final AtomicLong permits = new AtomicLong();
    private final AtomicLong vendorBlockedUntil = new AtomicLong(System.nanoTime());
    private volatile CircuitBreakerState breaker = CircuitBreakerState.CLOSED;
    private volatile long breakerOpenedAt;
    private volatile Optional<Failure> lastFailure = Optional.empty();

    public ProfileUpstream(
            String profile,
            UpstreamPolicy policy,
            UpstreamHttp http,
            SharedStore shared,
            UpstreamMetrics metrics,
            Clock clock,
            UpstreamSettings settings) {
        this.profile = profile;
        this.policy = policy;
        this.http = http;
        this.shared = shared;
        this.metrics = metrics;
        this.clock = clock;
        this.maxRetries = settings.maxRetries();
        this.breakerDelay = settings.breaker().delay();
        this.cache = new TokenCache(policy.cacheSize(), policy.refreshMargin(), clock);
        this.guard = TypedGuard.create(new TypeLiteral<CompletionStage<Object>>() {})
                .withCircuitBreaker()
                .requestVolumeThreshold(settings.breaker().requestVolume())
                .failureRatio(settings.breaker().failureRatio())
                .delay(breakerDelay.toMillis(), ChronoUnit.MILLIS)
                .successThreshold(1)
                .when(failure -> failure instanceof AttemptFailure.VendorFailure)
                .onStateChange(this::breakerChanged)
                .done()
                .withRateLimit()
                .limit(policy.rateLimit().requests())
                .window(policy.rateLimit().window().toMillis(), ChronoUnit.MILLIS)
                // fixed windows: SmallRye's rolling window records a refused attempt as a call, so a request that
                // waits for a permit and comes back would keep refreshing the window it waits on; a fixed window's
                // refusals end with it, and a request that waits for the next one gets a permit there
                .type(RateLimitType.FIXED)
                .done()
                .build();
        metrics.gauge("chat.token.upstream.cache.size", "Tokens in the profile's cache", cache, TokenCache::size);
        metrics.gauge(
                "chat.token.upstream.breaker.state",
                "The circuit breaker: 0 closed, 1 half-open, 2 open",
                this,
                p -> switch (p.breaker) {
                    case CLOSED -> 0;
                    case HALF_OPEN -> 1;
                    case OPEN -> 2;
                    default -> -1;
                });
    }

    public UpstreamPolicy policy() {
        return policy;
    }

    /**
     * The token of {@code identity}: cached, shared, or fetched now (once, however many ask at the same time).
     *
     * @param identity the identity as the vendor's request names it, every part that changes the token included
     * @param credential read when a fetch starts, so that a rotated credential applies to the next call
     */
    public CompletionStage<Served> token(
            String identity, Supplier<Credential> credential, Deadline deadline, Fetch fetch) {
        TokenCache.Key key = TokenCache.Key.of(identity);
        Optional<TokenCache.Entry> hit = cache.cached(key);
        if (hit.isPresent()) {
            metrics.cache(TokenSource.CACHE);
            return CompletableFuture.completedFuture(new Served(hit.get().token(), TokenSource.CACHE));
        }
        TokenCache.Lookup lookup = cache.lookup(key, () -> load(identity, credential, deadline, fetch));
        boolean ready = lookup.entry().isDone();
        return lookup.entry().handle((entry, failure) -> {
            if (failure != null) {
                throw new CompletionException(unwrap(failure));
            }
            TokenSource source = lookup.started() ? entry.source() : ready ? TokenSource.CACHE : TokenSource.JOINED;
            metrics.cache(source);
            return new Served(entry.token(), source);
        });
    }

    /** The state of the profile's upstream, for {@code /v1/profiles}. */
    public State state() {
        long blocked = vendorBlockedUntil.get() - System.nanoTime();
        return new State(
                policy.baseUrl(),
                breaker,
                cache.size(),
                policy.cacheSize(),
                policy.cacheBoundBytes(),
                policy.rateLimit(),
                blocked > 0 ? Optional.of(clock.instant().plusNanos(blocked)) : Optional.empty(),
                shared.status(),
                lastFailure);
    }

    /** Drops the cached tokens (tests). */
    void clearCache() {
        cache.clear();
    }

    private CompletableFuture<TokenCache.Entry> load(
            String identity, Supplier<Credential> credentials, Deadline deadline, Fetch fetch) {
        Credential credential = credentials.get();
        if (shared.status() == SharedStore.Status.OFF) {
            return fetchFromVendor(credential, deadline, fetch, Optional.empty())
                    .thenApply(t -> new TokenCache.Entry(t, TokenSource.VENDOR));
        }
        Account account = Account.of(policy.vendor(), policy.baseUrl(), credential);
        String name = account.name(identity);
        return shared.get(account, name).toCompletableFuture().thenCompose(stored -> {
            if (stored.filter(this::usable).isPresent()) {
                return CompletableFuture.completedFuture(new TokenCache.Entry(stored.get(), TokenSource.SHARED));
            }
            return shared.lock(account, name, owner, deadline.remaining())
                    .toCompletableFuture()
                    .thenCompose(mine -> mine
                            ? storedSinceOrFetch(account, name, credential, deadline, fetch)
                            : awaitOther(account, name, deadline)
                                    .thenCompose(other -> other.isPresent()
                                            ? CompletableFuture.completedFuture(
                                                    new TokenCache.Entry(other.get(), TokenSource.SHARED))
                                            : fetchAndShare(account, name, credential, deadline, fetch)));
        });
    }

    private boolean usable(IssuedToken token) {
        return token.expiresAt().minus(policy.refreshMargin()).isAfter(clock.instant());
    }

    /**
     * With the lock taken: the token another sidecar stored between this one's first look and its lock (it stores
     * before it unlocks), else a fetch.
     */
    private CompletableFuture<TokenCache.Entry> storedSinceOrFetch(
            Account account, String name, Credential credential, Deadline deadline, Fetch fetch) {
        return shared.get(account, name).toCompletableFuture().thenCompose(stored -> {
            if (stored.filter(this::usable).isPresent()) {
                shared.unlock(account, name, owner);
                return CompletableFuture.completedFuture(new TokenCache.Entry(stored.get(), TokenSource.SHARED));
            }
            return fetchAndShare(account, name, credential, deadline, fetch);
        });
    }

    /**
     * Fetches the token, then stores it for the other sidecars and releases the lock (without making the caller wait).
     */
    private CompletableFuture<TokenCache.Entry> fetchAndShare(
            Account account, String name, Credential credential, Deadline deadline, Fetch fetch) {
        return fetchFromVendor(credential, deadline, fetch, Optional.of(account))
                .whenComplete((token, failure) -> {
                    CompletionStage<Void> stored = CompletableFuture.completedFuture(null);
                    if (token != null) {
                        Duration ttl = Duration.between(
                                clock.instant(), token.expiresAt().minus(policy.refreshMargin()));
                        if (!ttl.isNegative() && !ttl.isZero()) {
                            stored = shared.put(account, name, token, ttl);
                        }
                    }
                    stored.thenCompose(done -> shared.unlock(account, name, owner));
                })
                .thenApply(token -> new TokenCache.Entry(token, TokenSource.VENDOR));
    }

    /**
     * Waits for the token another sidecar is fetching: looks for it every {@link #SHARED_POLL} (a SmallRye retry) while
     * that sidecar holds the lock, and gives up in time for a fetch of its own. Empty: fetch it here.
     */
    private CompletableFuture<Optional<IssuedToken>> awaitOther(Account account, String name, Deadline deadline) {
        final class StillFetching extends RuntimeException {
            StillFetching() {
                super(null, null, false, false);
            }
        }
        Duration patience = deadline.remaining().minus(MIN_ATTEMPT.multipliedBy(2));
        if (patience.isNegative() || patience.isZero()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        TypedGuard<CompletionStage<Optional<IssuedToken>>> poll = TypedGuard.create(
                        new TypeLiteral<CompletionStage<Optional<IssuedToken>>>() {})
                .withRetry()
                .maxRetries(-1)
                .maxDuration(patience.toMillis(), ChronoUnit.MILLIS)
                .delay(SHARED_POLL.toMillis(), ChronoUnit.MILLIS)
                .jitter(SHARED_POLL.toMillis() / 2, ChronoUnit.MILLIS)
                .whenException(StillFetching.class::isInstance)
                .done()
                .build();
        CompletionStage<Optional<IssuedToken>> found;
        try {
            found = poll.call(() -> shared.get(account, name)
                    .thenCompose(stored -> stored.filter(this::usable).isPresent()
                            ? CompletableFuture.completedFuture(stored)
                            : shared.locked(account, name).thenCompose(locked -> {
                                if (locked) {
                                    throw new StillFetching();
                                }
                                // the holder stores the token before it unlocks: it may have landed since the first
                                // look
                                return shared.get(account, name).thenApply(again -> again.filter(this::usable));
                            })));
        } catch (Exception e) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return found.toCompletableFuture().exceptionally(failure -> Optional.empty());
    }

    /** One token from the vendor: the vendor's calls, each through the guard; failures as {@link UpstreamException}. */
    private CompletableFuture<IssuedToken> fetchFromVendor(
            Credential credential, Deadline deadline, Fetch fetch, Optional<Account> account) {
        Exchange exchange = new Exchange() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> CompletionStage<T> send(VendorRequest request, AnswerReader<T> reader) {
                return (CompletionStage<T>) guarded(request, (AnswerReader<Object>) reader, deadline, account);
            }
        };
        CompletableFuture<IssuedToken> result = new CompletableFuture<>();
        try {
            fetch.fetch(exchange, credential, clock.instant()).whenComplete((token, failure) -> {
                if (failure == null) {
                    result.complete(token);
                } else {
                    result.completeExceptionally(answerFor(unwrap(failure)));
                }
            });
        } catch (RuntimeException e) {
            result.completeExceptionally(answerFor(e));
        }
        return result;
    }

    /**
     * One request, retried while retrying fits in the deadline; each attempt through the breaker and the budget. Only
     * vendor failures count against {@code max-retries}: a wait for a rate budget is bounded by the deadline alone (a
     * request that comes back when the window turns may find its permits taken by others, and waits again).
     */
    private CompletionStage<Object> guarded(
            VendorRequest request, AnswerReader<Object> reader, Deadline deadline, Optional<Account> account) {
        AtomicInteger vendorRetries = new AtomicInteger();
        TypedGuard<CompletionStage<Object>> retry = TypedGuard.create(new TypeLiteral<CompletionStage<Object>>() {})
                .withRetry()
                .maxRetries(-1)
                .whenException(failure -> worthRetrying(failure, deadline)
                        && (!(failure instanceof AttemptFailure.VendorFailure)
                                || vendorRetries.incrementAndGet() <= maxRetries))
                .beforeRetry(failure -> {
                    if (failure instanceof AttemptFailure.Throttled throttled) {
                        metrics.rateLimitWait(throttled.budget());
                    } else if (failure instanceof RateLimitException) {
                        metrics.rateLimitWait(AttemptFailure.Throttled.Budget.LOCAL);
                    }
                })
                .withCustomBackoff()
                .strategy(() -> new DeadlineBackoff(deadline))
                .done()
                .done()
                .build();
        try {
            return retry.call(() -> guard.call(() -> attempt(request, reader, deadline, account)));
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Whether another attempt after {@code failure} can still end before the deadline. */
    private static boolean worthRetrying(Throwable failure, Deadline deadline) {
        return switch (failure) {
            case AttemptFailure.VendorFailure vendor ->
                vendor.retryable() && deadline.allows(FIRST_BACKOFF, MIN_ATTEMPT);
            case AttemptFailure.Throttled throttled -> deadline.allows(throttled.waitFor(), MIN_ATTEMPT);
            case RateLimitException local ->
                deadline.allows(Duration.ofMillis(Math.max(0, local.getRetryAfterMillis())), MIN_ATTEMPT);
            default -> false;
        };
    }

    /**
     * The delay before the next attempt: what a rate budget asks (plus a little jitter, so that waiting requests do not
     * all come back at once), else exponential from {@link #FIRST_BACKOFF} with full jitter; never past the point where
     * an attempt no longer fits before the deadline.
     */
    static final class DeadlineBackoff implements CustomBackoffStrategy {
        private final Deadline deadline;
        private int retries;

        DeadlineBackoff(Deadline deadline) {
            this.deadline = deadline;
        }

        @Override
        public long nextDelayInMillis(Throwable failure) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            long delay = switch (failure) {
                case AttemptFailure.Throttled throttled -> throttled.waitFor().toMillis() + random.nextLong(1, 26);
                case RateLimitException local -> Math.max(0, local.getRetryAfterMillis()) + random.nextLong(1, 26);
                default -> {
                    long ceiling = FIRST_BACKOFF.toMillis() << Math.min(retries, 10);
                    yield ceiling / 2 + random.nextLong(ceiling / 2 + 1);
                }
            };
            retries++;
            long latest = deadline.remaining().minus(MIN_ATTEMPT).toMillis();
            return Math.max(0, Math.min(delay, latest));
        }
    }

    /** One attempt: the vendor's block, the shared budget, then the call; its answer classified. */
    private CompletionStage<Object> attempt(
            VendorRequest request, AnswerReader<Object> reader, Deadline deadline, Optional<Account> account) {
        long blocked = vendorBlockedUntil.get() - System.nanoTime();
        if (blocked > 0) {
            return CompletableFuture.failedFuture(
                    new AttemptFailure.Throttled(AttemptFailure.Throttled.Budget.VENDOR, Duration.ofNanos(blocked)));
        }
        CompletionStage<Optional<Duration>> permit = account.isEmpty()
                ? CompletableFuture.completedFuture(Optional.empty())
                : shared.acquire(account.get(), policy.rateLimit(), owner + ":" + permits.incrementAndGet());
        CompletableFuture<Object> result = new CompletableFuture<>();
        permit.whenComplete((wait, permitFailure) -> {
            if (wait != null && wait.isPresent()) {
                result.completeExceptionally(
                        new AttemptFailure.Throttled(AttemptFailure.Throttled.Budget.SHARED, wait.get()));
                return;
            }
            long start = System.nanoTime();
            http.send(policy.baseUrl(), request, deadline).onComplete(sent -> {
                long elapsed = System.nanoTime() - start;
                if (sent.failed()) {
                    AttemptFailure failure =
                            sent.cause() instanceof AttemptFailure known ? known : UpstreamHttp.classify(sent.cause());
                    metrics.call(
                            failure instanceof AttemptFailure.VendorFailure vendor ? vendor.outcome() : "error",
                            elapsed);
                    result.completeExceptionally(failure);
                    return;
                }
                VendorAnswer answer = sent.result();
                metrics.call(String.valueOf(answer.status()), elapsed);
                try {
                    result.complete(classify(answer, reader, account));
                } catch (RuntimeException failure) {
                    result.completeExceptionally(failure);
                }
            });
        });
        return result;
    }

    private Object classify(VendorAnswer answer, AnswerReader<Object> reader, Optional<Account> account) {
        int status = answer.status();
        if (status == 429) {
            Duration wait = retryAfter(answer);
            vendorBlockedUntil.accumulateAndGet(System.nanoTime() + wait.toNanos(), Math::max);
            account.ifPresent(a -> shared.block(a, wait));
            throw new AttemptFailure.Throttled(AttemptFailure.Throttled.Budget.VENDOR, wait);
        }
        if (status >= 500) {
            throw new AttemptFailure.VendorFailure(
                    String.valueOf(status), policy.vendor() + " answered " + status, true);
        }
        if (status >= 300 && status < 400) {
            throw new AttemptFailure.VendorFailure(
                    String.valueOf(status),
                    policy.vendor() + " answered a redirect (" + status
                            + "), which the sidecar does not follow: check the profile's base-url",
                    false);
        }
        return reader.read(answer);
    }

    /** How long a 429 asks to wait: {@code Retry-After} (seconds or a date), else the vendor's own header, else 1 s. */
    Duration retryAfter(VendorAnswer answer) {
        Instant now = clock.instant();
        Duration wait = answer.header("retry-after")
                .flatMap(value -> parseRetryAfter(value, now))
                .or(() -> policy.retryAfter().read(answer, now))
                .orElse(Duration.ofSeconds(1));
        if (wait.isNegative()) {
            wait = Duration.ZERO;
        }
        return wait.compareTo(LONGEST_VENDOR_WAIT) > 0 ? LONGEST_VENDOR_WAIT : wait;
    }

    static Optional<Duration> parseRetryAfter(String value, Instant now) {
        String text = value.strip();
        if (text.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
        }
        try {
            return Optional.of(Duration.between(
                    now,
                    ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME)
                            .toInstant()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** What the caller is told when no attempt is left. */
    private UpstreamException answerFor(Throwable failure) {
        UpstreamException answer = switch (failure) {
            case UpstreamException known -> known;
            case AttemptFailure.Throttled throttled ->
                new UpstreamException.RateLimited(
                        switch (throttled.budget()) {
                                    case VENDOR -> policy.vendor() + " answered 429 (rate limit reached)";
                                    case SHARED ->
                                        "the rate budget the sidecars share for " + policy.vendor() + " ("
                                                + policy.rateLimit() + ") is spent";
                                    case LOCAL ->
                                        "the profile's rate budget for " + policy.vendor() + " (" + policy.rateLimit()
                                                + ") is spent";
                                }
                                + " for longer than this request can wait",
                        roundUp(throttled.waitFor()));
            case RateLimitException local ->
                new UpstreamException.RateLimited(
                        "the profile's rate budget for " + policy.vendor() + " (" + policy.rateLimit()
                                + ") is spent for longer than this request can wait",
                        roundUp(Duration.ofMillis(Math.max(0, local.getRetryAfterMillis()))));
            case CircuitBreakerOpenException open ->
                new UpstreamException.Unavailable(
                        "calls to " + policy.vendor() + " failed repeatedly; they are paused (circuit breaker open)",
                        roundUp(breakerRemaining()));
            case AttemptFailure.VendorFailure vendor ->
                new UpstreamException.Unavailable(
                        vendor.getMessage(),
                        breaker == CircuitBreakerState.OPEN ? roundUp(breakerRemaining()) : Duration.ofSeconds(1));
            default -> {
                LOG.errorf(
                        "profile '%s': unexpected failure calling %s: %s",
                        profile, policy.vendor(), failure.getClass().getName());
                yield new UpstreamException.Unavailable(
                        "calling " + policy.vendor() + " failed unexpectedly", Duration.ofSeconds(1));
            }
        };
        metrics.failure(
                switch (answer) {
                    case UpstreamException.Unavailable u ->
                        failure instanceof CircuitBreakerOpenException
                                ? "breaker_open"
                                : failure instanceof AttemptFailure.VendorFailure v && !v.retryable()
                                        ? "malformed"
                                        : "unavailable";
                    case UpstreamException.RateLimited r -> "rate_limited";
                    case UpstreamException.Refused r -> "refused";
                    case UpstreamException.UnknownUser u -> "unknown_user";
                });
        if (!(answer instanceof UpstreamException.UnknownUser)) {
            lastFailure = Optional.of(new Failure(answer.getMessage(), clock.instant()));
        }
        return answer;
    }

    private Duration breakerRemaining() {
        Duration left = breakerDelay.minusNanos(System.nanoTime() - breakerOpenedAt);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** Whole seconds, at least one: what {@code Retry-After} carries. */
    private static Duration roundUp(Duration wait) {
        return Duration.ofSeconds(Math.max(1, (wait.toMillis() + 999) / 1000));
    }

    private void breakerChanged(CircuitBreakerState state) {
        if (state == CircuitBreakerState.OPEN) {
            breakerOpenedAt = System.nanoTime();
            LOG.warnf(
                    "profile '%s': calls to %s failed repeatedly; the circuit breaker is open for %d s (503 at once)",
                    profile, policy.vendor(), breakerDelay.toSeconds());
        } else if (state == CircuitBreakerState.CLOSED && breaker != CircuitBreakerState.CLOSED) {
            LOG.infof("profile '%s': %s answers again; the circuit breaker is closed", profile, policy.vendor());
        }
        breaker = state;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof java.util.concurrent.ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
