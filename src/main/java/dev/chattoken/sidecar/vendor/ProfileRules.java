package dev.chattoken.sidecar.vendor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import dev.chattoken.sidecar.profile.ProfileSettings;

/**
 * Collects what is wrong with a profile's settings for a vendor. Options a vendor has no place for are refused
 * rather than ignored, so that a misplaced {@code issuer} or {@code ttl} shows at startup, not in production.
 */
final class ProfileRules {

    private final ProfileSettings profile;
    private final String vendor;
    private final List<String> problems = new ArrayList<>();

    private ProfileRules(ProfileSettings profile, String vendor) {
        this.profile = profile;
        this.vendor = vendor;
    }

    static ProfileRules of(ProfileSettings profile, String vendor) {
        return new ProfileRules(profile, vendor);
    }

    ProfileRules require(String field, Optional<?> value, String why) {
        if (value.isEmpty()) {
            problems.add(profile.key(field) + " is required for " + vendor + " (" + why + ")");
        }
        return this;
    }

    ProfileRules refuse(String field, Optional<?> value) {
        if (value.isPresent()) {
            problems.add(profile.key(field) + " is not used by " + vendor + " tokens; remove it");
        }
        return this;
    }

    ProfileRules refuse(String field, Collection<?> value) {
        return refuse(field, value.isEmpty() ? Optional.empty() : Optional.of(value));
    }

    /** A ttl, when set, must be whole seconds between one second and {@code max}. */
    ProfileRules ttlAtMost(Duration max) {
        profile.ttl().ifPresent(ttl -> {
            if (ttl.compareTo(Duration.ofSeconds(1)) < 0 || ttl.getNano() != 0) {
                problems.add(profile.key("ttl") + " must be a whole number of seconds, at least 1s (got " + ttl + ")");
            } else if (ttl.compareTo(max) > 0) {
                problems.add(profile.key("ttl") + " is " + ttl.toSeconds() + "s; " + vendor + " accepts at most " + max.toSeconds() + "s");
            }
        });
        return this;
    }

    ProfileRules check(boolean ok, String problem) {
        if (!ok) {
            problems.add(problem);
        }
        return this;
    }

    List<String> problems() {
        return List.copyOf(problems);
    }
}
