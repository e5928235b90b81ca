package dev.chattoken.sidecar.keys;

import dev.chattoken.sidecar.crypto.Signer;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * A profile's mounted key file, feeding the profile's {@link KeyRing}: each change is parsed once, logged once
 * (profile, file, outcome; never the content) and reported to {@code outcomes} for metrics.
 */
public final class ProfileKeyFile implements SecretFileWatcher.WatchedFile {

    private static final Logger LOG = Logger.getLogger(SecretFileWatcher.class);

    private final String profile;
    private final Source source;
    private final Path file;
    private final KeyRing ring;
    private final Consumer<KeyRing.Outcome> outcomes;

    /**
     * Where a profile's key comes from, and how it is read: at startup and on every change of the file.
     *
     * @param file the key file
     * @param keyIdFile the file holding the key's id, read with the key
     * @param keyId the configured key id, when there is no such file
     * @param algorithm the algorithm the key must sign
     * @param keyIdProblem why the vendor refuses an id read from {@code keyIdFile}, empty when it takes it
     */
    public record Source(
            Path file,
            Optional<Path> keyIdFile,
            Optional<String> keyId,
            SigningAlgorithm algorithm,
            Function<String, Optional<String>> keyIdProblem) {

        /**
         * The key with its id: the one of {@code keyIdFile}, read with it, else the configured {@code keyId}. An id
         * from {@code keyIdFile} that the vendor refuses ({@code keyIdProblem}: Twilio's must be an API key SID)
         * refuses the pair, at startup as on rotation; a configured id is checked with the profile's other options.
         */
        public KeyFiles.Snapshot read() {
            KeyFiles.Snapshot snapshot = KeyFiles.snapshot(file, keyIdFile, algorithm);
            if (keyIdFile.isEmpty() && keyId.isPresent() && snapshot.parsed() instanceof KeyFiles.Parsed.Key key) {
                return new KeyFiles.Snapshot(snapshot.digest(), new KeyFiles.Parsed.Key(key.key(), keyId));
            }
            if (keyIdFile.isPresent() && snapshot.parsed() instanceof KeyFiles.Parsed.Key key) {
                Optional<String> problem = key.keyId().flatMap(keyIdProblem);
                if (problem.isPresent()) { // the id is not echoed: a misplaced secret would land in the log
                    return new KeyFiles.Snapshot(
                            snapshot.digest(),
                            new KeyFiles.Parsed.Refused(
                                    "has a key id file " + keyIdFile.get() + " whose id " + problem.get()));
                }
            }
            return snapshot;
        }
    }

    public ProfileKeyFile(String profile, Source source, KeyRing ring, Consumer<KeyRing.Outcome> outcomes) {
        this.profile = profile;
        this.source = source;
        this.file = source.file();
        this.ring = ring;
        this.outcomes = outcomes;
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public void reread() {
        KeyFiles.Snapshot snapshot = source.read();
        KeyRing.Outcome outcome = ring.offer(snapshot.digest(), snapshot.parsed());
        switch (outcome) {
            case UNCHANGED -> {
                return;
            }
            case ROTATED -> {
                KeyRing.State now = ring.state();
                LOG.logf(
                        level(now.signer()),
                        "profile '%s': key file %s rotated: now signing with %s%s (%s)%s",
                        profile,
                        file,
                        now.current().fingerprint(),
                        now.keyId().map(id -> ", key id " + id).orElse(""),
                        signedBy(now.signer()),
                        ring.retention().isZero()
                                ? ""
                                : "; previous key kept for verification for "
                                        + ring.retention().toSeconds() + "s");
            }
            case SAME_KEY ->
                LOG.infof(
                        "profile '%s': key file %s changed, same key %s",
                        profile, file, ring.current().fingerprint());
            case REFUSED ->
                LOG.errorf(
                        "profile '%s': key file %s changed and was refused: it %s; still signing with %s",
                        profile,
                        file,
                        ring.state()
                                .lastFailure()
                                .map(KeyRing.ReloadFailure::reason)
                                .orElse("is unusable"),
                        ring.current().fingerprint());
        }
        outcomes.accept(outcome);
    }

    /** Who signs with a key, and why not libcrypto where it was tried: for the line that announces the key. */
    public static String signedBy(Signer signer) {
        return "signed by " + signer.implementation()
                + signer.libcryptoRefusal()
                        .map(reason -> ", because libcrypto cannot use this key: " + reason)
                        .orElse("");
    }

    /** A key libcrypto refused is served, more slowly: worth a warning, not an error. */
    public static Logger.Level level(Signer signer) {
        return signer.libcryptoRefusal().isPresent() ? Logger.Level.WARN : Logger.Level.INFO;
    }
}
