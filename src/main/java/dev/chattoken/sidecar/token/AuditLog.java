package dev.chattoken.sidecar.token;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.annotation.PreDestroy;
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
 *
 * <p>The line is written off the request path, by one thread of its own, in the order tokens were minted: formatting
 * it, the pseudonym's HMAC and the write to the console took a third of an HS256 token's CPU on the event loop (27 of
 * 78 us, README "Benchmark"), and the event-loop threads queued on the console's lock. Nothing is lost: when
 * {@link #QUEUE} lines wait (the output is slower than the requests), the request thread writes its own line, as
 * before, ahead of the queued ones; on shutdown the application is stopped first (the HTTP server has drained the
 * requests in flight) and the queue is written out before the process exits.
 */
@ApplicationScoped
public class AuditLog {

    /** The key is a secret like the caller token: 128 bits at least. */
    public static final int MIN_KEY_BYTES = 16;

    private static final Logger AUDIT = Logger.getLogger("chattoken.audit");
    private static final Logger LOG = Logger.getLogger(AuditLog.class);
    /** Lines that may wait for the writer: about a quarter of a second of tokens at full speed. */
    private static final int QUEUE = 4096;

    private final Optional<SecretFile<SecretKeySpec>> userKey;
    /** One thread, so the lines keep the order of the tokens; a full queue or a stopped writer: the caller writes. */
    private final ExecutorService writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE),
            task -> {
                Thread thread = new Thread(task, "chat-token-audit");
                thread.setDaemon(true); // a shutdown never waits for it beyond drain(): the lines are written there
                return thread;
            }, (line, executor) -> line.run());

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
        // read on the request thread: the key file may be replaced before the writer gets to the line
        Optional<SecretKeySpec> key = userKey.map(SecretFile::value);
        Optional<String> id = identity.userId().or(identity::email);
        writer.execute(() -> write(token, key, id));
    }

    private static void write(MintedToken token, Optional<SecretKeySpec> userKey, Optional<String> id) {
        String user = userKey.flatMap(key -> id.map(i -> " user=" + pseudonym(key, i))).orElse("");
        AUDIT.infof("token minted profile=%s vendor=%s%s kid=%s expires_at=%s", token.profile(), token.vendor(), user,
                token.keyId().orElse("-"), token.expiresAt().map(e -> String.valueOf(e.getEpochSecond())).orElse("-"));
    }

    /**
     * Writes out the lines still queued. Runs when the application stops, after the HTTP server finished the requests
     * in flight and before the log is closed; a token minted later still gets its line, from its own thread.
     */
    @PreDestroy
    void drain() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("the audit log could not be written out within 5s on shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
