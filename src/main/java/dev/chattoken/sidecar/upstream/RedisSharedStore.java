package dev.chattoken.sidecar.upstream;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.util.TypeLiteral;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import org.jboss.logging.Logger;

/**
 * The {@link SharedStore} on Redis, through Quarkus' Redis client. Keys (all under {@code key-prefix}, the account's id
 * in braces so that a Redis Cluster keeps an account's keys on one slot):
 *
 * <ul>
 *   <li>{@code <prefix>:{<account>}:t:<identity>}: a token, AES-GCM encrypted with the account's key, with its time to
 *       live
 *   <li>{@code <prefix>:{<account>}:l:<identity>}: the fetch lock, with the deadline of the sidecar that holds it
 *   <li>{@code <prefix>:{<account>}:budget}: the rolling window of the account's calls (a sorted set of call times, by
 *       Redis' own clock, so that the pods' clocks do not matter)
 *   <li>{@code <prefix>:{<account>}:blocked}: set for the time a vendor's 429 asked to wait
 * </ul>
 *
 * Each command is held to {@code chat-token.upstream.shared.timeout} and behind a circuit breaker (SmallRye Fault
 * Tolerance): a Redis that is down costs one fast fallback per command, not a timeout, and is tried again by itself.
 * Needs Redis 5 or newer (a script that reads Redis' clock and then writes).
 */
public final class RedisSharedStore implements SharedStore {

    private static final Logger LOG = Logger.getLogger(RedisSharedStore.class);

    /** Takes a permit of the rolling window, or answers how many milliseconds until one is free. */
    static final String ACQUIRE = """
            local blocked = redis.call('PTTL', KEYS[2])
            if blocked > 0 then return blocked end
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local window = tonumber(ARGV[2])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
            if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
              redis.call('ZADD', KEYS[1], now, ARGV[3])
              redis.call('PEXPIRE', KEYS[1], window)
              return 0
            end
            local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
            return math.max(1, tonumber(oldest[2]) + window - now)
            """;

    /** Deletes the lock only if this sidecar still holds it. */
    static final String UNLOCK = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """;

    private static final int IV_BYTES = 12;

    private final ReactiveRedisDataSource redis;
    private final String prefix;
    private final TypedGuard<CompletionStage<Response>> guard;
    private final SecureRandom random = new SecureRandom();
    private final AtomicReference<Status> status = new AtomicReference<>(Status.UP);
    private final Runnable onFallback;

    /** @param onFallback counts a command that fell back to the sidecar's own cache or budget */
    public RedisSharedStore(ReactiveRedisDataSource redis, String prefix, Duration timeout, Runnable onFallback) {
        this.redis = redis;
        this.prefix = prefix;
        this.onFallback = onFallback;
        this.guard = TypedGuard.create(new TypeLiteral<CompletionStage<Response>>() {})
                .withDescription("chat-token shared store")
                .withTimeout()
                .duration(timeout.toMillis(), ChronoUnit.MILLIS)
                .done()
                .withCircuitBreaker()
                .requestVolumeThreshold(4)
                .failureRatio(0.5)
                .delay(2, ChronoUnit.SECONDS)
                .successThreshold(1)
                .done()
                .build();
    }

    @Override
    public Status status() {
        return status.get();
    }

    @Override
    public CompletionStage<Optional<IssuedToken>> get(Account account, String identity) {
        String key = key(account, "t:" + identity);
        return run(
                Optional.empty(), r -> r == null ? Optional.empty() : decrypt(account, key, r.toString()), "GET", key);
    }

    @Override
    public CompletionStage<Void> put(Account account, String identity, IssuedToken token, Duration ttl) {
        String key = key(account, "t:" + identity);
        return run(
                null,
                r -> null,
                "SET",
                key,
                encrypt(account, key, token),
                "PX",
                String.valueOf(Math.max(1, ttl.toMillis())));
    }

    @Override
    public CompletionStage<Boolean> lock(Account account, String identity, String owner, Duration ttl) {
        return run(
                true,
                r -> r != null,
                "SET",
                key(account, "l:" + identity),
                owner,
                "NX",
                "PX",
                String.valueOf(Math.max(1, ttl.toMillis())));
    }

    @Override
    public CompletionStage<Void> unlock(Account account, String identity, String owner) {
        return run(null, r -> null, "EVAL", UNLOCK, "1", key(account, "l:" + identity), owner);
    }

    @Override
    public CompletionStage<Boolean> locked(Account account, String identity) {
        return run(false, r -> r != null && r.toLong() == 1, "EXISTS", key(account, "l:" + identity));
    }

    @Override
    public CompletionStage<Optional<Duration>> acquire(Account account, RateLimit limit, String member) {
        return run(
                Optional.empty(),
                r -> r.toLong() > 0 ? Optional.of(Duration.ofMillis(r.toLong())) : Optional.empty(),
                "EVAL",
                ACQUIRE,
                "2",
                key(account, "budget"),
                key(account, "blocked"),
                String.valueOf(limit.requests()),
                String.valueOf(limit.window().toMillis()),
                member);
    }

    @Override
    public CompletionStage<Void> block(Account account, Duration duration) {
        return run(
                null,
                r -> null,
                "SET",
                key(account, "blocked"),
                "1",
                "PX",
                String.valueOf(Math.max(1, duration.toMillis())));
    }

    private String key(Account account, String suffix) {
        return prefix + ":{" + account.id() + "}:" + suffix;
    }

    /** Runs one command; when Redis does not answer, {@code fallback} (and the store is marked down until it does). */
    private <T> CompletionStage<T> run(
            T fallback, java.util.function.Function<Response, T> read, String command, String... args) {
        CompletionStage<Response> sent;
        try {
            sent = guard.call(() -> redis.execute(command, args).subscribeAsCompletionStage());
        } catch (Exception e) {
            sent = java.util.concurrent.CompletableFuture.failedFuture(e);
        }
        return sent.handle((response, failure) -> {
            if (failure == null) {
                if (status.getAndSet(Status.UP) == Status.DOWN) {
                    LOG.info(
                            "shared store: Redis answers again; the sidecars share their tokens and rate budget again");
                }
                return read.apply(response);
            }
            if (status.getAndSet(Status.DOWN) == Status.UP) {
                LOG.warnf(
                        "shared store: Redis did not answer (%s); this sidecar uses its own cache and rate budget until it does",
                        rootName(failure));
            }
            onFallback.run();
            return fallback;
        });
    }

    private static String rootName(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }

    private String encrypt(Account account, String key, IssuedToken token) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, account.tokenKey(), new GCMParameterSpec(128, iv));
            cipher.updateAAD(key.getBytes(StandardCharsets.UTF_8));
            byte[] text = token.token().getBytes(StandardCharsets.UTF_8);
            byte[] sealed = cipher.doFinal(ByteBuffer.allocate(8 + text.length)
                    .putLong(token.expiresAt().toEpochMilli())
                    .put(text)
                    .array());
            return Base64.getEncoder()
                    .encodeToString(ByteBuffer.allocate(IV_BYTES + sealed.length)
                            .put(iv)
                            .put(sealed)
                            .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has AES-GCM", e);
        }
    }

    /**
     * The stored token, or empty when the value is not one this account sealed (a rotated credential, another writer).
     */
    private static Optional<IssuedToken> decrypt(Account account, String key, String value) {
        try {
            byte[] stored = Base64.getDecoder().decode(value);
            if (stored.length < IV_BYTES + 8 + 16) {
                return Optional.empty();
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, account.tokenKey(), new GCMParameterSpec(128, stored, 0, IV_BYTES));
            cipher.updateAAD(key.getBytes(StandardCharsets.UTF_8));
            ByteBuffer plain = ByteBuffer.wrap(cipher.doFinal(stored, IV_BYTES, stored.length - IV_BYTES));
            Instant expiresAt = Instant.ofEpochMilli(plain.getLong());
            byte[] text = new byte[plain.remaining()];
            plain.get(text);
            return Optional.of(new IssuedToken(new String(text, StandardCharsets.UTF_8), expiresAt));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
