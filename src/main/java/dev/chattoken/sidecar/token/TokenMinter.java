package dev.chattoken.sidecar.token;

import dev.chattoken.sidecar.metrics.SidecarMetrics;
import dev.chattoken.sidecar.profile.Profile;
import dev.chattoken.sidecar.profile.ProfileRegistry;
import dev.chattoken.sidecar.vendors.UpstreamRules;
import dev.chattoken.sidecar.vendors.UserIdentity;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Mints a token for the API: finds the profile, has {@link TokenAssembly} make the token (or, for a vendor whose token
 * only its API issues, {@link UpstreamMinter} get it), and counts and audits it.
 */
@Singleton
public class TokenMinter {

    private final ProfileRegistry profiles;
    private final Clock clock;
    private final SidecarMetrics metrics;
    private final AuditLog audit;
    private final UpstreamMinter upstream;
    private final TokenAssembly assembly = new TokenAssembly();

    public TokenMinter(
            ProfileRegistry profiles, Clock clock, SidecarMetrics metrics, AuditLog audit, UpstreamMinter upstream) {
        this.profiles = profiles;
        this.clock = clock;
        this.metrics = metrics;
        this.audit = audit;
        this.upstream = upstream;
    }

    /**
     * The token of a request: done at once for a signed token, later for one a vendor's API issues (failing with an
     * {@link dev.chattoken.sidecar.upstream.UpstreamException}). A request that is not valid is refused at once, by an
     * exception of this call.
     */
    public CompletionStage<MintedToken> mint(String profileName, UserIdentity identity) {
        Profile profile = profiles.active(profileName);
        if (profile.rules() instanceof UpstreamRules rules) {
            TokenAssembly.refuseUnusedFields(profile, identity);
            UpstreamRules.Order order = rules.order(identity);
            return upstream.token(profile, order).thenApply(served -> {
                MintedToken minted = new MintedToken(
                        served.token().token(),
                        profile.name(),
                        profile.vendor().id(),
                        Optional.empty(),
                        Optional.of(served.token().expiresAt()),
                        rules.widgetFields(identity, served.token().token()),
                        Optional.of(served.source()));
                metrics.issued(profile.name(), profile.vendor().id());
                audit.minted(minted, identity);
                return minted;
            });
        }
        return CompletableFuture.completedFuture(sign(profile, identity));
    }

    private MintedToken sign(Profile profile, UserIdentity identity) {
        Timer.Sample sample = Timer.start();
        MintedToken minted = assembly.mint(
                profile, identity, Instant.ofEpochSecond(clock.instant().getEpochSecond()));
        sample.stop(metrics.signing(profile.name()));
        metrics.issued(profile.name(), profile.vendor().id());
        audit.minted(minted, identity);
        return minted;
    }
}
