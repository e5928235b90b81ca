package dev.chattoken.sidecar.keys;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a mounted key file and parses it into the key a signing algorithm needs. */
public final class KeyFiles {

    /** No secret or private key comes near this; a larger file is a mistake (a bundle, a log) and is not read. */
    static final int MAX_BYTES = 64 * 1024;

    private KeyFiles() {
    }

    /**
     * @throws KeyFileException when the file is missing, unreadable, too large, or does not hold a key of the
     *                          kind {@code algorithm} needs
     */
    public static SigningKey read(Path file, SigningAlgorithm algorithm) throws KeyFileException {
        return parse(readBounded(file), algorithm);
    }

    /** A file's content, read once: its digest (to notice changes) and the key it holds or why it holds none. */
    public record Snapshot(byte[] digest, Parsed parsed) {
    }

    /** The result of parsing a key file, as a value rather than an exception, for the reload path. */
    public sealed interface Parsed {
        record Key(SigningKey key) implements Parsed {
        }

        record Refused(String reason) implements Parsed {
        }
    }

    /** Reads and parses a key file without throwing: what the reload path needs to compare and report. */
    public static Snapshot snapshot(Path file, SigningAlgorithm algorithm) {
        byte[] content;
        try {
            content = readBounded(file);
        } catch (KeyFileException e) {
            return new Snapshot(digest(e.getMessage().getBytes(java.nio.charset.StandardCharsets.UTF_8)),
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

    private static byte[] digest(byte[] content) {
        return Sha256.of(content);
    }

    public static SigningKey parse(byte[] content, SigningAlgorithm algorithm) throws KeyFileException {
        return switch (algorithm) {
            case HS256 -> HmacSecrets.parse(content);
            case RS256 -> RsaPrivateKeys.parse(content);
        };
    }

    static byte[] readBounded(Path file) throws KeyFileException {
        if (Files.isDirectory(file)) {
            throw new KeyFileException("is a directory, not a key file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] content = in.readNBytes(MAX_BYTES + 1);
            if (content.length > MAX_BYTES) {
                throw new KeyFileException("is larger than " + MAX_BYTES / 1024 + " KiB, which no key is");
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
