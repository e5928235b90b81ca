package dev.chattoken.sidecar.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.jboss.logging.Logger;

import dev.chattoken.sidecar.vendor.UserIdentity;

/**
 * One line per minted token on the {@code chattoken.audit} category: profile, vendor, a SHA-256 prefix of the
 * user's id (or e-mail), {@code kid} and expiry. Never the token, never the secret. The hash lets an operator
 * find a user's tokens without the log holding the id itself; it is a pseudonym, not anonymity, since anyone
 * who knows an id can hash it too. Silence it with {@code quarkus.log.category."chattoken.audit".level=WARN}.
 */
final class AuditLog {

    private static final Logger AUDIT = Logger.getLogger("chattoken.audit");

    private AuditLog() {
    }

    static void minted(MintedToken token, UserIdentity identity) {
        if (!AUDIT.isInfoEnabled()) {
            return;
        }
        String user = identity.userId().or(identity::email).map(AuditLog::pseudonym).orElse("-");
        AUDIT.infof("token minted profile=%s vendor=%s user=%s kid=%s expires_at=%s", token.profile(), token.vendor(), user,
                token.keyId().orElse("-"), token.expiresAt().map(e -> String.valueOf(e.getEpochSecond())).orElse("-"));
    }

    static String pseudonym(String id) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
