package dev.chattoken.sidecar.profile;

import dev.chattoken.sidecar.keys.SigningKey;
import dev.chattoken.sidecar.vendor.Vendor;

/**
 * An active profile: its settings, its vendor's rules and its parsed key.
 */
public record Profile(ProfileSettings settings, Vendor vendor, SigningKey key) {

    public String name() {
        return settings.name();
    }
}
