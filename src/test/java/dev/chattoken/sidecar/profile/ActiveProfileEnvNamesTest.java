package dev.chattoken.sidecar.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.chattoken.sidecar.vendor.DgVendor;
import dev.chattoken.sidecar.vendor.HuggyVendor;
import dev.chattoken.sidecar.vendor.KindlyVendor;
import dev.chattoken.sidecar.vendor.KustomerVendor;
import dev.chattoken.sidecar.vendor.Vendors;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** A profile named {@code kindly-prod} configured by environment variables alone, as a Deployment's env would. */
class ActiveProfileEnvNamesTest {

    @Test
    void environmentVariablesOfADashedProfileNameReachTheMapping() {
        String key = Path.of("src/test/resources/keys/kindly-pkcs8.pem").toAbsolutePath().toString();
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
                .withSources(new EnvConfigSource(env, 300) {
                })
                .withSources(new ActiveProfileEnvNames(env::get))
                .build()
                .getConfigMapping(ChatTokenConfig.class);

        Profile profile = ProfileLoader.load(config,
                new Vendors(List.of(new DgVendor(), new KindlyVendor(), new HuggyVendor(), new KustomerVendor())), java.time.Clock.systemUTC(),
                dev.chattoken.sidecar.crypto.Signers.jdk())
                .get("kindly-prod");
        assertEquals("kindly", profile.vendor().id());
        assertEquals(Duration.ofMinutes(2), profile.settings().ttl().orElseThrow());
        assertEquals(List.of("a.example", "*.b.example"), profile.settings().webhookDomains());
        assertEquals("https://iss.example", profile.settings().issuer().orElseThrow());
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
                .withSources(new ActiveProfileEnvNames(variable -> "dg"))
                .build()
                .getConfigMapping(ChatTokenConfig.class);
        assertTrue(config.profiles().isEmpty());
    }
}
