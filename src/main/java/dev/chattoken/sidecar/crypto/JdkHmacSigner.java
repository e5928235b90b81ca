package dev.chattoken.sidecar.crypto;

import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.SecretKey;

/** HS256 (HMAC-SHA256) computed by the JDK. */
final class JdkHmacSigner implements Signer {

    private final SecretKey key;

    JdkHmacSigner(SecretKey key) {
        this.key = key;
    }

    @Override
    public byte[] sign(byte[] signingInput) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(signingInput);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new SigningException("the JDK could not compute HS256 (" + e.getClass().getSimpleName() + ")");
        }
    }

    @Override
    public String implementation() {
        return "the JDK";
    }

    @Override
    public String toString() {
        return "JdkHmacSigner";
    }
}
