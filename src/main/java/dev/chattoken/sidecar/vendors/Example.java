package dev.chattoken.sidecar.vendors;

import java.util.Map;

/**
 * A working profile and request of a vendor: documentation that runs. The shared contract tests configure and mint
 * every vendor's example, the test profiles are made from them, and the chart test installs one per vendor.
 *
 * @param options the profile's options, as {@code chat-token.profiles.<name>.<option>} takes them
 * @param request a token request body this profile answers with a token
 */
public record Example(Map<String, String> options, String request) {

    public Example {
        options = Map.copyOf(options);
    }
}
