package dev.chattoken.sidecar.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import dev.chattoken.sidecar.profile.Profile;
import dev.chattoken.sidecar.profile.ProfileRegistry;

/** Ready when every active profile holds a parsed key; reports each profile's vendor and key fingerprint. */
@Readiness
@ApplicationScoped
public class ProfileKeysReadiness implements HealthCheck {

    private final ProfileRegistry profiles;

    public ProfileKeysReadiness(ProfileRegistry profiles) {
        this.profiles = profiles;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("profile-keys").up();
        for (Profile profile : profiles.all()) {
            response.withData(profile.name(), profile.vendor().id() + " " + profile.key().fingerprint());
        }
        return response.build();
    }
}
