package dev.chattoken.sidecar.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chattoken.sidecar.support.VendorCatalog;
import dev.chattoken.sidecar.vendors.Vendors;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A profile named {@code kindly-prod} configured by environment variables alone, as a Deployment's env would. */
class ActiveProfileEnvNamesTest {

    @Test
    void environmentVariablesOfADashedProfileNameReachTheMapping() {
        String key = Path.of("src/test/resources/keys/kindly-pkcs8.pem")
                .toAbsolutePath()
                .toString();
        Map<String, String> env = Map.of(
                "CHAT_TOKEN_ACTIVE", "kindly-prod",
                "CHAT_TOKEN_PROFILES_KINDLY_PROD_VENDOR", "kindly",
                "CHAT_TOKEN_PROFILES_KINDLY_PROD_KEY_FILE", key,
                "CHAT_TOKEN_PROFILES_KINDLY_PROD_ISSUER", "https://iss.example",
                "CHAT_TOKEN_PROFILES_KINDLY_PROD_TTL", "2m",
                "CHAT_TOKEN_PROFILES_KINDLY_PROD_WEBHOOK_DOMAINS", "a.example,*.b.example");
        ChatTokenConfig config = new SmallRyeConfigBuilder()
                .withMapping(ChatTokenConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new EnvConfigSource(env, 300) {})
                .withSources(new ActiveProfileEnvNames(env))
                .build()
                .getConfigMapping(ChatTokenConfig.class);

        dev.chattoken.sidecar.profile.Profile profile = dev.chattoken.sidecar.profile.ProfileLoader.load(
                        config,
                        new Vendors(VendorCatalog.all()),
                        java.time.Clock.systemUTC(),
                        dev.chattoken.sidecar.crypto.Signers.jdk())
                .get("kindly-prod");
        assertEquals("kindly", profile.vendor().id());
        assertEquals(java.util.Optional.of("2m"), profile.settings().option("ttl"));
        assertEquals(
                java.util.Optional.of("a.example,*.b.example"),
                profile.settings().option("webhook-domains"));
        assertEquals(
                java.util.Optional.of("https://iss.example"), profile.settings().option("issuer"));
    }

    @Test
    void variablesAreReadAsTheSettingsOfTheLongestActiveNameTheyBeginWith() {
        assertEquals("key-id-file", ActiveProfileEnvNames.setting("KEY_ID_FILE"));
        assertEquals("options.account-sid", ActiveProfileEnvNames.setting("OPTIONS_ACCOUNT_SID"));
        Map<String, String> env = Map.of(
                "CHAT_TOKEN_ACTIVE",
                "dg,dg-prod",
                "CHAT_TOKEN_PROFILES_DG_VENDOR",
                "dg",
                "CHAT_TOKEN_PROFILES_DG_KEY_ID",
                "a",
                "CHAT_TOKEN_PROFILES_DG_PROD_VENDOR",
                "dg",
                "CHAT_TOKEN_PROFILES_DG_PROD_KEY_ID",
                "b");
        ChatTokenConfig config = new SmallRyeConfigBuilder()
                .withMapping(ChatTokenConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new EnvConfigSource(env, 300) {})
                .withSources(new ActiveProfileEnvNames(env))
                .build()
                .getConfigMapping(ChatTokenConfig.class);
        assertEquals("a", config.profiles().get("dg").settings().get("key-id"));
        assertEquals("b", config.profiles().get("dg-prod").settings().get("key-id"));
        assertEquals(
                java.util.Set.of("vendor", "key-id"),
                config.profiles().get("dg-prod").settings().keySet());
    }

    @Test
    void envNamesFollowMicroProfileConfig() {
        assertEquals("CHAT_TOKEN_PROFILES_KINDLY_PROD_VENDOR", ActiveProfileEnvNames.envName("kindly-prod", "vendor"));
        assertEquals("CHAT_TOKEN_PROFILES_DG_SHOP_2_KEY_FILE", ActiveProfileEnvNames.envName("dg.shop-2", "key-file"));
    }

    @Test
    void nothingIsDeclaredWithoutActiveNames() {
        ChatTokenConfig config = new SmallRyeConfigBuilder()
                .withMapping(ChatTokenConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new ActiveProfileEnvNames(Map.of("CHAT_TOKEN_PROFILES_DG_VENDOR", "dg")))
                .build()
                .getConfigMapping(ChatTokenConfig.class);
        assertTrue(config.profiles().isEmpty());
    }
}
