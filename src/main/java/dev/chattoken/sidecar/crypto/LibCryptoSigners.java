package dev.chattoken.sidecar.crypto;

import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * libcrypto's RSA signers (RS256, RS512), in a native executable whose libcrypto loaded and passed the known-answer
 * test. Counts the EVP_PKEYs it holds, for the {@code chat_token_libcrypto_keys} gauge: one per current RSA key. Only
 * ever loaded in a native executable (it refers to native-image types).
 */
final class LibCryptoSigners {

    private final LibCrypto lib;
    private final AtomicInteger liveKeys = new AtomicInteger();

    private LibCryptoSigners(LibCrypto lib) {
        this.lib = lib;
    }

    /**
     * @return the system's libcrypto once it passed the known-answer test; empty when there is none
     * @throws LibCryptoException when it fails the test
     */
    static Optional<LibCryptoSigners> load() throws LibCryptoException {
        Optional<LibCrypto> lib = LibCrypto.load();
        if (lib.isEmpty()) {
            return Optional.empty();
        }
        knownAnswerTest(lib.get());
        return Optional.of(new LibCryptoSigners(lib.get()));
    }

    /**
     * Signs a fixed message with a fixed key under every algorithm and compares with the one correct answer of each: no
     * key generation, so it costs a fraction of a millisecond. Each real key is then proven by its own test signature.
     */
    private static void knownAnswerTest(LibCrypto lib) throws LibCryptoException {
        byte[] der = KnownAnswer.key();
        long key = lib.parsePrivateKey(der);
        try {
            for (RsaAlgorithm algorithm : RsaAlgorithm.values()) {
                byte[] expected = KnownAnswer.signature(algorithm);
                if (!Arrays.equals(lib.sign(key, algorithm, KnownAnswer.MESSAGE, expected.length), expected)) {
                    throw new LibCryptoException("its " + algorithm + " signature of the known-answer test is wrong");
                }
            }
        } finally {
            lib.freePrivateKey(key);
        }
    }

    /**
     * A signer holding the key's own EVP_PKEY, after a test signature made with it verified with the public key.
     *
     * @throws LibCryptoException when libcrypto cannot parse the key or sign with it, or signs wrongly
     */
    Signer rsa(RSAPrivateKey key, RSAPublicKey publicKey, RsaAlgorithm algorithm, byte[] probe)
            throws LibCryptoException {
        byte[] der = key.getEncoded();
        long pkey;
        try {
            pkey = lib.parsePrivateKey(der);
        } finally {
            Arrays.fill(der, (byte) 0);
        }
        liveKeys.incrementAndGet();
        LibCryptoSigner signer = new LibCryptoSigner(lib, new SharedHandle(pkey, this::free), key, algorithm);
        try {
            if (!Signers.verifies(publicKey, algorithm, probe, signer.signOrThrow(probe))) {
                throw new LibCryptoException("its test signature does not verify with the public key");
            }
            return signer;
        } catch (LibCryptoException | RuntimeException e) {
            signer.close();
            throw e;
        }
    }

    private void free(long pkey) {
        lib.freePrivateKey(pkey);
        liveKeys.decrementAndGet();
    }

    int liveKeys() {
        return liveKeys.get();
    }
}
