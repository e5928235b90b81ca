package dev.chattoken.sidecar.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One active profile's configuration, checked for presence and frozen: its vendor, its key files, and the options its
 * vendor reads ({@code chat-token.profiles.<name>.<option>}), by name. Which options a vendor accepts, and what they
 * mean, is the vendor's rule.
 *
 * @param name the profile's name, as in {@code /v1/tokens/{name}}
 * @param vendor the vendor id ({@code dg}, {@code kindly}, ...)
 * @param keyFile the mounted secret or private key
 * @param keyIdFile a file beside it holding the key's id, re-read and rotated together with the key
 * @param options every other setting of the profile, by option name ({@code issuer}, {@code header.cty}); member names
 *     quoted in the configuration ({@code claims."a.b"}) are unquoted
 */
public record ProfileSettings(
        String name, String vendor, Path keyFile, Optional<Path> keyIdFile, Map<String, String> options) {

    /** The settings every profile has, read here; the vendor reads the rest. */
    static final String VENDOR = "vendor";

    static final String KEY_FILE = "key-file";
    static final String KEY_ID_FILE = "key-id-file";

    private static final java.util.regex.Pattern INDEXED = java.util.regex.Pattern.compile("(.+)\\[(\\d+)]");

    public ProfileSettings {
        options = Map.copyOf(options);
    }

    /** The config key of one of this profile's settings, for messages: {@code chat-token.profiles.x.ttl}. */
    public String key(String option) {
        return "chat-token.profiles." + name + "." + option;
    }

    public Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    /**
     * Reads the settings of a profile named in {@code chat-token.active}.
     *
     * @throws ProfileException naming the first missing setting
     */
    public static ProfileSettings from(String name, ChatTokenConfig.ProfileConfig config) {
        String vendor = config.vendor()
                .map(String::strip)
                .filter(v -> !v.isEmpty())
                .orElseThrow(() -> new ProfileException(name, "chat-token.profiles." + name + ".vendor is not set"));
        Path keyFile = config.keyFile()
                .orElseThrow(() -> new ProfileException(name, "chat-token.profiles." + name + ".key-file is not set"));
        Map<String, String> options = new TreeMap<>();
        Map<String, Map<Integer, String>> lists = new TreeMap<>(); // YAML lists arrive as name[0], name[1], ...
        config.settings().forEach((key, value) -> {
            String option = key.replace("\"", "");
            java.util.regex.Matcher indexed = INDEXED.matcher(option);
            if (indexed.matches()) {
                lists.computeIfAbsent(indexed.group(1), k -> new TreeMap<>())
                        .put(Integer.parseInt(indexed.group(2)), value.strip());
            } else if (!option.equals(VENDOR) && !option.equals(KEY_FILE) && !option.equals(KEY_ID_FILE)) {
                options.put(option, value.strip());
            }
        });
        lists.forEach((option, items) -> options.put(option, String.join(",", items.values())));
        return new ProfileSettings(name, vendor, keyFile, config.keyIdFile(), options);
    }
}
