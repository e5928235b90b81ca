package dev.chattoken.sidecar.crypto;

import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.SecretKey;

/** An HMAC (HS256, HS384, HS512) computed by the JDK. */
final class JdkHmacSigner implements Signer {

    private final SecretKey key;
    private final String macName;

    /** @param macName the JDK's {@code Mac} algorithm: {@code HmacSHA256}, {@code HmacSHA384}, {@code HmacSHA512} */
    JdkHmacSigner(SecretKey key, String macName) {
        this.key = key;
        this.macName = macName;
    }

    @Override
    public byte[] sign(byte[] signingInput) {
        try {
            Mac mac = Mac.getInstance(macName);
            mac.init(key);
            return mac.doFinal(signingInput);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new SigningException("the JDK could not compute " + macName + " (" + e.getClass().getSimpleName() + ")");
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
