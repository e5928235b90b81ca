package dev.chattoken.sidecar.keys;

import java.security.Key;

/**
 * A parsed, validated key, held in memory so that no request reads the disk.
 * Implementations never print their material: {@code toString} shows the fingerprint only.
 */
public sealed interface SigningKey permits HmacSecret, RsaKeyPair {

    SigningAlgorithm algorithm();

    /** The JCA key the signature is computed with. */
    Key signingKey();

    /** A short SHA-256 based fingerprint: safe to show, enough to tell two keys apart. */
    String fingerprint();
}
