package dev.chattoken.sidecar.crypto;

/** A signature could not be computed. The message names the step or the exception class, never key material. */
public final class SigningException extends RuntimeException {

    public SigningException(String message) {
        super(message, null, false, false);
    }
}
