package dev.chattoken.sidecar.token;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.chattoken.sidecar.keys.SecretFile;
import dev.chattoken.sidecar.keys.SecretFileWatcher;
import dev.chattoken.sidecar.config.ChatTokenConfig;
import dev.chattoken.sidecar.config.ProfileStartupException;
import dev.chattoken.sidecar.vendors.UserIdentity;

/**
 * One line per minted token on the {@code chattoken.audit} category: profile, vendor, {@code kid}, expiry and, when
 * {@code chat-token.audit.user-key-file} is set, a keyed pseudonym of the user's id (or e-mail):
 * {@code user=hmac:<first 8 bytes of HMAC-SHA256(key, id)>}. A plain hash would be no pseudonym at all (anyone with
 * a list of candidate ids can hash them); an HMAC links lines to a user only for whoever holds the key. Without a
 * key the line names no user. Never the token, never a secret. Silence it with
 * {@code quarkus.log.category."chattoken.audit".level=WARN}.
 */
@ApplicationScoped
public class AuditLog {

    /** The key is a secret like the caller token: 128 bits at least. */
    public static final int MIN_KEY_BYTES = 16;

    private static final Logger AUDIT = Logger.getLogger("chattoken.audit");

    private final Optional<SecretFile<SecretKeySpec>> userKey;

    public AuditLog(ChatTokenConfig config, SecretFileWatcher watcher) {
        this.userKey = config.audit().userKeyFile().map(file -> {
            try {
                return SecretFile.load("audit user key file", file, MIN_KEY_BYTES, key -> new SecretKeySpec(key, "HmacSHA256"));
            } catch (IllegalArgumentException e) {
                throw new ProfileStartupException(List.of("chat-token.audit.user-key-file " + file + " " + e.getMessage()));
            }
        });
        userKey.ifPresent(watcher::watch);
    }

    void minted(MintedToken token, UserIdentity identity) {
        if (!AUDIT.isInfoEnabled()) {
            return;
        }
        String user = userKey.flatMap(key -> identity.userId().or(identity::email).map(id -> pseudonym(key.value(), id)))
                .map(p -> " user=" + p).orElse("");
        AUDIT.infof("token minted profile=%s vendor=%s%s kid=%s expires_at=%s", token.profile(), token.vendor(), user,
                token.keyId().orElse("-"), token.expiresAt().map(e -> String.valueOf(e.getEpochSecond())).orElse("-"));
    }

    private static String pseudonym(SecretKeySpec key, String id) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return "hmac:" + HexFormat.of().formatHex(mac.doFinal(id.getBytes(StandardCharsets.UTF_8)), 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }
}
