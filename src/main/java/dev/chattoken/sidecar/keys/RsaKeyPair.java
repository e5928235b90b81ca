package dev.chattoken.sidecar.keys;

import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;

import dev.chattoken.sidecar.crypto.RsaAlgorithm;
import dev.chattoken.sidecar.crypto.Signer;
import dev.chattoken.sidecar.crypto.Signers;
import dev.chattoken.sidecar.crypto.UnusableKeyException;

/**
 * An RSA private key with its public half (for JWKS and fingerprints).
 *
 * @param signingKey  the private key
 * @param publicKey   the matching public key
 * @param thumbprint  the RFC 7638 JWK SHA-256 thumbprint of the public key, base64url: the default {@code kid}
 * @param fingerprint see {@link Fingerprints#ofPublicKey}
 */
public record RsaKeyPair(RSAPrivateKey signingKey, RSAPublicKey publicKey, String thumbprint, String fingerprint)
        implements SigningKey {

    public static final int MIN_BITS = 2048;

    @Override
    public SigningAlgorithm.Family family() {
        return SigningAlgorithm.Family.RSA;
    }

    @Override
    public Signer newSigner(Signers signers, SigningAlgorithm algorithm) throws KeyFileException {
        RsaAlgorithm rsa = switch (algorithm) {
            case RS256 -> RsaAlgorithm.RS256;
            case RS512 -> RsaAlgorithm.RS512;
            case HS256 -> throw new IllegalArgumentException("an RSA key does not sign " + algorithm);
        };
        try {
            return signers.rsa(signingKey, publicKey, rsa);
        } catch (UnusableKeyException e) {
            throw new KeyFileException(e.getMessage());
        }
    }

    public int bits() {
        return publicKey.getModulus().bitLength();
    }

    @Override
    public String toString() {
        return "RsaKeyPair[" + bits() + " bits, kid " + thumbprint + ", " + fingerprint + "]";
    }
}
