package dev.chattoken.sidecar.token;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chattoken.sidecar.keys.KeyRing;
import dev.chattoken.sidecar.keys.SigningKey;
import dev.chattoken.sidecar.profile.Profile;
import dev.chattoken.sidecar.profile.ProfileRegistry;
import dev.chattoken.sidecar.vendor.IdentityField;
import dev.chattoken.sidecar.vendor.InvalidRequestException;
import dev.chattoken.sidecar.vendor.TokenContent;
import dev.chattoken.sidecar.vendor.UserIdentity;
import dev.chattoken.sidecar.vendor.Vendor;
import dev.chattoken.sidecar.metrics.SidecarMetrics;
import io.micrometer.core.instrument.Timer;

/**
 * Mints a token: finds the profile, lets its vendor validate the request and build the claims, signs them with
 * the current key's own signer (chosen and proven when the key was loaded). The claims are exactly the vendor's:
 * nothing is added to them.
 */
@ApplicationScoped
public class TokenMinter {

    private final ProfileRegistry profiles;
    private final Clock clock;
    private final SidecarMetrics metrics;
    private final AuditLog audit;

    public TokenMinter(ProfileRegistry profiles, Clock clock, SidecarMetrics metrics, AuditLog audit) {
        this.profiles = profiles;
        this.clock = clock;
        this.metrics = metrics;
        this.audit = audit;
    }

    public MintedToken mint(String profileName, UserIdentity identity) {
        Profile profile = profiles.find(profileName).orElseThrow(() -> new UnknownProfileException(profileName));
        Timer.Sample sample = Timer.start();
        Vendor vendor = profile.vendor();
        refuseUnusedFields(identity, vendor);
        Instant now = Instant.ofEpochSecond(clock.instant().getEpochSecond());
        TokenContent content = vendor.build(identity, profile.settings(), now);

        KeyRing.State keys = profile.keys().state(); // one read: the kid and the signature come from the same key
        SigningKey key = keys.current();
        Optional<String> kid = vendor.keyId(profile.settings(), key);
        String token = CompactJws.sign(vendor.algorithm(), kid, content.claims(), keys.signer());
        sample.stop(metrics.signing(profile.name()));
        metrics.issued(profile.name(), vendor.id());
        MintedToken minted = new MintedToken(token, profile.name(), vendor.id(), kid, content.expiresAt(),
                vendor.widgetFields(identity, token));
        audit.minted(minted, identity);
        return minted;
    }

    private static void refuseUnusedFields(UserIdentity identity, Vendor vendor) {
        for (IdentityField field : identity.present()) { // EnumSet: always the same first field for the same body
            if (!vendor.acceptedFields().contains(field)) {
                throw new InvalidRequestException(InvalidRequestException.Reason.UNSUPPORTED_FIELD, field.jsonName(),
                        field.jsonName() + " is not part of a " + vendor.id() + " token; leave it out");
            }
        }
    }
}
