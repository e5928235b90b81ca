package dev.chattoken.sidecar.profile;

import java.util.List;

/** A request for a profile that is not declared or not active: 404, naming the profiles that are. */
public final class UnknownProfileException extends RuntimeException {

    private final String profile;
    private final List<String> active;

    public UnknownProfileException(String profile, List<String> active) {
        super(
                "no active profile named '" + profile + "'"
                        + (active.isEmpty() ? "; no profile is active" : "; active: " + String.join(", ", active)),
                null,
                false,
                false);
        this.profile = profile;
        this.active = List.copyOf(active);
    }

    public String profile() {
        return profile;
    }

    /** The names a request may use, in the order the sidecar lists its profiles. */
    public List<String> active() {
        return active;
    }
}
