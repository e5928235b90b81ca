package dev.chattoken.sidecar.profile;

import java.util.Optional;

import dev.chattoken.sidecar.config.ProfileSettings;
import dev.chattoken.sidecar.keys.KeyCertificates;
import dev.chattoken.sidecar.keys.KeyRing;
import dev.chattoken.sidecar.keys.SigningKey;
import dev.chattoken.sidecar.vendors.Vendor;
import dev.chattoken.sidecar.vendors.VendorProfile;

/**
 * An active profile: its settings, its vendor, the token rules the vendor made of its options, and its keys (the
 * current one with its id, and those it replaced), with their certificates when the profile publishes them
 * ({@link VendorProfile#publishesCertificate()}).
 */
public record Profile(ProfileSettings settings, Vendor vendor, VendorProfile rules, KeyRing keys,
        Optional<KeyCertificates> certificates) {

    /** A vendor and the rules it made of a profile's options. */
    public record Rules(Vendor vendor, VendorProfile profile) {
    }

    public String name() {
        return settings.name();
    }

    /** The header {@code kid} of the profile's tokens signed with {@code key}, issued with {@code keyId}. */
    public Optional<String> kid(SigningKey key, Optional<String> keyId) {
        return rules.kid(key, keyId);
    }
}
