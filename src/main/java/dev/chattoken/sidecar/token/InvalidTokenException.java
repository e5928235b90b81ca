package dev.chattoken.sidecar.token;

/** A token that does not verify for a profile: answered with 401 and the reason. */
public final class InvalidTokenException extends RuntimeException {

    public InvalidTokenException(String reason) {
        super(reason, null, false, false);
    }
}
