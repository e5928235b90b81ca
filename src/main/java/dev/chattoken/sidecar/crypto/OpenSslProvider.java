package dev.chattoken.sidecar.crypto;

import java.security.InvalidKeyException;
import java.security.InvalidParameterException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.security.interfaces.RSAPrivateKey;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A JCA provider with one service, {@code Signature.SHA256withRSA} for RSA private keys, computed by libcrypto.
 * Inserted first, it is what jose4j (under SmallRye JWT) gets for RS256 signing, with no change to the signing
 * code; verification, with public keys, still goes to the JDK's provider. Native image only: there the JDK's RSA
 * runs without the JIT's BigInteger intrinsics and signs several times slower than OpenSSL.
 */
final class OpenSslProvider extends Provider {

    static final String NAME = "ChatTokenLibCrypto";

    /** EVP_PKEYs by private key: parsed once per key (keys rotate rarely; the few replaced ones are kept). */
    private final Map<RSAPrivateKey, Long> keys = new ConcurrentHashMap<>();

    OpenSslProvider(LibCrypto lib) {
        super(NAME, "1", "SHA256withRSA signing through the system's libcrypto");
        putService(new Service(this, "Signature", "SHA256withRSA", Rs256Signature.class.getName(), List.of(),
                Map.of("SupportedKeyClasses", "java.security.interfaces.RSAPrivateKey")) {
            @Override
            public Object newInstance(Object parameter) {
                return new Rs256Signature(lib, keys);
            }

            @Override
            public boolean supportsParameter(Object key) {
                return key instanceof RSAPrivateKey;
            }
        });
    }

    /** One signing operation: collects the data, signs it in {@link #engineSign()}. */
    static final class Rs256Signature extends SignatureSpi {
        private final LibCrypto lib;
        private final Map<RSAPrivateKey, Long> keys;
        private final ByteArrayOutputStream data = new ByteArrayOutputStream(512);
        private long key;
        private int signatureLength;

        Rs256Signature(LibCrypto lib, Map<RSAPrivateKey, Long> keys) {
            this.lib = lib;
            this.keys = keys;
        }

        @Override
        protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
            if (!(privateKey instanceof RSAPrivateKey rsa) || rsa.getEncoded() == null) {
                throw new InvalidKeyException("an encodable RSA private key is required");
            }
            Long parsed = keys.computeIfAbsent(rsa, k -> lib.parsePrivateKey(k.getEncoded()));
            if (parsed == 0L) {
                keys.remove(rsa);
                throw new InvalidKeyException("libcrypto cannot read this RSA key");
            }
            key = parsed;
            signatureLength = (rsa.getModulus().bitLength() + 7) / 8;
            data.reset();
        }

        @Override
        protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
            throw new InvalidKeyException("this provider signs only");
        }

        @Override
        protected void engineUpdate(byte b) {
            data.write(b);
        }

        @Override
        protected void engineUpdate(byte[] b, int off, int len) {
            data.write(b, off, len);
        }

        @Override
        protected byte[] engineSign() throws SignatureException {
            try {
                return lib.signSha256(key, data.toByteArray(), signatureLength);
            } catch (IllegalStateException e) {
                throw new SignatureException(e.getMessage());
            } finally {
                data.reset();
            }
        }

        @Override
        protected boolean engineVerify(byte[] signature) throws SignatureException {
            throw new SignatureException("this provider signs only");
        }

        @Override
        @Deprecated
        protected void engineSetParameter(String param, Object value) {
            throw new InvalidParameterException("no parameters");
        }

        @Override
        @Deprecated
        protected Object engineGetParameter(String param) {
            throw new InvalidParameterException("no parameters");
        }
    }
}
