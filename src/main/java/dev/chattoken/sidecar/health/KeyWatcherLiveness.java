package dev.chattoken.sidecar.health;

import dev.chattoken.sidecar.profile.ProfileRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live: the process answers, and the key watcher runs. A stopped watcher would leave the sidecar signing with a key the
 * vendor may already have revoked; a restart is the cure, which is what a failing liveness probe gets.
 */
@Liveness
@ApplicationScoped
public class KeyWatcherLiveness implements HealthCheck {

    private final ProfileRegistry profiles;

    public KeyWatcherLiveness(ProfileRegistry profiles) {
        this.profiles = profiles;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("key-watcher")
                .status(profiles.isWatchingKeys())
                .build();
    }
}
