package dev.chattoken.sidecar.crypto;

/**
 * A libcrypto call failed. The message names the function and OpenSSL's error code and text
 * ({@code error:1C880004:Provider routines::RSA lib}): library and reason, never key material.
 */
final class LibCryptoException extends Exception {

    LibCryptoException(String message) {
        super(message, null, false, false);
    }
}
