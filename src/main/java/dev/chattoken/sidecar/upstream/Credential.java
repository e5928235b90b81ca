package dev.chattoken.sidecar.upstream;

import java.util.Optional;

/**
 * A profile's vendor credential as read from its Secret at the moment of a call (re-read on rotation like every key):
 * HubSpot's private app token, Sendbird's API token, Channel Talk's access secret, and Channel Talk's access key
 * ({@code keyId}). Never logged: {@link #toString()} says nothing of it.
 */
public record Credential(String secret, Optional<String> keyId) {

    /**
     * The secret as a header value: visible ASCII only (a vendor's tokens are), else a refusal that names the file's
     * problem and not its content.
     */
    public String secretHeader() {
        return header(secret, "key-file");
    }

    /** The key id (Channel Talk's access key) as a header value. */
    public String keyIdHeader() {
        return header(
                keyId.orElseThrow(
                        () -> new UpstreamException.Refused("the profile has no key-id (the vendor's access key)")),
                "key-id");
    }

    private static String header(String value, String setting) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new UpstreamException.Refused(
                        "the profile's " + setting + " holds a character an HTTP header cannot "
                                + "carry (space, control or non-ASCII): the vendor's credentials are visible ASCII");
            }
        }
        return value;
    }

    @Override
    public String toString() {
        return "Credential[redacted]";
    }
}
