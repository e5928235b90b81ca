package dev.chattoken.sidecar.upstream;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What the sidecars of a deployment share: tokens by account and identity (stored with their time to live), a lock per
 * identity so that one of them fetches while the others wait, and one rate budget per account. Every operation has an
 * answer when the store does not answer (nothing cached, the lock taken, a permit given): each sidecar then goes on
 * with its own cache and budget, and uses the store again as soon as it answers.
 */
public interface SharedStore {

    /** How the store is doing, for {@code /v1/profiles} and the metrics. */
    enum Status {
        /** no shared store is configured */
        OFF,
        /** the store answers */
        UP,
        /** the store did not answer lately: each sidecar uses its own cache and budget */
        DOWN
    }

    Status status();

    /** The token another sidecar stored for this identity; empty when there is none or the store does not answer. */
    CompletionStage<Optional<IssuedToken>> get(Account account, String identity);

    /** Stores a token for {@code ttl}. */
    CompletionStage<Void> put(Account account, String identity, IssuedToken token, Duration ttl);

    /**
     * Takes the identity's fetch lock for {@code ttl}: true when this sidecar should fetch (it holds the lock, or the
     * store does not answer), false when another sidecar is fetching.
     */
    CompletionStage<Boolean> lock(Account account, String identity, String owner, Duration ttl);

    /** Releases the lock, if {@code owner} still holds it. */
    CompletionStage<Void> unlock(Account account, String identity, String owner);

    /** Whether another sidecar still holds the identity's fetch lock (false when the store does not answer). */
    CompletionStage<Boolean> locked(Account account, String identity);

    /**
     * Takes one permit of the account's rate budget: empty when taken (or when the store does not answer: the sidecar's
     * own budget still holds), else how long until one is free (the vendor's own block included).
     */
    CompletionStage<Optional<Duration>> acquire(Account account, RateLimit limit, String member);

    /** Holds every sidecar of the account off the vendor for {@code duration} (the vendor answered 429). */
    CompletionStage<Void> block(Account account, Duration duration);

    /** No sharing: every sidecar on its own. */
    SharedStore NONE = new SharedStore() {
        @Override
        public Status status() {
            return Status.OFF;
        }

        @Override
        public CompletionStage<Optional<IssuedToken>> get(Account account, String identity) {
            return CompletableFuture.completedFuture(Optional.empty());
        }

        @Override
        public CompletionStage<Void> put(Account account, String identity, IssuedToken token, Duration ttl) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<Boolean> lock(Account account, String identity, String owner, Duration ttl) {
            return CompletableFuture.completedFuture(true);
        }

        @Override
        public CompletionStage<Void> unlock(Account account, String identity, String owner) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<Boolean> locked(Account account, String identity) {
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
    };
}
