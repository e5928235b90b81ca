package dev.chattoken.sidecar.keys;

import dev.chattoken.sidecar.crypto.Signer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One profile's keys over time: the key that signs now with its signer, the keys it replaced (kept for verification and
 * the JWKS until every token they signed has expired, without a signer: they sign no more) and the last reload that
 * failed. Minting reads {@link #state()}, a single volatile read, so the kid and the signature always come from the
 * same key; every change publishes a new immutable {@link State}.
 */
public final class KeyRing {

    /** Makes a new key's signer, proven by a test signature ({@link SigningKey#newSigner}). */
    @FunctionalInterface
    public interface SignerFactory {
        /** @throws KeyFileException when the key cannot sign: it is refused like an unparseable one */
        Signer signerFor(SigningKey key) throws KeyFileException;
    }

    /** A key and the id its issuer gave it ({@code key-id-file}), read together. */
    public record Issued(SigningKey key, Optional<String> keyId) {}

    /** A replaced key, its id, and the moment it may be forgotten. */
    public record Retired(SigningKey key, Optional<String> keyId, Instant until) {}

    /** A key file change that could not be used; the last good key keeps serving. */
    public record ReloadFailure(String reason, Instant at) {}

    /**
     * @param current the key that signs
     * @param keyId the id issued with {@code current}, read from the same Secret ({@code key-id-file})
     * @param signer {@code current}'s signer
     * @param loadedAt when {@code current} was read
     * @param previous replaced keys still within their retention, newest first
     * @param lastFailure the last refused change, cleared when a good key is read again
     */
    public record State(
            SigningKey current,
            Optional<String> keyId,
            Signer signer,
            Instant loadedAt,
            List<Retired> previous,
            Optional<ReloadFailure> lastFailure) {
        public State {
            previous = List.copyOf(previous);
        }

        /** The current key, then the previous ones still valid at {@code now}, each with its id. */
        public List<Issued> validAt(Instant now) {
            List<Issued> keys = new ArrayList<>();
            keys.add(new Issued(current, keyId));
            previous.stream()
                    .filter(r -> r.until().isAfter(now))
                    .map(r -> new Issued(r.key(), r.keyId()))
                    .forEach(keys::add);
            return keys;
        }

        /** How long {@code current} has signed at {@code now}: the one definition of a key's age. */
        public Duration age(Instant now) {
            return Duration.between(loadedAt, now);
        }

        /** The keys of {@link #validAt}. */
        public List<SigningKey> keysValidAt(Instant now) {
            return validAt(now).stream().map(Issued::key).toList();
        }
    }

    /** What a reload did, for logs and metrics. */
    public enum Outcome {
        /** the file holds what was read last time (or the same refused content): nothing to do */
        UNCHANGED,
        /** a new key replaced the current one */
        ROTATED,
        /**
         * the file changed but the key (and its id) are the same as a whole (a newline added, another format): nothing
         * rotated
         */
        SAME_KEY,
        /** the file changed to something unusable (or a key that cannot sign); the last good key keeps serving */
        REFUSED
    }

    private final Duration retention;
    private final Clock clock;
    private final SignerFactory signers;
    private volatile State state;
    /** Digest of the file content last looked at, good or bad, so that one change is handled (and logged) once. */
    private byte[] lastDigest;

    private KeyRing(
            Issued initial, Signer signer, byte[] digest, Duration retention, Clock clock, SignerFactory signers) {
        this.retention = retention;
        this.clock = clock;
        this.signers = signers;
        this.state = new State(initial.key(), initial.keyId(), signer, clock.instant(), List.of(), Optional.empty());
        this.lastDigest = digest.clone();
    }

    /**
     * @param digest the digest of the file content {@code initial} was read from
     * @param retention how long a replaced key stays valid: the longest lifetime of a token it may have signed, plus
     *     clock skew; zero drops it at once
     * @param signers makes the signer of {@code initial} and of every key rotated in later
     * @throws KeyFileException when {@code initial} cannot sign
     */
    public static KeyRing load(Issued initial, byte[] digest, Duration retention, Clock clock, SignerFactory signers)
            throws KeyFileException {
        return new KeyRing(initial, signers.signerFor(initial.key()), digest, retention, clock, signers);
    }

    public SigningKey current() {
        return state.current();
    }

    /** The current key's age, on the ring's clock. */
    public Duration keyAge() {
        return state().age(clock.instant());
    }

    public State state() {
        return state;
    }

    public Duration retention() {
        return retention;
    }

    /**
     * Offers the file's current content: {@code parsed} is the key it holds, or the reason it holds none. Synchronized:
     * the watcher is the only writer, tests may call it too.
     */
    public synchronized Outcome offer(byte[] digest, KeyFiles.Parsed parsed) {
        if (Arrays.equals(digest, lastDigest)) {
            return Outcome.UNCHANGED;
        }
        lastDigest = digest.clone();
        Instant now = clock.instant();
        State before = state;
        if (parsed instanceof KeyFiles.Parsed.Refused refused) {
            state = refused(before, refused.reason(), now);
            return Outcome.REFUSED;
        }
        KeyFiles.Parsed.Key issued = (KeyFiles.Parsed.Key) parsed;
        SigningKey key = issued.key();
        if (key.sameMaterialAs(before.current()) && issued.keyId().equals(before.keyId())) {
            state = new State(
                    before.current(),
                    before.keyId(),
                    before.signer(),
                    before.loadedAt(),
                    before.previous(),
                    Optional.empty());
            return Outcome.SAME_KEY;
        }
        Signer signer;
        try {
            signer = signers.signerFor(key);
        } catch (KeyFileException e) {
            state = refused(before, e.getMessage(), now);
            return Outcome.REFUSED;
        }
        List<Retired> previous = new ArrayList<>();
        if (!retention.isZero()) {
            previous.add(new Retired(before.current(), before.keyId(), now.plus(retention)));
        }
        before.previous().stream().filter(r -> r.until().isAfter(now)).forEach(previous::add);
        state = new State(key, issued.keyId(), signer, now, previous, Optional.empty()); // the key and its id, at once
        before.signer().close(); // it signs no more; a signature in flight keeps its native key until it ends
        return Outcome.ROTATED;
    }

    private static State refused(State before, String reason, Instant now) {
        return new State(
                before.current(),
                before.keyId(),
                before.signer(),
                before.loadedAt(),
                before.previous(),
                Optional.of(new ReloadFailure(reason, now)));
    }
}
