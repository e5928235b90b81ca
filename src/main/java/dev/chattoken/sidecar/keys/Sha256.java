package dev.chattoken.sidecar.keys;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The one SHA-256 helper: every Java runtime has the algorithm, so its absence is not an error to handle. */
public final class Sha256 {

    private Sha256() {}

    /** The digest of the parts, in order. */
    public static byte[] of(byte[]... parts) {
        MessageDigest digest = newDigest();
        for (byte[] part : parts) {
            digest.update(part);
        }
        return digest.digest();
    }

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
