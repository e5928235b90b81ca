package dev.chattoken.sidecar.crypto;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Optional;

/**
 * A signature the JDK alone computes, in every build (the native executable too): PS256 and ES256, which libcrypto is
 * not asked for. The JDK's {@code SHA256withECDSAinP1363Format} already writes JOSE's raw {@code R || S}.
 */
final class JdkSignatureSigner implements Signer {

    private final PrivateKey key;
    private final String jws;
    private final String jcaName;
    private final Optional<AlgorithmParameterSpec> parameters;

    JdkSignatureSigner(PrivateKey key, String jws, String jcaName, Optional<AlgorithmParameterSpec> parameters) {
        this.key = key;
        this.jws = jws;
        this.jcaName = jcaName;
        this.parameters = parameters;
    }

    /** A fresh, initialised JDK {@code Signature}: they are not thread-safe, so one per use. */
    static Signature instance(String jcaName, Optional<AlgorithmParameterSpec> parameters)
            throws GeneralSecurityException {
        Signature signature = Signature.getInstance(jcaName);
        if (parameters.isPresent()) {
            signature.setParameter(parameters.get());
        }
        return signature;
    }

    @Override
    public byte[] sign(byte[] signingInput) {
        try {
            Signature signature = instance(jcaName, parameters);
            signature.initSign(key);
            signature.update(signingInput);
            return signature.sign();
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new SigningException(
                    "the JDK could not sign " + jws + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    @Override
    public String implementation() {
        return "the JDK";
    }

    @Override
    public String toString() {
        return "JdkSignatureSigner[" + jws + "]"; // never the key
    }
}
