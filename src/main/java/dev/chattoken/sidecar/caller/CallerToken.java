package dev.chattoken.sidecar.caller;

import dev.chattoken.sidecar.keys.SecretFile;
import dev.chattoken.sidecar.keys.Sha256;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * The shared caller token, read from a mounted Secret file by the same rules as an HMAC secret and re-read like the
 * keys ({@link SecretFile}). Only its SHA-256 is held: comparing two digests with {@link MessageDigest#isEqual} takes
 * the same time whatever the caller sent. A token under {@value #MIN_BYTES} bytes is refused (at startup, and on a
 * reload, which keeps the previous token): it could be guessed by whoever reaches the port.
 */
public final class CallerToken {

    /** 128 bits: beyond guessing over a loopback port, however fast the guesses come. */
    public static final int MIN_BYTES = 16;

    private final SecretFile<byte[]> digest;

    private CallerToken(SecretFile<byte[]> digest) {
        this.digest = digest;
    }

    /** @throws IllegalArgumentException with the reason (never the content) when the file holds no usable token */
    public static CallerToken load(Path file) {
        return new CallerToken(SecretFile.load("caller token file", file, MIN_BYTES, Sha256::of));
    }

    public boolean matches(String presented) {
        return presented != null
                && MessageDigest.isEqual(Sha256.of(presented.getBytes(StandardCharsets.UTF_8)), digest.value());
    }

    /** The file, for the watcher. */
    public SecretFile<byte[]> file() {
        return digest;
    }
}
