package dev.chattoken.sidecar.upstream;

import java.time.Duration;

/**
 * Why one attempt at a vendor call failed, inside the guard: it decides whether the attempt is tried again and whether
 * it counts against the circuit breaker, and becomes an {@link UpstreamException} when no attempt is left.
 */
public abstract sealed class AttemptFailure extends RuntimeException {

    AttemptFailure(String detail) {
        super(detail, null, false, false);
    }

    /**
     * The vendor failed: a 5xx, a timeout, a reset or refused connection, a TLS failure, an answer that is malformed or
     * too large. Counts against the breaker.
     *
     * @param outcome the metric label ({@code 503}, {@code timeout}, {@code malformed}, ...)
     * @param retryable false for an answer that arrived but cannot be read: asking again would spend the vendor's rate
     *     limit on the same answer
     */
    public static final class VendorFailure extends AttemptFailure {
        private final String outcome;
        private final boolean retryable;

        VendorFailure(String outcome, String detail, boolean retryable) {
            super(detail);
            this.outcome = outcome;
            this.retryable = retryable;
        }

        public String outcome() {
            return outcome;
        }

        public boolean retryable() {
            return retryable;
        }
    }

    /** A rate budget is spent: the vendor's (its 429), the pods' shared one, or this profile's own. */
    public static final class Throttled extends AttemptFailure {
        public enum Budget {
            /** the vendor answered 429 */
            VENDOR,
            /** the budget the pods share through Redis */
            SHARED,
            /** this sidecar's own budget for the profile */
            LOCAL;

            public String label() {
                return name().toLowerCase(java.util.Locale.ROOT);
            }
        }

        private final Duration wait;
        private final Budget budget;

        Throttled(Budget budget, Duration wait) {
            super(budget.label() + " rate budget spent for " + wait.toMillis() + " ms");
            this.budget = budget;
            this.wait = wait;
        }

        public Duration waitFor() {
            return wait;
        }

        public Budget budget() {
            return budget;
        }
    }
}
