package dev.chattoken.sidecar.keys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One profile's keys over time: the key that signs now, the keys it replaced (kept for verification and the JWKS
 * until every token they signed has expired) and the last reload that failed. Minting reads {@link #current()},
 * a single volatile read; every change publishes a new immutable {@link State}.
 */
public final class KeyRing {

    /** A replaced key and the moment it may be forgotten. */
    public record Retired(SigningKey key, Instant until) {
    }

    /** A key file change that could not be used; the last good key keeps serving. */
    public record ReloadFailure(String reason, Instant at) {
    }

    /**
     * @param current    the key that signs
     * @param loadedAt   when {@code current} was read
     * @param previous   replaced keys still within their retention, newest first
     * @param lastFailure the last refused change, cleared when a good key is read again
     */
    public record State(SigningKey current, Instant loadedAt, List<Retired> previous, Optional<ReloadFailure> lastFailure) {
        public State {
            previous = List.copyOf(previous);
        }

        /** The current key, then the previous ones still valid at {@code now}. */
        public List<SigningKey> keysValidAt(Instant now) {
            List<SigningKey> keys = new ArrayList<>();
            keys.add(current);
            previous.stream().filter(r -> r.until().isAfter(now)).map(Retired::key).forEach(keys::add);
            return keys;
        }
    }

    /** What a reload did, for logs and metrics. */
    public enum Outcome {
        /** the file holds what was read last time (or the same refused content): nothing to do */
        UNCHANGED,
        /** a new key replaced the current one */
        ROTATED,
        /** the file changed but the key is the same as a whole (e.g. a newline added, another format): nothing rotated */
        SAME_KEY,
        /** the file changed to something unusable; the last good key keeps serving */
        REFUSED
    }

    private final Duration retention;
    private final Clock clock;
    private volatile State state;
    /** Digest of the file content last looked at, good or bad, so that one change is handled (and logged) once. */
    private byte[] lastDigest;

    /**
     * @param retention how long a replaced key stays valid: the longest lifetime of a token it may have signed,
     *                  plus clock skew; zero drops it at once
     */
    public KeyRing(SigningKey initial, byte[] digest, Duration retention, Clock clock) {
        this.retention = retention;
        this.clock = clock;
        this.state = new State(initial, clock.instant(), List.of(), Optional.empty());
        this.lastDigest = digest.clone();
    }

    public SigningKey current() {
        return state.current();
    }

    public State state() {
        return state;
    }

    public Duration retention() {
        return retention;
    }

    /**
     * Offers the file's current content: {@code parsed} is the key it holds, or the reason it holds none.
     * Synchronized: the watcher is the only writer, tests may call it too.
     */
    public synchronized Outcome offer(byte[] digest, KeyFiles.Parsed parsed) {
        if (Arrays.equals(digest, lastDigest)) {
            return Outcome.UNCHANGED;
        }
        lastDigest = digest.clone();
        Instant now = clock.instant();
        State before = state;
        if (parsed instanceof KeyFiles.Parsed.Refused refused) {
            state = new State(before.current(), before.loadedAt(), before.previous(),
                    Optional.of(new ReloadFailure(refused.reason(), now)));
            return Outcome.REFUSED;
        }
        SigningKey key = ((KeyFiles.Parsed.Key) parsed).key();
        if (key.sameMaterialAs(before.current())) {
            state = new State(before.current(), before.loadedAt(), before.previous(), Optional.empty());
            return Outcome.SAME_KEY;
        }
        List<Retired> previous = new ArrayList<>();
        if (!retention.isZero()) {
            previous.add(new Retired(before.current(), now.plus(retention)));
        }
        before.previous().stream().filter(r -> r.until().isAfter(now)).forEach(previous::add);
        state = new State(key, now, previous, Optional.empty());
        return Outcome.ROTATED;
    }
}
