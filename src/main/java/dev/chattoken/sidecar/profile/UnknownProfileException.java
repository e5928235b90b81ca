package dev.chattoken.sidecar.profile;

/** A request for a profile that is not declared or not active: 404. */
public final class UnknownProfileException extends RuntimeException {

    private final String profile;

    public UnknownProfileException(String profile) {
        super("no active profile named '" + profile + "'", null, false, false);
        this.profile = profile;
    }

    public String profile() {
        return profile;
    }
}
