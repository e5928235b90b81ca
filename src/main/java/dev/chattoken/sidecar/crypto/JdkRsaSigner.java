package dev.chattoken.sidecar.crypto;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Optional;

/** RS256 (RSASSA-PKCS1-v1_5 with SHA-256) computed by the JDK's provider. */
final class JdkRsaSigner implements Signer {

    private final PrivateKey key;
    private final Optional<String> libcryptoRefusal;

    /** @param libcryptoRefusal why libcrypto does not sign with this key, when libcrypto was tried */
    JdkRsaSigner(PrivateKey key, Optional<String> libcryptoRefusal) {
        this.key = key;
        this.libcryptoRefusal = libcryptoRefusal;
    }

    @Override
    public byte[] sign(byte[] signingInput) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signingInput);
            return signature.sign();
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new SigningException("the JDK could not sign RS256 (" + e.getClass().getSimpleName() + ")");
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
