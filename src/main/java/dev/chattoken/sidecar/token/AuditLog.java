package dev.chattoken.sidecar.token;

import dev.chattoken.sidecar.config.ChatTokenConfig;
import dev.chattoken.sidecar.config.StartupException;
import dev.chattoken.sidecar.keys.SecretFile;
import dev.chattoken.sidecar.keys.SecretFileWatcher;
import dev.chattoken.sidecar.vendors.UserIdentity;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * One line per minted token on the {@code chattoken.audit} category: profile, vendor, {@code kid}, expiry, for a token
 * a vendor's API issued where it came from ({@code cache=hit}, {@code shared}, {@code miss} or {@code joined}) and,
 * when {@code chat-token.audit.user-key-file} is set, a keyed pseudonym of the user's id (or e-mail):
 * {@code user=hmac:<first 8 bytes of HMAC-SHA256(key, id)>}. A plain hash would be no pseudonym at all (anyone with a
 * list of candidate ids can hash them); an HMAC links lines to a user only for whoever holds the key. Without a key the
 * line names no user. Never the token, never a secret. Silence it with
 * {@code quarkus.log.category."chattoken.audit".level=WARN}.
 *
 * <p>The line is written off the request path, by one thread of its own, in the order tokens were minted: formatting
 * it, the pseudonym's HMAC and the write to the console were a large part of an HS256 token's CPU on the event loop,
 * and the event-loop threads queued on the console's lock (docs/performance.md, "Framework defaults replaced"). The
 * writer takes the lines in batches: after a batch it waits {@link #GATHER} before it looks again, so that under load a
 * request does not wake it (a futex call and a context switch per token, on the two cores the requests need); when
 * nothing is left it blocks until the next line, so an idle sidecar has no timer waking it. The message is plain
 * concatenation, not a printf format ({@code java.util.Formatter} per line). Nothing is lost: when {@link #QUEUE} lines
 * wait (the output is slower than the requests), the request thread writes its own line, as before, ahead of the queued
 * ones; on shutdown the application is stopped first (the HTTP server has drained the requests in flight) and the queue
 * is written out before the process exits; a token minted after that writes its own line.
 */
@Startup // a broken user key file stops startup, like a broken key; it is not found by the first token request
@Singleton
public class AuditLog {

    /** The key is a secret like the caller token: 128 bits at least. */
    public static final int MIN_KEY_BYTES = 16;

    private static final Logger AUDIT = Logger.getLogger("chattoken.audit");
    private static final Logger LOG = Logger.getLogger(AuditLog.class);
    /** Lines that may wait for the writer: about a quarter of a second of tokens at full speed. */
    private static final int QUEUE = 4096;
    /** How long the writer lets lines gather after a batch: what a line may wait, at most, besides the write itself. */
    private static final long GATHER = TimeUnit.MILLISECONDS.toNanos(2);

    private final Optional<SecretFile<SecretKeySpec>> userKey;
    private final BlockingQueue<Line> queue = new ArrayBlockingQueue<>(QUEUE);
    /** Set when the application stops: from then on each request thread writes its own line. */
    private volatile boolean stopped;

    private final Thread writer = new Thread(this::writeQueued, "chat-token-audit");

    /** What a line needs, read on the request thread (the key file may be replaced before the writer gets to it). */
    private record Line(MintedToken token, Optional<SecretKeySpec> userKey, Optional<String> id) {}

    public AuditLog(ChatTokenConfig config, SecretFileWatcher watcher) {
        this.userKey = config.audit().userKeyFile().map(file -> {
            try {
                return SecretFile.load(
                        "audit user key file", file, MIN_KEY_BYTES, key -> new SecretKeySpec(key, "HmacSHA256"));
            } catch (IllegalArgumentException e) {
                throw new StartupException(List.of("chat-token.audit.user-key-file " + file + " " + e.getMessage()));
            }
        });
        userKey.ifPresent(watcher::watch);
        writer.setDaemon(true); // a shutdown never waits for it beyond drain(): the lines are written there
        writer.start();
    }

    void minted(MintedToken token, UserIdentity identity) {
        if (!AUDIT.isInfoEnabled()) {
            return;
        }
        Line line = new Line(
                token, userKey.map(SecretFile::value), identity.userId().or(identity::email));
        if (stopped || !queue.offer(line)) {
            write(line);
        } else if (stopped && queue.remove(line)) { // the writer may have finished before it saw this line
            write(line);
        }
    }

    private void writeQueued() {
        List<Line> batch = new ArrayList<>();
        while (true) {
            Line first;
            try {
                first = stopped ? queue.poll() : queue.take();
            } catch (InterruptedException e) {
                continue; // drain() interrupts a writer waiting for lines: look again, now stopped
            }
            if (first == null) {
                return; // stopped, and every queued line is written
            }
            write(first);
            queue.drainTo(batch);
            batch.forEach(AuditLog::write);
            batch.clear();
            if (!stopped) {
                LockSupport.parkNanos(GATHER);
            }
        }
    }

    private static void write(Line line) {
        MintedToken token = line.token();
        StringBuilder text = new StringBuilder(128)
                .append("token minted profile=")
                .append(token.profile())
                .append(" vendor=")
                .append(token.vendor());
        line.userKey()
                .ifPresent(key ->
                        line.id().ifPresent(id -> text.append(" user=").append(pseudonym(key, id))));
        text.append(" kid=")
                .append(token.keyId().orElse("-"))
                .append(" expires_at=")
                .append(token.expiresAt()
                        .map(e -> String.valueOf(e.getEpochSecond()))
                        .orElse("-"));
        token.source().ifPresent(source -> text.append(" cache=").append(source.label()));
        AUDIT.info(text.toString());
    }

    /**
     * Writes out the lines still queued. Runs when the application stops, after the HTTP server finished the requests
     * in flight and before the log is closed; a token minted later still gets its line, from its own thread.
     */
    @PreDestroy
    void drain() {
        stopped = true;
        writer.interrupt();
        try {
            writer.join(TimeUnit.SECONDS.toMillis(5));
            if (writer.isAlive()) {
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
