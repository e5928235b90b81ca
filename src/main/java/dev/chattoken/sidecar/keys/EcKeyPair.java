package dev.chattoken.sidecar.keys;

import dev.chattoken.sidecar.crypto.Signer;
import dev.chattoken.sidecar.crypto.Signers;
import dev.chattoken.sidecar.crypto.UnusableKeyException;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;

/**
 * An EC private key on P-256 with its public half (for JWKS and fingerprints).
 *
 * @param signingKey the private key
 * @param publicKey the matching public key (checked against the private scalar at load)
 * @param thumbprint the RFC 7638 JWK SHA-256 thumbprint of the public key (over crv, kty, x, y), base64url
 * @param fingerprint see {@link Fingerprints#ofPublicKey}
 */
public record EcKeyPair(ECPrivateKey signingKey, ECPublicKey publicKey, String thumbprint, String fingerprint)
        implements KeyPairKey {

    /** The one curve ES256 signs on (RFC 7518 3.4). */
    public static final String CURVE = "P-256";

    @Override
    public SigningAlgorithm.Family family() {
        return SigningAlgorithm.Family.EC;
    }

    @Override
    public Signer newSigner(Signers signers, SigningAlgorithm algorithm) throws KeyFileException {
        if (algorithm != SigningAlgorithm.ES256) {
            throw new IllegalArgumentException("an EC key does not sign " + algorithm);
        }
        try {
            return signers.es256(signingKey, publicKey);
        } catch (UnusableKeyException e) {
            throw new KeyFileException(e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "EcKeyPair[" + CURVE + ", kid " + thumbprint + ", " + fingerprint + "]";
    }
}
