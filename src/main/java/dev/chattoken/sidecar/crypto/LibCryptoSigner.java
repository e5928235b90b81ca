package dev.chattoken.sidecar.crypto;

import java.security.interfaces.RSAPrivateKey;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * An RSASSA-PKCS1-v1_5 signature (RS256, RS512) computed by libcrypto with the key's own EVP_PKEY (native image only).
 * The EVP_PKEY belongs to this signer: {@link #close()} hands it back once the key is replaced, and it is freed when
 * the last signature in flight ends. A signature that starts after that (a request that picked the key just before the
 * rotation) is computed by the JDK with the same key: the same bytes, only slower.
 */
final class LibCryptoSigner implements Signer {

    private static final Logger LOG = Logger.getLogger(LibCryptoSigner.class);

    private final LibCrypto lib;
    private final SharedHandle key;
    private final RsaAlgorithm algorithm;
    private final int signatureLength;
    private final Signer afterClose;

    LibCryptoSigner(LibCrypto lib, SharedHandle key, RSAPrivateKey jdkKey, RsaAlgorithm algorithm) {
        this.lib = lib;
        this.key = key;
        this.algorithm = algorithm;
        this.signatureLength = (jdkKey.getModulus().bitLength() + 7) / 8;
        this.afterClose = new JdkRsaSigner(jdkKey, algorithm, Optional.empty());
    }

    @Override
    public byte[] sign(byte[] signingInput) {
        try {
            return signOrThrow(signingInput);
        } catch (LibCryptoException e) {
            LOG.errorf("libcrypto could not sign %s: %s", algorithm, e.getMessage());
            throw new SigningException("libcrypto could not sign " + algorithm);
        }
    }

    /** {@link #sign} without the log: the load-time probe reports the failure itself. */
    byte[] signOrThrow(byte[] signingInput) throws LibCryptoException {
        if (!key.acquire()) {
            return afterClose.sign(signingInput);
        }
        try {
            return lib.sign(key.address(), algorithm, signingInput, signatureLength);
        } finally {
            key.release();
        }
    }

    @Override
    public String implementation() {
        return "libcrypto";
    }

    @Override
    public void close() {
        key.close();
    }

    @Override
    public String toString() {
        return "LibCryptoSigner";
    }
}
