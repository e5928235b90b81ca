package dev.chattoken.sidecar.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * An HMAC (HS256, HS384, HS512) computed by the JDK. The {@code Mac} is looked up and keyed once, when the key is
 * loaded; each signature works on a clone of it: {@code Mac.getInstance} per token instantiates the provider's
 * implementation by reflection and keys it again (both showed in the HS256 profile, README "Benchmark"). The prototype
 * is never used itself, only copied, so threads share it safely.
 */
final class JdkHmacSigner implements Signer {

    private final Mac prototype;
    private final String macName;

    /**
     * @param macName the JDK's {@code Mac} algorithm: {@code HmacSHA256}, {@code HmacSHA384}, {@code HmacSHA512}
     * @throws SigningException when the JDK has no such Mac or cannot key it with the secret
     */
    JdkHmacSigner(SecretKey key, String macName) {
        this.macName = macName;
        try {
            Mac mac = Mac.getInstance(macName);
            mac.init(key);
            mac.clone(); // a Mac that cannot be cloned is refused here, with the key, not at the first token
            this.prototype = mac;
        } catch (GeneralSecurityException | CloneNotSupportedException | RuntimeException e) {
            throw new SigningException(
                    "the JDK could not key " + macName + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    @Override
    public byte[] sign(byte[] signingInput) {
        try {
            return ((Mac) prototype.clone()).doFinal(signingInput);
        } catch (CloneNotSupportedException | RuntimeException e) {
            throw new SigningException(
                    "the JDK could not compute " + macName + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    @Override
    public String implementation() {
        return "the JDK";
    }

    @Override
    public String toString() {
        return "JdkHmacSigner[" + macName + "]";
    }
}
