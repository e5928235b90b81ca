package dev.chattoken.sidecar.crypto;

import java.util.Optional;

/**
 * Computes the JWS signatures of one key. {@link Signers} chooses it when the key is loaded and proves it with a test
 * signature, so a key that cannot sign never serves. An interface rather than a sealed type: other algorithms (ES256,
 * PS256, ...) and backends are expected to add implementations.
 */
public interface Signer extends AutoCloseable {

    /**
     * @param signingInput the ASCII bytes of {@code base64url(header) "." base64url(payload)}
     * @return the JWS signature
     * @throws SigningException when the signature cannot be computed (the message never holds key material)
     */
    byte[] sign(byte[] signingInput);

    /** Who computes the signatures, for the log: {@code libcrypto} or {@code the JDK}. */
    String implementation();

    /** Why libcrypto does not sign with this key although it is in use (the JDK signs instead), for the log. */
    default Optional<String> libcryptoRefusal() {
        return Optional.empty();
    }

    /**
     * Called once the key can no longer sign (it was replaced): frees what the signer holds outside the Java heap.
     * Signatures in flight finish; one that starts afterwards is still computed, by the JDK.
     */
    @Override
    default void close() {}
}
