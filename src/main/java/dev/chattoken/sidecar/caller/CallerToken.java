package dev.chattoken.sidecar.caller;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

import org.jboss.logging.Logger;

import dev.chattoken.sidecar.keys.HmacSecret;
import dev.chattoken.sidecar.keys.KeyFiles;
import dev.chattoken.sidecar.keys.SecretFileWatcher;
import dev.chattoken.sidecar.keys.SigningAlgorithm;

/**
 * The shared caller token, read from a mounted Secret file by the same rules as an HMAC secret (UTF-8 text, one
 * trailing newline dropped, never empty) and re-read like the keys. Only its SHA-256 is held: comparing two
 * digests with {@link MessageDigest#isEqual} takes the same time whatever the caller sent. A token under
 * {@value #MIN_BYTES} bytes is refused (at startup, and on a reload, which keeps the previous token): it could be
 * guessed by whoever reaches the port.
 */
public final class CallerToken implements SecretFileWatcher.WatchedFile {

    /** 128 bits: beyond guessing over a loopback port, however fast the guesses come. */
    public static final int MIN_BYTES = 16;

    private static final Logger LOG = Logger.getLogger(CallerToken.class);

    private final Path file;
    private volatile byte[] expectedDigest;
    private byte[] lastFileDigest;

    private CallerToken(Path file, byte[] expectedDigest, byte[] fileDigest) {
        this.file = file;
        this.expectedDigest = expectedDigest;
        this.lastFileDigest = fileDigest;
    }

    /** @throws IllegalArgumentException with the reason (never the content) when the file holds no usable token */
    public static CallerToken load(Path file) {
        KeyFiles.Snapshot snapshot = KeyFiles.snapshot(file, SigningAlgorithm.HS256);
        return new CallerToken(file, token(snapshot), snapshot.digest());
    }

    public boolean matches(String presented) {
        return presented != null
                && MessageDigest.isEqual(sha256(presented.getBytes(StandardCharsets.UTF_8)), expectedDigest);
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public synchronized void reread() {
        KeyFiles.Snapshot snapshot = KeyFiles.snapshot(file, SigningAlgorithm.HS256);
        if (Arrays.equals(snapshot.digest(), lastFileDigest)) {
            return;
        }
        lastFileDigest = snapshot.digest();
        try {
            expectedDigest = token(snapshot);
            LOG.infof("caller token file %s changed: the new token is required from now on", file);
        } catch (IllegalArgumentException refused) {
            LOG.errorf("caller token file %s changed and was refused: it %s; the previous token stays valid", file,
                    refused.getMessage());
        }
    }

    /**
     * The SHA-256 of the token a file holds.
     *
     * @throws IllegalArgumentException with the reason when it holds none, or one under {@value #MIN_BYTES} bytes
     */
    private static byte[] token(KeyFiles.Snapshot snapshot) {
        if (snapshot.parsed() instanceof KeyFiles.Parsed.Refused refused) {
            throw new IllegalArgumentException(refused.reason());
        }
        HmacSecret token = (HmacSecret) ((KeyFiles.Parsed.Key) snapshot.parsed()).key();
        if (token.length() < MIN_BYTES) {
            throw new IllegalArgumentException("holds a token of " + token.length() + " bytes; at least " + MIN_BYTES
                    + " are required (e.g. openssl rand -hex 32)");
        }
        return sha256(token.signingKey().getEncoded());
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
