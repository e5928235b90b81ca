package dev.chattoken.sidecar.config;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Lets a profile whose name has a dash ({@code kindly-prod}) be configured by environment variables alone.
 *
 * <p>{@code CHAT_TOKEN_PROFILES_KINDLY_PROD_VENDOR} could mean the profile {@code kindly-prod}, {@code kindly.prod} or
 * {@code kindly_prod}, so SmallRye cannot tell a map key from it. The names in {@code chat-token.active} settle it: for
 * each one whose vendor variable is set, this source declares the profile's settings from the variables that begin with
 * its prefix ({@code CHAT_TOKEN_PROFILES_KINDLY_PROD_}; the longest active name wins where two match): the rest of the
 * name in lower case with {@code _} read as {@code -} ({@code KEY_ID_FILE} is {@code key-id-file}), and
 * {@code OPTIONS_ACCOUNT_SID} as {@code options.account-sid}. Case-sensitive members ({@code header.*},
 * {@code claims.*}) cannot be spelled in a variable name: set those in a properties or YAML file.
 */
public class ActiveProfileEnvNames implements ConfigSourceFactory {

    private final Map<String, String> environment;

    public ActiveProfileEnvNames() {
        this(System.getenv());
    }

    ActiveProfileEnvNames(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** Just below the environment's own 300, so an explicit property of the same name still wins. */
    static final int ORDINAL = 295;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue active = context.getValue("chat-token.active");
        Map<String, String> declared = new HashMap<>();
        if (active != null && active.getValue() != null) {
            // Each active profile's variable prefix, computed once (the environment may hold hundreds of variables),
            // the longest name first.
            Map<String, String> prefixes = new LinkedHashMap<>();
            Arrays.stream(active.getValue().split(","))
                    .map(String::strip)
                    .filter(p -> !p.isEmpty() && environment.containsKey(envName(p, "vendor")))
                    .sorted(Comparator.comparingInt(String::length).reversed())
                    .forEach(p -> prefixes.put(p, envName(p, "")));
            environment.forEach((variable, value) -> {
                for (Map.Entry<String, String> profile : prefixes.entrySet()) {
                    if (variable.startsWith(profile.getValue())) {
                        declared.put(
                                "chat-token.profiles." + profile.getKey() + "."
                                        + setting(variable.substring(
                                                profile.getValue().length())),
                                value);
                        return;
                    }
                }
            });
        }
        return List.of(
                new PropertiesConfigSource(declared, "chat-token active profiles from the environment", ORDINAL));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    /** {@code KEY_ID_FILE} as {@code key-id-file}, {@code OPTIONS_ACCOUNT_SID} as {@code options.account-sid}. */
    static String setting(String suffix) {
        String name = suffix.toLowerCase(Locale.ROOT).replace('_', '-');
        return name.startsWith("options-") ? "options." + name.substring("options-".length()) : name;
    }

    /**
     * The environment variable of a profile field, by MicroProfile Config's rule: non-alphanumerics become {@code _}.
     */
    static String envName(String profile, String field) {
        return ("CHAT_TOKEN_PROFILES_" + profile + "_" + field)
                .replaceAll("[^A-Za-z0-9]", "_")
                .toUpperCase(Locale.ROOT);
    }
}
