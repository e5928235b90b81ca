package dev.chattoken.sidecar.profile;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One active profile's configuration, checked for presence and frozen: what a vendor reads to build a token.
 *
 * @param name           the profile's name, as in {@code /v1/tokens/{name}}
 * @param vendor         the vendor id ({@code dg}, {@code kindly}, ...)
 * @param keyFile        the mounted secret or private key
 * @param keyId          the configured header {@code kid}
 * @param issuer         the configured {@code iss}
 * @param ttl            the configured token lifetime
 * @param webhookDomains Kindly's default {@code chat.webhook_domains}, empty when none
 */
public record ProfileSettings(String name, String vendor, Path keyFile, Optional<String> keyId,
        Optional<String> issuer, Optional<Duration> ttl, List<String> webhookDomains) {

    public ProfileSettings {
        webhookDomains = List.copyOf(webhookDomains);
    }

    /** The config key of one of this profile's fields, for messages: {@code chat-token.profiles.x.ttl}. */
    public String key(String field) {
        return "chat-token.profiles." + name + "." + field;
    }

    /**
     * Reads the required fields of a profile named in {@code chat-token.active}.
     *
     * @throws ProfileException naming the first missing field
     */
    static ProfileSettings from(String name, ChatTokenConfig.ProfileConfig config) {
        String vendor = config.vendor().map(String::strip).filter(v -> !v.isEmpty())
                .orElseThrow(() -> new ProfileException(name, "chat-token.profiles." + name + ".vendor is not set"));
        Path keyFile = config.keyFile()
                .orElseThrow(() -> new ProfileException(name, "chat-token.profiles." + name + ".key-file is not set"));
        return new ProfileSettings(name, vendor, keyFile,
                config.keyId().map(String::strip).filter(v -> !v.isEmpty()),
                config.issuer().map(String::strip).filter(v -> !v.isEmpty()),
                config.ttl(),
                config.webhookDomains().orElse(List.of()).stream().map(String::strip).filter(d -> !d.isEmpty()).toList());
    }
}
