package dev.chattoken.sidecar.profile;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.chattoken.sidecar.vendor.Vendors;
import io.quarkus.runtime.Startup;

/**
 * The active profiles, loaded once at startup: a profile that cannot be served stops the sidecar before it
 * answers anything, instead of failing on the first request.
 */
@Startup(ProfileRegistry.STARTUP_PRIORITY)
@ApplicationScoped
public class ProfileRegistry {

    /** After anything that prepares key files (the dev mode's demo keys). */
    public static final int STARTUP_PRIORITY = 1000;

    private static final Logger LOG = Logger.getLogger(ProfileRegistry.class);

    private final Map<String, Profile> active;

    public ProfileRegistry(ChatTokenConfig config, Vendors vendors) {
        this.active = ProfileLoader.load(config, vendors);
        active.values().forEach(p -> LOG.infof("profile '%s' active: vendor %s, %s, kid %s, key %s from %s",
                p.name(), p.vendor().id(), p.vendor().algorithm(),
                p.vendor().keyId(p.settings(), p.key()).orElse("(none)"), p.key().fingerprint(), p.settings().keyFile()));
    }

    public Optional<Profile> find(String name) {
        return Optional.ofNullable(active.get(name));
    }

    public Collection<Profile> all() {
        return List.copyOf(active.values());
    }
}
