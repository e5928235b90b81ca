package dev.chattoken.sidecar.injector;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API server's version, from its {@code /version}: {@code major} and {@code minor} (a provider may add a {@code +}
 * to the minor, as in {@code "29+"}), and {@code gitVersion} for messages.
 */
public record KubernetesVersion(int major, int minor, String gitVersion) {

    private static final Pattern NUMBER = Pattern.compile("^(\\d+)");

    public boolean atLeast(int major, int minor) {
        return this.major > major || (this.major == major && this.minor >= minor);
    }

    /** From the {@code major}, {@code minor} and {@code gitVersion} members of {@code /version}. */
    public static KubernetesVersion of(String major, String minor, String gitVersion) {
        return new KubernetesVersion(number(major, "major"), number(minor, "minor"), gitVersion);
    }

    private static int number(String text, String what) {
        Matcher matcher = NUMBER.matcher(text == null ? "" : text);
        if (!matcher.find()) {
            throw new IllegalArgumentException("the API server's /version has no " + what + " version number: " + text);
        }
        return Integer.parseInt(matcher.group(1));
    }

    @Override
    public String toString() {
        return gitVersion;
    }
}
