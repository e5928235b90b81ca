package dev.chattoken.sidecar.crypto;

/**
 * A key that no signer can use. The message completes "key file F ..." ("holds an RSA private key that ...") and never
 * holds key material.
 */
public final class UnusableKeyException extends Exception {

    public UnusableKeyException(String reason) {
        super(reason, null, false, false);
    }
}
