package dev.chattoken.sidecar.health;

import dev.chattoken.sidecar.profile.ProfileRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/**
 * Started: every active profile's key was loaded. The registry loads them during startup and the process exits if one
 * cannot be, so this answers UP from the moment the management interface does.
 */
@Startup
@ApplicationScoped
public class ProfilesLoadedStartup implements HealthCheck {

    private final ProfileRegistry profiles;

    public ProfilesLoadedStartup(ProfileRegistry profiles) {
        this.profiles = profiles;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("profiles-loaded")
                .up()
                .withData("profiles", profiles.all().size())
                .build();
    }
}
