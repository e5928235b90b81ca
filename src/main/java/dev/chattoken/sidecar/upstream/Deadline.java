package dev.chattoken.sidecar.upstream;

import java.time.Duration;

/**
 * The moment by which a caller's answer must be ready, on the monotonic clock: every wait, retry and timeout of an
 * upstream call is cut to fit before it.
 */
public record Deadline(long nanoTime) {

    public static Deadline after(Duration budget) {
        return new Deadline(System.nanoTime() + budget.toNanos());
    }

    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, nanoTime - System.nanoTime()));
    }

    /** Whether {@code wait}, then an attempt of at least {@code attempt}, still ends before the deadline. */
    public boolean allows(Duration wait, Duration attempt) {
        return wait.plus(attempt).compareTo(remaining()) <= 0;
    }

    /** {@code limit}, or what is left of the deadline when that is less. */
    public Duration cap(Duration limit) {
        Duration left = remaining();
        return left.compareTo(limit) < 0 ? left : limit;
    }
}
