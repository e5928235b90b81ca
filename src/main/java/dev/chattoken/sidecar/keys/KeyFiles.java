package dev.chattoken.sidecar.keys;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/** Reads a mounted key file and parses it into the key a signing algorithm needs. */
public final class KeyFiles {

    /** No secret or private key comes near this; a larger file is a mistake (a bundle, a log) and is not read. */
    static final int MAX_BYTES = 64 * 1024;

    private KeyFiles() {}

    /**
     * @throws KeyFileException when the file is missing, unreadable, too large, or does not hold a key of the kind
     *     {@code algorithm} needs
     */
    public static SigningKey read(Path file, SigningAlgorithm algorithm) throws KeyFileException {
        return parse(readBounded(file), algorithm);
    }

    /** A file's content, read once: its digest (to notice changes) and the key it holds or why it holds none. */
    public record Snapshot(byte[] digest, Parsed parsed) {}

    /** The result of parsing a key file, as a value rather than an exception, for the reload path. */
    public sealed interface Parsed {
        /** @param keyId the id issued with the key, when the profile reads one from {@code key-id-file} */
        record Key(SigningKey key, Optional<String> keyId) implements Parsed {
            public Key(SigningKey key) {
                this(key, Optional.empty());
            }
        }

        record Refused(String reason) implements Parsed {}
    }

    /** Reads and parses a key file without throwing: what the reload path needs to compare and report. */
    public static Snapshot snapshot(Path file, SigningAlgorithm algorithm) {
        byte[] content;
        try {
            content = readBounded(file);
        } catch (KeyFileException e) {
            return new Snapshot(
                    digest(e.getMessage().getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                    new Parsed.Refused(e.getMessage()));
        }
        byte[] digest = digest(content);
        try {
            return new Snapshot(digest, new Parsed.Key(parse(content, algorithm)));
        } catch (KeyFileException e) {
            return new Snapshot(digest, new Parsed.Refused(e.getMessage()));
        } finally {
            java.util.Arrays.fill(content, (byte) 0);
        }
    }

    /** A key id: one line of visible ASCII ({@code 4f1c0a5e-dg-api-key}, {@code SK...}, {@code app_...}). */
    private static final java.util.regex.Pattern KEY_ID = java.util.regex.Pattern.compile("[\\x21-\\x7e]{1,256}");

    private static final int PAIR_ATTEMPTS = 5;

    /**
     * Reads a key and, when {@code keyIdFile} is set, the key's id from the same Secret, as one pair: the id is read
     * before and after the key, and the pair is taken only when both reads agree, so a Secret swapped by the kubelet in
     * between (both files change at once, by its {@code ..data} link) never pairs the new key with the old id or the
     * reverse. The digest covers both files. When the files do not hold still for {@value #PAIR_ATTEMPTS} reads, no
     * pair is taken: the answer is refused with {@link #UNSETTLED}, a digest no settled read has, so that the next
     * check reads both files again.
     */
    public static Snapshot snapshot(Path file, Optional<Path> keyIdFile, SigningAlgorithm algorithm) {
        if (keyIdFile.isEmpty()) {
            return snapshot(file, algorithm);
        }
        for (int attempt = 1; attempt <= PAIR_ATTEMPTS; attempt++) {
            KeyId before = keyId(keyIdFile.get());
            Snapshot key = snapshot(file, algorithm);
            KeyId after = keyId(keyIdFile.get());
            if (java.util.Arrays.equals(before.digest(), after.digest())) {
                byte[] digest = Sha256.of(key.digest(), after.digest());
                if (key.parsed() instanceof Parsed.Key parsed && after.refusal().isEmpty()) {
                    return new Snapshot(digest, new Parsed.Key(parsed.key(), after.id()));
                }
                return new Snapshot(
                        digest,
                        new Parsed.Refused(
                                key.parsed() instanceof Parsed.Refused refused
                                        ? refused.reason()
                                        : "has a key id file " + keyIdFile.get() + " that "
                                                + after.refusal().orElseThrow()));
            }
            pause(attempt);
        }
        return new Snapshot(
                UNSETTLED.clone(),
                new Parsed.Refused("changed together with its key id file " + keyIdFile.get()
                        + " while both were read, " + PAIR_ATTEMPTS + " times; they are read again at the next check"));
    }

    /** The digest of a key and id pair that did not hold still: equal to no digest of content, so it is read again. */
    static final byte[] UNSETTLED = new byte[0];

    /** The kubelet's swap is one rename: a few milliseconds between attempts are more than it takes. */
    private static void pause(int attempt) {
        try {
            Thread.sleep(5L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record KeyId(byte[] digest, Optional<String> id, Optional<String> refusal) {}

    private static KeyId keyId(Path file) {
        byte[] content;
        try {
            content = readBounded(file);
        } catch (KeyFileException e) {
            return new KeyId(
                    digest(e.getMessage().getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                    Optional.empty(),
                    Optional.of(e.getMessage()));
        }
        String text = new String(content, java.nio.charset.StandardCharsets.UTF_8);
        if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - (text.endsWith("\r\n") ? 2 : 1));
        }
        return KEY_ID.matcher(text).matches()
                ? new KeyId(digest(content), Optional.of(text), Optional.empty())
                : new KeyId(
                        digest(content),
                        Optional.empty(),
                        Optional.of("does not hold a key id (one line of 1 to 256 visible ASCII characters)"));
    }

    private static byte[] digest(byte[] content) {
        return Sha256.of(content);
    }

    public static SigningKey parse(byte[] content, SigningAlgorithm algorithm) throws KeyFileException {
        return switch (algorithm.family()) {
            case HMAC -> HmacSecrets.parse(content);
            case RSA -> RsaPrivateKeys.parse(content);
            case EC -> EcPrivateKeys.parse(content);
        };
    }

    /**
     * The content of a regular file (through its links, as the kubelet lays a Secret out), read whole while it holds
     * still. Anything else is refused before it is opened: opening a FIFO would block until someone writes to it, and a
     * device never ends. A file that changes while it is read (written in place rather than swapped in, as the kubelet
     * does) is refused for this read and read again at the next check, rather than taken half-written: a truncated HMAC
     * secret is still a secret.
     */
    static byte[] readBounded(Path file) throws KeyFileException {
        try {
            BasicFileAttributes before = Files.readAttributes(file, BasicFileAttributes.class);
            if (before.isDirectory()) {
                throw new KeyFileException("is a directory, not a key file");
            }
            if (!before.isRegularFile()) {
                throw new KeyFileException("is not a regular file (a FIFO, a socket or a device), which a key file is");
            }
            byte[] content;
            try (InputStream in = Files.newInputStream(file)) {
                content = in.readNBytes(MAX_BYTES + 1);
            }
            if (content.length > MAX_BYTES) {
                throw new KeyFileException("is larger than " + MAX_BYTES / 1024 + " KiB, which no key is");
            }
            BasicFileAttributes after = Files.readAttributes(file, BasicFileAttributes.class);
            if (after.size() != content.length
                    || !after.lastModifiedTime().equals(before.lastModifiedTime())
                    || !java.util.Objects.equals(after.fileKey(), before.fileKey())) {
                java.util.Arrays.fill(content, (byte) 0);
                throw new KeyFileException("changed while it was read; it is read again at the next check (write key "
                        + "files whole, by a rename, as the kubelet does)");
            }
            return content;
        } catch (NoSuchFileException e) {
            throw new KeyFileException("does not exist");
        } catch (AccessDeniedException e) {
            throw new KeyFileException("is not readable (permission denied)");
        } catch (IOException e) {
            throw new KeyFileException("cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }
}
