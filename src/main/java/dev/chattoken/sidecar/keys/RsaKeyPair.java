package dev.chattoken.sidecar.keys;

import dev.chattoken.sidecar.crypto.RsaAlgorithm;
import dev.chattoken.sidecar.crypto.Signer;
import dev.chattoken.sidecar.crypto.Signers;
import dev.chattoken.sidecar.crypto.UnusableKeyException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;

/**
 * An RSA private key with its public half (for JWKS and fingerprints).
 *
 * @param signingKey the private key
 * @param publicKey the matching public key
 * @param thumbprint the RFC 7638 JWK SHA-256 thumbprint of the public key, base64url: the default {@code kid}
 * @param fingerprint see {@link Fingerprints#ofPublicKey}
 */
public record RsaKeyPair(RSAPrivateKey signingKey, RSAPublicKey publicKey, String thumbprint, String fingerprint)
        implements KeyPairKey {

    public static final int MIN_BITS = 2048;

    @Override
    public SigningAlgorithm.Family family() {
        return SigningAlgorithm.Family.RSA;
    }

    @Override
    public Signer newSigner(Signers signers, SigningAlgorithm algorithm) throws KeyFileException {
        try {
            return switch (algorithm) {
                case RS256 -> signers.rsa(signingKey, publicKey, RsaAlgorithm.RS256);
                case RS384 -> signers.rsa(signingKey, publicKey, RsaAlgorithm.RS384);
                case RS512 -> signers.rsa(signingKey, publicKey, RsaAlgorithm.RS512);
                case PS256 -> signers.ps256(signingKey, publicKey);
                case HS256, HS384, HS512, ES256 ->
                    throw new IllegalArgumentException("an RSA key does not sign " + algorithm);
            };
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
