package dev.chattoken.sidecar.upstream;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A vendor account as the pods sharing one Redis know it: derived from the vendor, its base URL and the credential
 * (HMAC-SHA256 keyed by the credential, so nothing in Redis tells anything of the credential). Sidecars with the same
 * credential share tokens and one rate budget; a rotated credential starts afresh. The tokens are stored encrypted with
 * a key derived the same way (AES-GCM), and identities as keyed digests: Redis alone reveals neither a token nor whose
 * it is.
 *
 * @param id 32 hex digits naming the account in Redis keys
 * @param tokenKey the AES-256 key of its stored tokens
 * @param nameKey the HMAC key of its identities' names
 */
public record Account(String id, SecretKeySpec tokenKey, SecretKeySpec nameKey) {

    private static final String CONTEXT = "chat-token-sidecar shared account v1";

    public static Account of(String vendor, URI baseUrl, Credential credential) {
        byte[] master = hmac(
                credential.secret().getBytes(StandardCharsets.UTF_8),
                String.join(
                        "\0",
                        CONTEXT,
                        vendor,
                        baseUrl.toString(),
                        credential.keyId().orElse("")));
        try {
            return new Account(
                    HexFormat.of().formatHex(hmac(master, "account id"), 0, 16),
                    new SecretKeySpec(hmac(master, "token key"), "AES"),
                    new SecretKeySpec(hmac(master, "name key"), "HmacSHA256"));
        } finally {
            Arrays.fill(master, (byte) 0);
        }
    }

    /** The name of an identity in this account's keys: 32 hex digits of its keyed digest. */
    public String name(String identity) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(nameKey);
            return HexFormat.of().formatHex(mac.doFinal(identity.getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }

    private static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }

    @Override
    public String toString() {
        return "Account[" + id + "]";
    }
}
