package dev.chattoken.sidecar.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Optional;
import javax.crypto.SecretKey;
import org.jboss.logging.Logger;

/**
 * Makes the {@link Signer} of each key as it is loaded, and proves it: a test signature made through that very signer
 * must verify with the key's public half, or the key is refused. In a native executable RSASSA-PKCS1-v1_5 (RS256,
 * RS384, RS512) goes to the system's libcrypto (several times faster there than the JDK's RSA, which runs without the
 * JIT's BigInteger intrinsics) once libcrypto has passed a known-answer test; a key libcrypto cannot use, but the JDK
 * can, is signed by the JDK, that key alone. HMAC, PS256 and ES256 are the JDK's everywhere. On the JVM the JDK signs
 * everything. One instance per process.
 */
public final class Signers {

    private static final Logger LOG = Logger.getLogger(Signers.class);
    /** What every new key signs once before it serves. */
    private static final byte[] PROBE = "chat-token-sidecar key probe".getBytes(StandardCharsets.US_ASCII);

    private final Optional<LibCryptoSigners> libcrypto;
    private final String description;

    private Signers(Optional<LibCryptoSigners> libcrypto, String description) {
        this.libcrypto = libcrypto;
        this.description = description;
    }

    /** The JDK signs every key: the JVM, the tests. */
    public static Signers jdk() {
        return new Signers(Optional.empty(), "RS256 signed by the JDK");
    }

    /** What this process can use: libcrypto in a native executable where it loads and passes its test, else the JDK. */
    public static Signers forThisProcess(boolean libcryptoEnabled) {
        if (!"runtime".equals(System.getProperty("org.graalvm.nativeimage.imagecode"))) {
            return jdk();
        }
        if (!libcryptoEnabled) {
            return new Signers(Optional.empty(), "RS256 signed by the JDK (chat-token.native-openssl-signing=false)");
        }
        return NativeOnly.load();
    }

    /** Kept apart so that the JVM never loads a class that refers to native-image types. */
    private static final class NativeOnly {
        static Signers load() {
            try {
                return LibCryptoSigners.load()
                        // exactly this text: src/main/docker/test-image.sh looks for it
                        .map(lib -> new Signers(Optional.of(lib), "RS256 signed by the system's libcrypto"))
                        .orElseGet(() -> new Signers(Optional.empty(), "RS256 signed by the JDK (no libcrypto found)"));
            } catch (LibCryptoException e) {
                LOG.warnf("libcrypto failed its known-answer test (%s); the JDK signs RS256", e.getMessage());
                return new Signers(
                        Optional.empty(), "RS256 signed by the JDK (libcrypto failed its known-answer test)");
            }
        }
    }

    /** For the startup log: who signs RS256. */
    public String description() {
        return description;
    }

    /** EVP_PKEYs libcrypto holds now: one per current RSA key it signs with, plus a replaced one still in use. */
    public int libcryptoKeys() {
        return libcrypto.isPresent()
                ? libcrypto.get().liveKeys()
                : 0; // no method reference: it would load the class on the JVM
    }

    /**
     * @param macName the JDK's {@code Mac}: {@code HmacSHA256}, {@code HmacSHA384} or {@code HmacSHA512}
     * @throws UnusableKeyException when the JDK cannot compute an HMAC with the secret
     */
    public Signer hmac(SecretKey secret, String macName) throws UnusableKeyException {
        Signer signer;
        try {
            signer = new JdkHmacSigner(secret, macName);
            signer.sign(PROBE);
        } catch (SigningException e) {
            throw new UnusableKeyException("holds a secret " + macName + " cannot use");
        }
        return signer;
    }

    /**
     * PSS parameters of JWS PS256 (RFC 7518 3.5): SHA-256, MGF1 with SHA-256, a salt as long as the hash, trailer 1.
     */
    private static final PSSParameterSpec PS256 =
            new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, PSSParameterSpec.TRAILER_FIELD_BC);

    /**
     * PS256, signed by the JDK in every build: libcrypto is used for PKCS#1 v1.5 only.
     *
     * @throws UnusableKeyException when the key cannot make a signature its public half verifies
     */
    public Signer ps256(RSAPrivateKey key, RSAPublicKey publicKey) throws UnusableKeyException {
        return proven(key, publicKey, "PS256", "RSASSA-PSS", Optional.of(PS256), "an RSA private key");
    }

    /**
     * ES256 on P-256, signed by the JDK in every build, as the raw {@code R || S} JWS takes.
     *
     * @throws UnusableKeyException when the key cannot make a signature its public half verifies
     */
    public Signer es256(ECPrivateKey key, ECPublicKey publicKey) throws UnusableKeyException {
        return proven(key, publicKey, "ES256", "SHA256withECDSAinP1363Format", Optional.empty(), "an EC private key");
    }

    private static Signer proven(
            PrivateKey key,
            PublicKey publicKey,
            String jws,
            String jcaName,
            Optional<AlgorithmParameterSpec> parameters,
            String what)
            throws UnusableKeyException {
        Signer signer = new JdkSignatureSigner(key, jws, jcaName, parameters);
        byte[] signature;
        try {
            signature = signer.sign(PROBE);
        } catch (SigningException e) {
            throw new UnusableKeyException("holds " + what + " that cannot sign (" + e.getMessage() + ")");
        }
        boolean verifies;
        try {
            Signature verifier = JdkSignatureSigner.instance(jcaName, parameters);
            verifier.initVerify(publicKey);
            verifier.update(PROBE);
            verifies = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            verifies = false;
        }
        if (!verifies) {
            throw new UnusableKeyException("holds " + what + " that does not belong to its public key: a test " + jws
                    + " signature made with it does not verify");
        }
        return signer;
    }

    /**
     * libcrypto's signer when it can use the key, else the JDK's; the caller owns it and closes it when the key is
     * replaced.
     *
     * @throws UnusableKeyException when the key cannot make a signature its public half verifies (a private exponent of
     *     another key, broken CRT parameters)
     */
    public Signer rsa(RSAPrivateKey key, RSAPublicKey publicKey, RsaAlgorithm algorithm) throws UnusableKeyException {
        Optional<String> libcryptoRefusal = Optional.empty();
        if (libcrypto.isPresent()) {
            try {
                return libcrypto.get().rsa(key, publicKey, algorithm, PROBE);
            } catch (LibCryptoException e) {
                libcryptoRefusal = Optional.of(e.getMessage());
            }
        }
        Signer signer = new JdkRsaSigner(key, algorithm, libcryptoRefusal);
        byte[] signature;
        try {
            signature = signer.sign(PROBE);
        } catch (SigningException e) {
            throw new UnusableKeyException("holds an RSA private key that cannot sign (" + e.getMessage() + ")");
        }
        if (!verifies(publicKey, algorithm, PROBE, signature)) {
            throw new UnusableKeyException(
                    "holds an RSA private key that does not belong to its public key: a test signature made with it does not verify");
        }
        return signer;
    }

    /** Verified by the JDK, whoever signed: the check does not trust the signer it checks. */
    static boolean verifies(RSAPublicKey publicKey, RsaAlgorithm algorithm, byte[] message, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(algorithm.jcaName());
            verifier.initVerify(publicKey);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
