package dev.chattoken.sidecar.token;

import dev.chattoken.sidecar.metrics.SidecarMetrics;
import dev.chattoken.sidecar.profile.Profile;
import dev.chattoken.sidecar.profile.ProfileRegistry;
import dev.chattoken.sidecar.vendors.UserIdentity;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;

/** Mints a token for the API: finds the profile, has {@link TokenAssembly} make the token, and counts and audits it. */
@ApplicationScoped
public class TokenMinter {

    private final ProfileRegistry profiles;
    private final Clock clock;
    private final SidecarMetrics metrics;
    private final AuditLog audit;
    private final TokenAssembly assembly = new TokenAssembly();

    public TokenMinter(ProfileRegistry profiles, Clock clock, SidecarMetrics metrics, AuditLog audit) {
        this.profiles = profiles;
        this.clock = clock;
        this.metrics = metrics;
        this.audit = audit;
    }

    public MintedToken mint(String profileName, UserIdentity identity) {
        Profile profile = profiles.active(profileName);
        Timer.Sample sample = Timer.start();
        MintedToken minted = assembly.mint(
                profile, identity, Instant.ofEpochSecond(clock.instant().getEpochSecond()));
        sample.stop(metrics.signing(profile.name()));
        metrics.issued(profile.name(), profile.vendor().id());
        audit.minted(minted, identity);
        return minted;
    }
}
