package dev.chattoken.sidecar.profile;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Function;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Lets a profile whose name has a dash ({@code kindly-prod}) be configured by environment variables alone.
 *
 * <p>{@code CHAT_TOKEN_PROFILES_KINDLY_PROD_VENDOR} could mean the profile {@code kindly-prod}, {@code kindly.prod}
 * or {@code kindly_prod}, so SmallRye cannot tell a map key from it. The names in {@code chat-token.active} settle
 * it: for each one whose vendor variable is set, this source declares {@code chat-token.profiles.<name>.vendor},
 * which makes the key known; every other field is then found in the environment by SmallRye as usual.
 */
public class ActiveProfileEnvNames implements ConfigSourceFactory {

    private final Function<String, String> environment;

    public ActiveProfileEnvNames() {
        this(System::getenv);
    }

    ActiveProfileEnvNames(Function<String, String> environment) {
        this.environment = environment;
    }

    /** Just below the environment's own 300, so an explicit property of the same name still wins. */
    static final int ORDINAL = 295;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue active = context.getValue("chat-token.active");
        Map<String, String> declared = new HashMap<>();
        if (active != null && active.getValue() != null) {
            for (String name : active.getValue().split(",")) {
                String profile = name.strip();
                String vendor = profile.isEmpty() ? null : environment.apply(envName(profile, "vendor"));
                if (vendor != null) {
                    declared.put("chat-token.profiles." + profile + ".vendor", vendor);
                }
            }
        }
        return List.of(new PropertiesConfigSource(declared, "chat-token active profiles from the environment", ORDINAL));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    /** The environment variable of a profile field, by MicroProfile Config's rule: non-alphanumerics become {@code _}. */
    static String envName(String profile, String field) {
        return ("CHAT_TOKEN_PROFILES_" + profile + "_" + field).replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }
}
