package dev.chattoken.sidecar.upstream;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * One profile's tokens by identity (Caffeine): at most {@code size} of them, the least used evicted first, each kept
 * until its vendor's expiry minus the refresh margin. A token fetch under way is in the cache as its future, so that
 * concurrent requests for the same identity wait for the one fetch (single flight); a fetch that fails leaves nothing
 * behind. Identities are held as 128 bits of their SHA-256, so an entry's size does not grow with a long e-mail.
 */
final class TokenCache {

    /**
     * What an entry takes besides its token's characters: the cache's node, the key, the future, the token's record,
     * string and expiry objects. {@link UpstreamPolicy#cacheBoundBytes()} adds it to the longest token.
     */
    static final int ENTRY_OVERHEAD_BYTES = 384;

    /** A cached token and where it was first fetched from. */
    record Entry(IssuedToken token, TokenSource source) {}

    /** The 128-bit digest of an identity. */
    record Key(long high, long low) {
        static Key of(String identity) {
            try {
                ByteBuffer digest = ByteBuffer.wrap(
                        MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8)));
                return new Key(digest.getLong(), digest.getLong());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime has SHA-256", e);
            }
        }
    }

    private final AsyncCache<Key, Entry> cache;

    TokenCache(int size, Duration refreshMargin, Clock clock) {
        this.cache = Caffeine.newBuilder()
                .maximumSize(size)
                .executor(Runnable::run)
                .expireAfter(new Expiry<Key, Entry>() {
                    @Override
                    public long expireAfterCreate(Key key, Entry entry, long now) {
                        long nanos = Duration.between(
                                        clock.instant(),
                                        entry.token().expiresAt().minus(refreshMargin))
                                .toNanos();
                        return Math.max(0, nanos);
                    }

                    @Override
                    public long expireAfterUpdate(Key key, Entry entry, long now, long current) {
                        return expireAfterCreate(key, entry, now);
                    }

                    @Override
                    public long expireAfterRead(Key key, Entry entry, long now, long current) {
                        return current;
                    }
                })
                .buildAsync();
    }

    /** The token cached for {@code key}, when one is there and not within its refresh margin. */
    Optional<Entry> cached(Key key) {
        CompletableFuture<Entry> entry = cache.getIfPresent(key);
        return entry != null && entry.isDone() && !entry.isCompletedExceptionally()
                ? Optional.of(entry.join())
                : Optional.empty();
    }

    /**
     * The token of {@code key}: the one cached or being fetched, else the one {@code fetch} starts now.
     *
     * @return the entry's future, and whether this call started the fetch
     */
    Lookup lookup(Key key, Supplier<CompletableFuture<Entry>> fetch) {
        boolean[] started = {false};
        CompletableFuture<Entry> entry = cache.get(key, (k, executor) -> {
            started[0] = true;
            return fetch.get();
        });
        return new Lookup(entry, started[0]);
    }

    record Lookup(CompletableFuture<Entry> entry, boolean started) {}

    /** Entries held, fetches under way included (an estimate, as Caffeine counts). */
    long size() {
        return cache.synchronous().estimatedSize();
    }

    /** Drops every entry (a test's fresh start; never called on the request path). */
    void clear() {
        cache.synchronous().invalidateAll();
    }
}
