package dev.chattoken.sidecar.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chattoken.sidecar.kubernetes.HelmCharts.Rendering;
import dev.chattoken.sidecar.keys.KeyFiles;
import dev.chattoken.sidecar.config.ChatTokenConfig;
import dev.chattoken.sidecar.config.ProfileSettings;
import dev.chattoken.sidecar.profile.Profile;
import dev.chattoken.sidecar.profile.ProfileLoader;
import dev.chattoken.sidecar.support.VendorCatalog;
import dev.chattoken.sidecar.vendors.Vendors;
import io.kubernetes.client.openapi.models.V1KeyToPath;
import io.kubernetes.client.openapi.models.V1Volume;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The sidecar itself reads what the chart renders: the rendered application.properties, loaded as Quarkus loads a
 * QUARKUS_CONFIG_LOCATIONS file, goes through the sidecar's own {@code @ConfigMapping}, vendor rules and key parsing,
 * with the profiles' Secrets laid out the way the kubelet mounts the rendered volumes (test keys in place of real ones).
 * The ttl pattern of values.schema.json is held against Quarkus' own duration parser.
 */
class HelmRenderedConfigurationTest {

    private static final Path TEST_KEYS = Path.of("src/test/resources/keys").toAbsolutePath();
    private static final Map<String, String> TEST_KEY_BY_VENDOR = Map.of(
            "dg", "dg.secret", "kindly", "kindly-pkcs8.pem", "huggy", "huggy.secret", "kustomer", "dg.secret");

    @TempDir
    Path root;

    @Test
    void theSidecarAcceptsEveryRenderedProfileAndReadsItsKeyFromTheMountedSecret() throws Exception {
        Rendering rendering = HelmCharts.renderFiles("values-all-vendors.yaml");
        mountSecretsUnder(root, rendering);

        ChatTokenConfig config = load(rebase(rendering.propertiesText(), root)).getConfigMapping(ChatTokenConfig.class);

        List<String> active = config.active().orElseThrow();
        assertEquals(List.of("crm-kustomer", "helpdesk-huggy", "shop-kindly", "support-dg"), active);
        for (String name : active) {
            // what the sidecar's ProfileLoader does with an active profile, through the same public pieces
            ProfileSettings settings = ProfileLoader.settings(name, config);
            Profile.Rules rules = ProfileLoader.rules(settings, vendors());
            KeyFiles.read(settings.keyFile(), rules.profile().algorithm());
        }
        ProfileSettings kindly = ProfileLoader.settings("shop-kindly", config);
        assertEquals(Optional.of("300"), kindly.option("ttl"));
        assertEquals(Optional.of("shop.example,*.shop.example"), kindly.option("webhook-domains"));
        assertEquals(Optional.of("https://shop.example"), kindly.option("issuer"));
        assertEquals(Optional.of("10m"), ProfileLoader.settings("support-dg", config).option("ttl"));
    }

    @Test
    void theRenderedFileOutranksTheImagesOwnApplicationProperties() throws IOException {
        Rendering rendering = HelmCharts.render();
        SmallRyeConfig config = load(rendering.propertiesText());

        // as the image's built-in application.properties would, at the ordinal Quarkus gives it
        assertEquals("127.0.0.1", config.getRawValue("quarkus.http.host"));
        assertEquals(270, config.getConfigValue("quarkus.http.host").getSourceOrdinal());
    }

    @Test
    void everyTtlFormTheSchemaAcceptsIsAWholeNumberOfSecondsForQuarkus() throws IOException {
        Pattern pattern = ttlPattern();
        for (String ttl : List.of("300", "300s", "5m", "5M", "2h", "1h30m", "1H30M", "1h5s", "1d", "PT5M", "pt5m", "PT1H30M",
                "P1D", "P1DT2H")) {
            assertTrue(pattern.matcher(ttl).matches(), ttl + " accepted");
            Duration parsed = DurationConverter.parseDuration(ttl);
            assertEquals(0, parsed.getNano(), ttl);
            assertTrue(parsed.getSeconds() >= 1, ttl);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5 minutes", "5min", "m5", "-5m", "+5m", "PT", "P", "5mm", "1.5h", "500ms", "5m30", "10s5m"})
    void malformedTtlsDoNotMatchTheSchemasPattern(String ttl) throws IOException {
        assertFalse(ttlPattern().matcher(ttl).matches(), ttl);
    }

    @Test
    void malformedTtlsAreOnesQuarkusRefusesOrReadsBelowASecond() throws IOException {
        for (String ttl : List.of("5 minutes", "5min", "m5", "PT", "5mm", "5m30")) {
            assertThrows(IllegalArgumentException.class, () -> DurationConverter.parseDuration(ttl), ttl);
        }
        assertTrue(DurationConverter.parseDuration("500ms").toSeconds() < 1);
    }

    /** The schema's duration pattern; its syntax is the common subset of Go's RE2 (Helm) and java.util.regex. */
    private static Pattern ttlPattern() throws IOException {
        var schema = new ObjectMapper().readTree(HelmCharts.CHART.resolve("values.schema.json").toFile());
        for (var alternative : schema.path("definitions").path("duration").path("anyOf")) {
            if (alternative.has("pattern")) {
                return Pattern.compile(alternative.path("pattern").asText());
            }
        }
        throw new AssertionError("no duration pattern in values.schema.json");
    }

    /**
     * Lays the sidecar's Secret volumes out under {@code root} as the kubelet does (a directory per mount, a file per
     * projected key), each file holding the test key of the profile's vendor.
     */
    private static void mountSecretsUnder(Path root, Rendering rendering) throws IOException {
        Map<String, String> properties = rendering.properties();
        for (V1VolumeMount mount : rendering.sidecar().getVolumeMounts()) {
            V1Volume volume = rendering.pod().getVolumes().stream().filter(v -> v.getName().equals(mount.getName()))
                    .findFirst().orElseThrow();
            if (!mount.getName().startsWith("chat-token-key-")) {
                continue; // the config, /tmp and the caller token
            }
            String profile = mount.getName().substring("chat-token-key-".length());
            String vendor = properties.get("chat-token.profiles." + profile + ".vendor");
            Path directory = Files.createDirectories(root.resolve(mount.getMountPath().substring(1)));
            for (V1KeyToPath item : volume.getSecret().getItems()) {
                Files.copy(TEST_KEYS.resolve(TEST_KEY_BY_VENDOR.get(vendor)), directory.resolve(item.getPath()));
            }
        }
    }

    /** The rendered file with its mount paths moved under {@code root}, as if {@code root} were the container's /. */
    private static String rebase(String properties, Path root) {
        return properties.replace("=/var/run/secrets/", "=" + root + "/var/run/secrets/");
    }

    /** Loads the file as Quarkus loads a QUARKUS_CONFIG_LOCATIONS file, over a stand-in for the image's own one. */
    private SmallRyeConfig load(String properties) throws IOException {
        Path file = Files.writeString(root.resolve("application.properties"), properties);
        return new SmallRyeConfigBuilder()
                .withMapping(ChatTokenConfig.class)
                // as Quarkus does (it reports unknown keys itself); the render tests pin the exact keys instead
                .withValidateUnknown(false)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(Map.of("quarkus.http.host", "0.0.0.0"), "image application.properties", 250))
                .withSources(new PropertiesConfigSource(file.toUri().toURL(), 250))
                .build();
    }

    private static Vendors vendors() {
        return new Vendors(VendorCatalog.all());
    }
}
