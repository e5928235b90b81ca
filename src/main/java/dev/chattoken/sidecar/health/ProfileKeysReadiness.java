package dev.chattoken.sidecar.health;

import dev.chattoken.sidecar.config.ChatTokenConfig;
import dev.chattoken.sidecar.keys.KeyRing;
import dev.chattoken.sidecar.profile.Profile;
import dev.chattoken.sidecar.profile.ProfileRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready: every active profile holds a valid key. A refused rotation does not make the sidecar unready (the last good
 * key keeps signing, and the vendor still accepts it until the old key is revoked there); it shows here as the
 * profile's {@code last_reload_error}, and in {@code GET /v1/profiles} and the metrics.
 *
 * <p>The management port answers anyone in the cluster, so by default this says only which profile is affected
 * ({@code <profile>: "reload refused"}); the vendor, fingerprint, key age and the reason are shown with
 * {@code chat-token.management.profile-details=true}, and always on the loopback {@code GET /v1/profiles}.
 */
@Readiness
@ApplicationScoped
public class ProfileKeysReadiness implements HealthCheck {

    private final ProfileRegistry profiles;
    private final Clock clock;
    private final boolean details;

    public ProfileKeysReadiness(ProfileRegistry profiles, Clock clock, ChatTokenConfig config) {
        this.profiles = profiles;
        this.clock = clock;
        this.details = config.management().profileDetails();
    }

    @Override
    public HealthCheckResponse call() {
        Instant now = clock.instant();
        HealthCheckResponseBuilder response =
                HealthCheckResponse.named("profile-keys").up();
        for (Profile profile : profiles.all()) {
            KeyRing.State state = profile.keys().state();
            if (!details) {
                response.withData(profile.name(), state.lastFailure().isPresent() ? "reload refused" : "ok");
                continue;
            }
            String prefix = profile.name() + ".";
            response.withData(prefix + "vendor", profile.vendor().id());
            response.withData(prefix + "key_fingerprint", state.current().fingerprint());
            response.withData(prefix + "key_age_seconds", state.age(now).toSeconds());
            response.withData(
                    prefix + "last_reload_error",
                    state.lastFailure().map(f -> f.at() + " " + f.reason()).orElse("none"));
        }
        return response.build();
    }
}
