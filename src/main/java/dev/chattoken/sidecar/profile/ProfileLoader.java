package dev.chattoken.sidecar.profile;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jboss.logging.Logger;

import dev.chattoken.sidecar.crypto.Signers;
import dev.chattoken.sidecar.keys.HmacSecret;
import dev.chattoken.sidecar.keys.KeyFileException;
import dev.chattoken.sidecar.keys.KeyFiles;
import dev.chattoken.sidecar.keys.KeyRing;
import dev.chattoken.sidecar.keys.SigningKey;
import dev.chattoken.sidecar.vendor.Vendor;
import dev.chattoken.sidecar.vendor.Vendors;

/**
 * Turns {@code chat-token.*} into the active profiles, or into one line per reason why it cannot.
 * Kept apart from the CDI bean so that the refusals are tested without starting the application.
 */
public final class ProfileLoader {

    private static final Logger LOG = Logger.getLogger(ProfileLoader.class);

    /** A profile name is a path segment of {@code /v1/tokens/<name>}, used as is: nothing in it needs encoding. */
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z0-9]([A-Za-z0-9_-]{0,62}[A-Za-z0-9])?");

    private ProfileLoader() {
    }

    /**
     * @param signers makes each key's signer, now and on every rotation
     * @return the active profiles by name, in the order of {@code chat-token.active}
     * @throws ProfileStartupException listing every active profile that cannot be served
     */
    public static Map<String, Profile> load(ChatTokenConfig config, Vendors vendors, Clock clock, Signers signers) {
        Set<String> names = new LinkedHashSet<>();
        config.active().orElse(List.of()).stream().map(String::strip).filter(n -> !n.isEmpty()).forEach(names::add);
        if (names.isEmpty()) {
            throw new ProfileStartupException(List.of("chat-token.active names no profile: set it to the comma-separated "
                    + "names of the profiles to serve (declared profiles: " + String.join(", ", config.profiles().keySet()) + ")"));
        }
        Map<String, Profile> active = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        for (String name : names) {
            try {
                active.put(name, loadOne(name, config, vendors, clock, signers));
            } catch (ProfileException e) {
                failures.add(e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new ProfileStartupException(failures);
        }
        return active;
    }

    static Profile loadOne(String name, ChatTokenConfig config, Vendors vendors, Clock clock, Signers signers) {
        if (!NAME.matcher(name).matches()) {
            throw new ProfileException(name, "a profile name is the last segment of /v1/tokens/<name>: 1 to 64 letters, "
                    + "digits, '-' or '_', beginning and ending with a letter or digit");
        }
        ChatTokenConfig.ProfileConfig profileConfig = config.profiles().get(name);
        if (profileConfig == null) {
            throw new ProfileException(name, "listed in chat-token.active, but no chat-token.profiles." + name + ".* is configured (declared: " + String.join(", ", config.profiles().keySet()) + ")");
        }
        ProfileSettings settings = ProfileSettings.from(name, profileConfig);
        Vendor vendor = vendors.find(settings.vendor()).orElseThrow(() -> new ProfileException(name,
                "unknown vendor '" + settings.vendor() + "' (known: " + vendors.ids() + ")"));
        List<String> problems = vendor.checkProfile(settings);
        if (!problems.isEmpty()) {
            throw new ProfileException(name, String.join("; ", problems));
        }
        KeyFiles.Snapshot snapshot = KeyFiles.snapshot(settings.keyFile(), vendor.algorithm());
        if (snapshot.parsed() instanceof KeyFiles.Parsed.Refused refused) {
            throw new ProfileException(name, "key file " + settings.keyFile() + " " + refused.reason());
        }
        SigningKey key = ((KeyFiles.Parsed.Key) snapshot.parsed()).key();
        if (key instanceof HmacSecret secret && secret.isShort()) {
            LOG.warnf("profile '%s': the secret in %s is %d bytes, shorter than the %d RFC 7518 asks for HS256; "
                    + "accepted because %s issues it", name, settings.keyFile(), secret.length(),
                    HmacSecret.RECOMMENDED_MIN_LENGTH, vendor.id());
        }
        // A replaced key stays valid as long as a token it signed may still be accepted, plus clock skew.
        Duration retention = vendor.maxTokenLifetime(settings).map(lifetime -> lifetime.plus(config.verify().clockSkew()))
                .orElse(Duration.ZERO);
        try {
            return new Profile(settings, vendor,
                    KeyRing.load(key, snapshot.digest(), retention, clock, loaded -> loaded.newSigner(signers)));
        } catch (KeyFileException e) { // a key that parses but cannot sign
            throw new ProfileException(name, "key file " + settings.keyFile() + " " + e.getMessage());
        }
    }
}
