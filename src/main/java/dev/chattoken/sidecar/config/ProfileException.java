package dev.chattoken.sidecar.config;

/** An active profile that cannot be served: the message is one line naming the profile and the reason. */
public final class ProfileException extends RuntimeException {

    public ProfileException(String profile, String reason) {
        super("profile '" + profile + "': " + reason, null, false, false);
    }
}
