package dev.chattoken.sidecar.upstream;

import java.time.Duration;
import java.util.Optional;

/**
 * Why a vendor's API gave no token, as the caller is told: in the sidecar's own words, never the vendor's body, and
 * with the time after which asking again may help. The API answers each with a problem of its own type.
 */
public abstract sealed class UpstreamException extends RuntimeException {

    UpstreamException(String detail) {
        super(detail, null, false, false);
    }

    /** The vendor is down, slow, answers 5xx or what cannot be read, or the breaker is open: 503. */
    public static final class Unavailable extends UpstreamException {
        private final Duration retryAfter;

        public Unavailable(String detail, Duration retryAfter) {
            super(detail);
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }

    /** The vendor's rate limit, or the profile's share of it, is spent for longer than the caller can wait: 429. */
    public static final class RateLimited extends UpstreamException {
        private final Duration retryAfter;

        public RateLimited(String detail, Duration retryAfter) {
            super(detail);
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }

    /**
     * The vendor refused the sidecar's request (its credential, the account's plan, the request itself): asking again
     * does not help until someone changes the configuration or the account. 503, without a time to come back.
     */
    public static final class Refused extends UpstreamException {
        public Refused(String detail) {
            super(detail);
        }
    }

    /** The vendor has no user of this id (and the profile does not create users): 404 naming the field. */
    public static final class UnknownUser extends UpstreamException {
        private final String field;

        public UnknownUser(String field, String detail) {
            super(detail);
            this.field = field;
        }

        public Optional<String> field() {
            return Optional.of(field);
        }
    }
}
