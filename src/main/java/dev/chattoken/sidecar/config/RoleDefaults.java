package dev.chattoken.sidecar.config;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * What each role of the one executable fixes, decided by {@code chat-token.role} before the application starts.
 *
 * <p>The injector role has <em>no token listener</em>: {@code quarkus.http.host-enabled=false} at an ordinal above
 * every other source (environment 300, system properties 400), so that no setting can open the token API in the
 * injector's pod; its webhooks exist only on the management interface, and only in that role
 * ({@code injector/WebhookRoutes}). It takes request bodies there (an AdmissionReview holds a whole pod; the sidecar's
 * management port takes none), as a default a deployment may lower.
 */
public class RoleDefaults implements ConfigSourceFactory {

    /** Above every source a user sets (system properties are 400). */
    static final int ENFORCED_ORDINAL = 1000;
    /** Above the image's application.properties (250), below the environment (300). */
    static final int DEFAULT_ORDINAL = 275;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue role = context.getValue("chat-token.role");
        boolean injector = role != null
                && role.getValue() != null
                && role.getValue().strip().toLowerCase(Locale.ROOT).equals(ChatTokenConfig.Role.INJECTOR.value());
        if (!injector) {
            return List.of();
        }
        return List.of(
                new PropertiesConfigSource(
                        Map.of("quarkus.http.host-enabled", "false"), "chat-token role: injector", ENFORCED_ORDINAL),
                new PropertiesConfigSource(
                        Map.of(
                                "quarkus.management.limits.max-body-size", "3M",
                                "quarkus.management.port", "8443",
                                "quarkus.management.ssl.certificate.reload-period", "1m"),
                        "chat-token role: injector defaults",
                        DEFAULT_ORDINAL));
    }
}
