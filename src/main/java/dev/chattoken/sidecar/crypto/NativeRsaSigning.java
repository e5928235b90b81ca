package dev.chattoken.sidecar.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Security;
import java.security.Signature;

import org.jboss.logging.Logger;

/**
 * In a native executable, signs RS256 with the system's libcrypto when there is one (several times faster than
 * the JDK's RSA there), after checking that its signatures verify with the JDK; otherwise, and always on the JVM,
 * the JDK signs. Called once at startup.
 */
public final class NativeRsaSigning {

    private static final Logger LOG = Logger.getLogger(NativeRsaSigning.class);

    private NativeRsaSigning() {
    }

    /** @return a one-line description of who signs RS256 */
    public static String install(boolean enabled) {
        if (!"runtime".equals(System.getProperty("org.graalvm.nativeimage.imagecode"))) {
            return "RS256 signed by the JDK";
        }
        if (!enabled) {
            return "RS256 signed by the JDK (chat-token.native-openssl-signing=false)";
        }
        return Installer.install();
    }

    /** Kept apart so that the JVM never loads a class that refers to native-image types. */
    private static final class Installer {
        static String install() {
            return LibCrypto.load().map(lib -> {
                OpenSslProvider provider = new OpenSslProvider(lib);
                try {
                    selfTest(provider);
                } catch (GeneralSecurityException | RuntimeException e) {
                    LOG.warnf("libcrypto RS256 signing failed its self-test (%s); the JDK signs", e.getClass().getSimpleName());
                    return "RS256 signed by the JDK (libcrypto self-test failed)";
                }
                Security.insertProviderAt(provider, 1);
                return "RS256 signed by the system's libcrypto";
            }).orElse("RS256 signed by the JDK (no libcrypto found)");
        }

        /** A signature made by libcrypto must verify with the JDK, or libcrypto is not used. */
        private static void selfTest(OpenSslProvider provider) throws GeneralSecurityException {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(1024); // the padding and digest are what is checked; a small key keeps startup fast
            KeyPair pair = generator.generateKeyPair();
            byte[] message = "chat-token-sidecar self-test".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance("SHA256withRSA", provider);
            signer.initSign(pair.getPrivate());
            signer.update(message);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance("SHA256withRSA", "SunRsaSign");
            verifier.initVerify(pair.getPublic());
            verifier.update(message);
            if (!verifier.verify(signature)) {
                throw new GeneralSecurityException("libcrypto's signature does not verify");
            }
        }
    }
}
