package dev.chattoken.sidecar.keys;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * A secret file that is not a profile's key (the caller token, the audit key): read by the rules of an HMAC secret file
 * (UTF-8 text, one trailing newline dropped, never empty), at least {@code minBytes} long, and re-read by the
 * {@link SecretFileWatcher}. Only what {@code derive} makes of the secret is held. A new content that breaks a rule is
 * refused, logged once, and the previous value stays.
 *
 * @param <T> what is held: a digest, a MAC key
 */
public final class SecretFile<T> implements SecretFileWatcher.WatchedFile {

    private static final Logger LOG = Logger.getLogger(SecretFile.class);

    private final String purpose;
    private final Path file;
    private final int minBytes;
    private final Function<byte[], T> derive;
    private volatile T value;
    private byte[] lastDigest;

    private SecretFile(String purpose, Path file, int minBytes, Function<byte[], T> derive, T value, byte[] digest) {
        this.purpose = purpose;
        this.file = file;
        this.minBytes = minBytes;
        this.derive = derive;
        this.value = value;
        this.lastDigest = digest;
    }

    /**
     * @param purpose what the file is, for log lines ({@code "caller token file"})
     * @throws IllegalArgumentException with the reason (never the content) when the file holds no usable secret
     */
    public static <T> SecretFile<T> load(String purpose, Path file, int minBytes, Function<byte[], T> derive) {
        KeyFiles.Snapshot snapshot = KeyFiles.snapshot(file, SigningAlgorithm.HS256);
        return new SecretFile<>(
                purpose, file, minBytes, derive, derive.apply(secret(snapshot, minBytes)), snapshot.digest());
    }

    public T value() {
        return value;
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public synchronized void reread() {
        KeyFiles.Snapshot snapshot = KeyFiles.snapshot(file, SigningAlgorithm.HS256);
        if (Arrays.equals(snapshot.digest(), lastDigest)) {
            return;
        }
        lastDigest = snapshot.digest();
        try {
            value = derive.apply(secret(snapshot, minBytes));
            LOG.infof("%s %s changed: the new one applies from now on", purpose, file);
        } catch (IllegalArgumentException refused) {
            LOG.errorf(
                    "%s %s changed and was refused: it %s; the previous one stays",
                    purpose, file, refused.getMessage());
        }
    }

    private static byte[] secret(KeyFiles.Snapshot snapshot, int minBytes) {
        if (snapshot.parsed() instanceof KeyFiles.Parsed.Refused refused) {
            throw new IllegalArgumentException(refused.reason());
        }
        HmacSecret secret = (HmacSecret) ((KeyFiles.Parsed.Key) snapshot.parsed()).key();
        if (secret.length() < minBytes) {
            throw new IllegalArgumentException("holds " + secret.length() + " bytes; at least " + minBytes
                    + " are required (e.g. openssl rand -hex 32)");
        }
        return secret.signingKey().getEncoded();
    }
}
