package dev.chattoken.sidecar.profile;

import dev.chattoken.sidecar.config.ProfileSettings;
import dev.chattoken.sidecar.keys.KeyCertificates;
import dev.chattoken.sidecar.keys.KeyRing;
import dev.chattoken.sidecar.keys.ProfileKeyFile;
import dev.chattoken.sidecar.keys.SigningKey;
import dev.chattoken.sidecar.vendors.Option;
import dev.chattoken.sidecar.vendors.TokenRules;
import dev.chattoken.sidecar.vendors.Vendor;
import java.util.Optional;

/**
 * An active profile, loaded: its settings (the configured profile), its vendor, the vendor's rules for it, and its keys
 * (the current one with its id, and those it replaced), with their certificates when the profile publishes them
 * ({@link TokenRules#publishesCertificate()}).
 */
public record Profile(
        ProfileSettings settings,
        Vendor vendor,
        TokenRules rules,
        KeyRing keys,
        Optional<KeyCertificates> certificates) {

    public String name() {
        return settings.name();
    }

    /** The header {@code kid} of the profile's tokens signed with {@code key}, issued with {@code keyId}. */
    public Optional<String> kid(SigningKey key, Optional<String> keyId) {
        return rules.kid(key, keyId);
    }

    /** Where the profile's key comes from: read at load, and again on every change of its file. */
    public ProfileKeyFile.Source keySource() {
        return keySource(settings, rules);
    }

    /** The key of a configured profile as its rules read it: the key file, and the key id file or configured id. */
    static ProfileKeyFile.Source keySource(ProfileSettings settings, TokenRules rules) {
        return new ProfileKeyFile.Source(
                settings.keyFile(),
                settings.keyIdFile(),
                settings.option(Option.KEY_ID_NAME),
                rules.algorithm(),
                rules::keyIdProblem);
    }
}
