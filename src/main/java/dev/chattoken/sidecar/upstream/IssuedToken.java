package dev.chattoken.sidecar.upstream;

import java.time.Instant;

/**
 * A token the vendor issued, and when the vendor says it expires (from its answer, or from its documented lifetime
 * counted from the moment the request was sent).
 */
public record IssuedToken(String token, Instant expiresAt) {

    @Override
    public String toString() { // a bearer credential: never in a log line
        return "IssuedToken[expires " + expiresAt + "]";
    }
}
