package dev.chattoken.sidecar.keys;

import dev.chattoken.sidecar.crypto.Signer;
import dev.chattoken.sidecar.crypto.Signers;
import dev.chattoken.sidecar.crypto.UnusableKeyException;
import javax.crypto.SecretKey;

/**
 * A vendor's HMAC secret: the UTF-8 bytes of the secret text.
 *
 * @param signingKey the secret as a JCA key
 * @param length the secret's length in bytes (under 32 is accepted with a warning)
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
        // HS256 takes the vendors' shorter secrets (with a warning); the longer hashes are the profile's own
        // choice, and RFC 7518 3.2 asks for a secret at least as long as their output
        record Hmac(String macName, int minLength) {}
        Hmac hmac = switch (algorithm) {
            case HS256 -> new Hmac("HmacSHA256", 1);
            case HS384 -> new Hmac("HmacSHA384", 48);
            case HS512 -> new Hmac("HmacSHA512", 64);
            case RS256, RS384, RS512, PS256, ES256 ->
                throw new IllegalArgumentException("an HMAC secret does not sign " + algorithm);
        };
        if (length < hmac.minLength()) {
            throw new KeyFileException("holds a secret of " + length + " bytes; " + algorithm + " needs at least "
                    + hmac.minLength() + " (RFC 7518 3.2: as long as the hash output)");
        }
        try {
            return signers.hmac(signingKey, hmac.macName());
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
