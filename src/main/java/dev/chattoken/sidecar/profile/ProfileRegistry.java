package dev.chattoken.sidecar.profile;

import dev.chattoken.sidecar.config.ChatTokenConfig;
import dev.chattoken.sidecar.crypto.Signers;
import dev.chattoken.sidecar.keys.KeyRing;
import dev.chattoken.sidecar.keys.ProfileKeyFile;
import dev.chattoken.sidecar.keys.SecretFileWatcher;
import dev.chattoken.sidecar.metrics.SidecarMetrics;
import dev.chattoken.sidecar.vendors.UpstreamRules;
import dev.chattoken.sidecar.vendors.Vendors;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The active profiles, loaded once at startup (a profile that cannot be served stops the sidecar before it answers
 * anything), and the watcher that keeps their keys in step with the mounted files afterwards. The injector role serves
 * no tokens: it loads none.
 */
@Startup(ProfileRegistry.STARTUP_PRIORITY)
@Singleton
public class ProfileRegistry {

    /** After anything that prepares key files (the dev mode's demo keys). */
    public static final int STARTUP_PRIORITY = 1000;

    private static final Logger LOG = Logger.getLogger(ProfileRegistry.class);

    private final Map<String, Profile> active;
    private final SecretFileWatcher watcher;

    public ProfileRegistry(
            ChatTokenConfig config, Vendors vendors, Clock clock, SidecarMetrics metrics, SecretFileWatcher watcher) {
        this.watcher = watcher;
        if (config.role() == ChatTokenConfig.Role.INJECTOR) {
            this.active = Map.of();
            return;
        }
        Signers signers = Signers.forThisProcess(config.nativeOpensslSigning());
        LOG.info(signers.description());
        this.active = ProfileLoader.load(config, vendors, clock, signers);
        active.values().forEach(p -> {
            KeyRing.State keys = p.keys().state();
            if (p.rules() instanceof UpstreamRules) { // nothing is signed: the key is the vendor API's credential
                LOG.infof(
                        "profile '%s' active: vendor %s, tokens from its API, credential %s from %s",
                        p.name(),
                        p.vendor().id(),
                        keys.current().fingerprint(),
                        p.settings().keyFile());
            } else {
                LOG.logf(
                        ProfileKeyFile.level(keys.signer()),
                        "profile '%s' active: vendor %s, %s, kid %s, key %s from %s (%s)",
                        p.name(),
                        p.vendor().id(),
                        p.rules().algorithm(),
                        p.kid(keys.current(), keys.keyId()).orElse("(none)"),
                        keys.current().fingerprint(),
                        p.settings().keyFile(),
                        ProfileKeyFile.signedBy(keys.signer()));
            }
            metrics.keyAge(p.name(), p.keys()::keyAge);
        });
        ProfileLoader.sharedDigestAndJwtSecrets(active.values()).forEach(LOG::warn);
        metrics.libcryptoKeys(signers::libcryptoKeys);
        active.values()
                .forEach(p -> watcher.watch(new ProfileKeyFile(
                        p.name(), p.keySource(), p.keys(), outcome -> metrics.keyReload(p.name(), outcome))));
    }

    public Optional<Profile> find(String name) {
        return Optional.ofNullable(active.get(name));
    }

    /** The active profile a request names: the one place a request for another is refused (404 unknown-profile). */
    public Profile active(String name) {
        return find(name)
                .orElseThrow(() -> new UnknownProfileException(
                        name, active.values().stream().map(Profile::name).toList()));
    }

    public Collection<Profile> all() {
        return List.copyOf(active.values());
    }

    /**
     * False when the key watcher has stopped: rotated Secrets would no longer reach the sidecar. With no profile (the
     * injector role) there is nothing to watch.
     */
    public boolean isWatchingKeys() {
        return active.isEmpty() || watcher.isRunning();
    }
}
