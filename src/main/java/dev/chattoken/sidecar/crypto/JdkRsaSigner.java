package dev.chattoken.sidecar.crypto;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Optional;

/** An RSASSA-PKCS1-v1_5 signature (RS256, RS384, RS512) computed by the JDK's provider. */
final class JdkRsaSigner implements Signer {

    private final PrivateKey key;
    private final RsaAlgorithm algorithm;
    private final Optional<String> libcryptoRefusal;

    /** @param libcryptoRefusal why libcrypto does not sign with this key, when libcrypto was tried */
    JdkRsaSigner(PrivateKey key, RsaAlgorithm algorithm, Optional<String> libcryptoRefusal) {
        this.key = key;
        this.algorithm = algorithm;
        this.libcryptoRefusal = libcryptoRefusal;
    }

    @Override
    public byte[] sign(byte[] signingInput) {
        try {
            Signature signature = Signature.getInstance(algorithm.jcaName());
            signature.initSign(key);
            signature.update(signingInput);
            return signature.sign();
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new SigningException(
                    "the JDK could not sign " + algorithm + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    @Override
    public String implementation() {
        return "the JDK";
    }

    @Override
    public Optional<String> libcryptoRefusal() {
        return libcryptoRefusal;
    }

    @Override
    public String toString() {
        return "JdkRsaSigner"; // never the key: a JDK RSA key's toString prints its private exponent
    }
}
