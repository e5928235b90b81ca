package dev.chattoken.sidecar.keys;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.HexFormat;

/** Short, display-safe SHA-256 fingerprints of keys. */
public final class Fingerprints {

    /** 8 bytes are plenty to tell keys apart and say little about the key. */
    private static final int SHOWN_BYTES = 8;

    /**
     * A prefix keeps the fingerprint of a secret from being the plain SHA-256 that a lookup table for common secrets
     * would hold.
     */
    private static final byte[] SECRET_DOMAIN =
            "chat-token-sidecar/hmac-secret-fingerprint/v1\0".getBytes(StandardCharsets.US_ASCII);

    private Fingerprints() {}

    /**
     * SHA-256 of the DER SubjectPublicKeyInfo, truncated: the same value {@code openssl pkey -pubout -outform DER |
     * sha256sum} starts with.
     */
    public static String ofPublicKey(PublicKey key) {
        return format(Sha256.of(key.getEncoded()));
    }

    /** SHA-256 of a domain prefix and the secret, truncated. */
    public static String ofSecret(byte[] secret) {
        return format(Sha256.of(SECRET_DOMAIN, secret));
    }

    private static String format(byte[] digest) {
        return "sha256:" + HexFormat.of().formatHex(digest, 0, SHOWN_BYTES);
    }
}
