package dev.chattoken.sidecar.profile;

import dev.chattoken.sidecar.keys.KeyRing;
import dev.chattoken.sidecar.vendor.Vendor;

/**
 * An active profile: its settings, its vendor's rules and its keys (the current one and those it replaced).
 */
public record Profile(ProfileSettings settings, Vendor vendor, KeyRing keys) {

    public String name() {
        return settings.name();
    }
}
