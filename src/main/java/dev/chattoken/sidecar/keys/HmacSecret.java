package dev.chattoken.sidecar.keys;

import javax.crypto.SecretKey;

import dev.chattoken.sidecar.crypto.Signer;
import dev.chattoken.sidecar.crypto.Signers;
import dev.chattoken.sidecar.crypto.UnusableKeyException;

/**
 * A vendor's HMAC secret: the UTF-8 bytes of the secret text.
 *
 * @param signingKey  the secret as a JCA key
 * @param length      the secret's length in bytes (under 32 is accepted with a warning)
 * @param fingerprint see {@link Fingerprints#ofSecret}
 */
public record HmacSecret(SecretKey signingKey, int length, String fingerprint) implements SigningKey {

    /** Shorter secrets are weaker than the HS256 key size RFC 7518 asks for; vendors still issue them. */
    public static final int RECOMMENDED_MIN_LENGTH = 32;

    @Override
    public SigningAlgorithm.Family family() {
        return SigningAlgorithm.Family.HMAC;
    }

    @Override
    public Signer newSigner(Signers signers, SigningAlgorithm algorithm) throws KeyFileException {
        if (algorithm != SigningAlgorithm.HS256) {
            throw new IllegalArgumentException("an HMAC secret signs HS256, not " + algorithm);
        }
        try {
            return signers.hs256(signingKey);
        } catch (UnusableKeyException e) {
            throw new KeyFileException(e.getMessage());
        }
    }

    public boolean isShort() {
        return length < RECOMMENDED_MIN_LENGTH;
    }

    @Override
    public String toString() {
        return "HmacSecret[" + length + " bytes, " + fingerprint + "]";
    }
}
