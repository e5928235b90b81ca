package dev.chattoken.sidecar.crypto;

import java.security.interfaces.RSAPrivateKey;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongConsumer;

import org.jboss.logging.Logger;

/**
 * RS256 computed by libcrypto with the key's own EVP_PKEY (native image only). The EVP_PKEY belongs to this
 * signer: {@link #close()} hands it back once the key is replaced, and it is freed when the last signature in
 * flight ends. A signature that starts after that (a request that picked the key just before the rotation) is
 * computed by the JDK with the same key: the same bytes, only slower.
 *
 * <p>Signing contexts are set up once and reused: a signature takes one from {@link #idle} (or sets up a new one
 * when all are in use, so there are at most as many as threads ever signed at once) and puts it back after. They
 * are freed with the key, by the last release of its handle: every signature puts its context back before it
 * releases the handle, so none is in use then.
 */
final class LibCryptoSigner implements Signer {

    private static final Logger LOG = Logger.getLogger(LibCryptoSigner.class);

    private final LibCrypto lib;
    private final SharedHandle key;
    private final ConcurrentLinkedQueue<Long> idle = new ConcurrentLinkedQueue<>();
    private final int signatureLength;
    private final Signer afterClose;

    /** @param freeKey frees the EVP_PKEY, after the signing contexts */
    LibCryptoSigner(LibCrypto lib, long pkey, LongConsumer freeKey, RSAPrivateKey jdkKey) {
        this.lib = lib;
        this.key = new SharedHandle(pkey, address -> {
            for (Long context = idle.poll(); context != null; context = idle.poll()) {
                lib.freeSigningContext(context);
            }
            freeKey.accept(address);
        });
        this.signatureLength = (jdkKey.getModulus().bitLength() + 7) / 8;
        this.afterClose = new JdkRsaSigner(jdkKey, Optional.empty());
    }

    @Override
    public byte[] sign(byte[] signingInput) {
        try {
            return signOrThrow(signingInput);
        } catch (LibCryptoException e) {
            LOG.errorf("libcrypto could not sign RS256: %s", e.getMessage());
            throw new SigningException("libcrypto could not sign RS256");
        }
    }

    /** {@link #sign} without the log: the load-time probe reports the failure itself. */
    byte[] signOrThrow(byte[] signingInput) throws LibCryptoException {
        if (!key.acquire()) {
            return afterClose.sign(signingInput);
        }
        try {
            Long pooled = idle.poll();
            long context = pooled != null ? pooled : lib.newSigningContext(key.address());
            byte[] signature;
            try {
                signature = lib.signSha256(context, signingInput, signatureLength);
            } catch (LibCryptoException | RuntimeException e) {
                lib.freeSigningContext(context); // not put back: a context that failed is not trusted again
                throw e;
            }
            idle.offer(context);
            return signature;
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
