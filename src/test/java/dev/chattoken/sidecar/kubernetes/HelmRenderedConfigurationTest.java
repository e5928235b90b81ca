package dev.chattoken.sidecar.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chattoken.sidecar.config.ChatTokenConfig;
import dev.chattoken.sidecar.config.ProfileSettings;
import dev.chattoken.sidecar.keys.KeyFiles;
import dev.chattoken.sidecar.kubernetes.HelmCharts.Rendering;
import dev.chattoken.sidecar.profile.Profile;
import dev.chattoken.sidecar.profile.ProfileLoader;
import dev.chattoken.sidecar.support.Fixtures;
import dev.chattoken.sidecar.support.VendorCatalog;
import dev.chattoken.sidecar.vendors.TokenRules;
import dev.chattoken.sidecar.vendors.Vendor;
import dev.chattoken.sidecar.vendors.Vendors;
import io.kubernetes.client.openapi.models.V1KeyToPath;
import io.kubernetes.client.openapi.models.V1Volume;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.source.yaml.YamlLocationConfigSourceFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sidecar itself reads what the chart renders: the rendered application.yaml, loaded as quarkus-config-yaml loads a
 * QUARKUS_CONFIG_LOCATIONS file, under the sidecar container's rendered environment, goes through the sidecar's own
 * {@code @ConfigMapping}, vendor rules and key parsing, with the profiles' Secrets laid out the way the kubelet mounts
 * the rendered volumes (test keys in place of real ones). The ttl pattern of values.schema.json is held against
 * Quarkus' own duration parser.
 */
class HelmRenderedConfigurationTest {

    @TempDir
    Path root;

    @Test
    void theSidecarAcceptsEveryRenderedProfileAndReadsItsKeyFromTheMountedSecret() throws Exception {
        Rendering rendering = HelmCharts.renderFiles("values-all-vendors.yaml");
        mountSecretsUnder(root, rendering);

        ChatTokenConfig config = load(rendering).getConfigMapping(ChatTokenConfig.class);

        List<String> active = config.active().orElseThrow();
        assertEquals(List.of("crm-kustomer", "helpdesk-huggy", "shop-kindly", "support-dg"), active);
        for (String name : active) {
            // what the sidecar's ProfileLoader does with an active profile, through the same public pieces
            ProfileSettings settings = ProfileLoader.settings(name, config);
            TokenRules rules = ProfileLoader.rules(settings, ProfileLoader.vendor(settings, vendors()));
            KeyFiles.read(settings.keyFile(), rules.algorithm());
        }
        ProfileSettings kindly = ProfileLoader.settings("shop-kindly", config);
        assertEquals(Optional.of("300"), kindly.option("ttl"));
        assertEquals(Optional.of("shop.example,*.shop.example"), kindly.option("webhook-domains"));
        assertEquals(Optional.of("https://shop.example"), kindly.option("issuer"));
        assertEquals(
                Optional.of("10m"), ProfileLoader.settings("support-dg", config).option("ttl"));
    }

    /**
     * One profile per vendor, written as a user writes chart values from the vendor's example: the chart accepts it
     * (its schema), and the sidecar loads the rendered profile, key included, and mints the example's token. The same
     * profiles are what kubernetes/test/kube-test.sh installs into a real cluster: this writes them to
     * {@value #KUBE_FIXTURES}, one JSON object per line.
     */
    @Test
    void everyVendorsExampleInstallsThroughTheChartAndMints() throws Exception {
        Map<String, Object> profiles = new java.util.TreeMap<>();
        for (Vendor vendor : VendorCatalog.all()) {
            Map<String, Object> values = new java.util.TreeMap<>(
                    ChartVendorRules.chartValues(vendor, vendor.example().options()));
            values.put("vendor", vendor.id());
            values.put("secret", Map.of("name", vendor.id() + "-key", "key", "key"));
            profiles.put(vendor.id(), values);
        }
        ObjectMapper json = new ObjectMapper();
        Rendering rendering = HelmCharts.render(json.writeValueAsString(Map.of("profiles", profiles)));
        mountSecretsUnder(root, rendering);
        ChatTokenConfig config = load(rendering).getConfigMapping(ChatTokenConfig.class);
        assertEquals(List.copyOf(profiles.keySet()), config.active().orElseThrow());
        List<String> fixtures = new java.util.ArrayList<>();
        for (Vendor vendor : VendorCatalog.all()) {
            Profile profile = ProfileLoader.loadOne(
                    ProfileLoader.settings(vendor.id(), config),
                    vendors(),
                    Duration.ofSeconds(30),
                    java.time.Clock.systemUTC(),
                    dev.chattoken.sidecar.crypto.Signers.jdk());
            if (profile.rules() instanceof dev.chattoken.sidecar.vendors.UpstreamRules upstream) {
                // its token comes from the vendor's API: the rendered profile takes the example (the cluster test
                // expects the vendor unreachable from there: a 503 problem, the pod still Ready)
                upstream.order(dev.chattoken.sidecar.support.VendorTesting.identity(
                        vendor.example().request()));
                fixtures.add(json.writeValueAsString(Map.of(
                        "vendor", vendor.id(),
                        "key", "hmac",
                        "values", profiles.get(vendor.id()),
                        "body", vendor.example().request(),
                        "answer", "upstream")));
                continue;
            }
            dev.chattoken.sidecar.token.MintedToken minted = new dev.chattoken.sidecar.token.TokenAssembly()
                    .mint(
                            profile,
                            dev.chattoken.sidecar.support.VendorTesting.identity(
                                    vendor.example().request()),
                            java.time.Instant.now());
            assertFalse(minted.token().isEmpty(), vendor.id());
            fixtures.add(json.writeValueAsString(kubeFixture(vendor, profile, minted, profiles.get(vendor.id()))));
        }
        Path file = Path.of(KUBE_FIXTURES);
        Files.createDirectories(file.getParent());
        Files.write(file, fixtures);
    }

    static final String KUBE_FIXTURES = "target/kube-vendor-fixtures.jsonl";

    /**
     * What the cluster test needs of a vendor: the key family, how to check the answer outside the pod (a JWT's
     * signature, or the HMAC over the message the profile signs), the chart values, the request, and the kid and iss
     * the token carries where the values fix them (Kindly's default kid is the key's thumbprint: not fixed).
     */
    private static Map<String, Object> kubeFixture(
            Vendor vendor, Profile profile, dev.chattoken.sidecar.token.MintedToken minted, Object values)
            throws Exception {
        Map<String, Object> fixture = new java.util.LinkedHashMap<>();
        fixture.put("vendor", vendor.id());
        fixture.put("key", profile.rules().algorithm().family().name().toLowerCase(java.util.Locale.ROOT));
        fixture.put("values", values);
        fixture.put("body", vendor.example().request());
        if (profile.rules()
                        .build(
                                dev.chattoken.sidecar.support.VendorTesting.identity(
                                        vendor.example().request()),
                                profile.keys().state().keyId(),
                                java.time.Instant.now())
                instanceof dev.chattoken.sidecar.vendors.TokenContent.Hmac hmac) {
            fixture.put("answer", "hmac-" + hmac.encoding().name().toLowerCase(java.util.Locale.ROOT));
            fixture.put("message", hmac.message());
            return fixture;
        }
        fixture.put("answer", "jwt");
        fixture.put("alg", profile.rules().algorithm().name());
        com.nimbusds.jwt.SignedJWT jwt = com.nimbusds.jwt.SignedJWT.parse(minted.token());
        java.util.Collection<String> configured = vendor.example().options().values();
        Map<String, Object> expect = new java.util.LinkedHashMap<>();
        if (jwt.getHeader().getKeyID() != null
                && configured.contains(jwt.getHeader().getKeyID())) {
            expect.put("kid", jwt.getHeader().getKeyID());
        }
        Object iss = jwt.getJWTClaimsSet().getClaim("iss");
        if (iss != null && configured.contains(iss)) {
            expect.put("iss", iss);
        }
        fixture.put("expect", expect);
        return fixture;
    }

    @Test
    void theRenderedFileOutranksTheImagesOwnSettingsAndTheEnvironmentOutranksTheFile() throws IOException {
        Rendering rendering = HelmCharts.render();
        SmallRyeConfig config = load(rendering);

        // the image's built-in application.properties (250) says otherwise: the file (270) wins for the sidecar's
        // settings
        assertEquals("10s", config.getConfigValue("chat-token.reload-interval").getRawValue());
        assertEquals(270, config.getConfigValue("chat-token.reload-interval").getSourceOrdinal());
        // and the container's environment (300) for the listeners, which the file does not hold
        assertEquals("127.0.0.1", config.getConfigValue("quarkus.http.host").getRawValue());
        assertEquals(300, config.getConfigValue("quarkus.http.host").getSourceOrdinal());
        assertEquals("8790", config.getConfigValue("quarkus.http.port").getRawValue());
        assertEquals("0.0.0.0", config.getConfigValue("quarkus.management.host").getRawValue());
        assertEquals("8791", config.getConfigValue("quarkus.management.port").getRawValue());
    }

    @Test
    void aListenerSettingInTheFileCannotMoveTheListener() throws IOException {
        // what an injected key would have been: even a file that names the listeners loses to the environment
        Rendering rendering = HelmCharts.render();
        String file = rendering.configurationText() + "\nquarkus:\n  http:\n    host: 0.0.0.0\n    port: 80\n";
        SmallRyeConfig config = load(file, rendering.sidecarEnvironment());

        assertEquals("127.0.0.1", config.getConfigValue("quarkus.http.host").getRawValue());
        assertEquals("8790", config.getConfigValue("quarkus.http.port").getRawValue());
    }

    /**
     * A declared jwt profile {@code acme} with a claim named with dots and one named by a URL: it goes through the
     * rendered YAML as one key, reaches the vendor as {@code claims.<name>}, and is one claim of the minted token,
     * verified with Nimbus.
     */
    static final String DOTTED_CLAIMS = """
            profiles:
              acme:
                vendor: jwt
                algorithm: HS256
                secret: {name: acme-key, key: secret}
                claims:
                  sub: "{user_id}"
                  a.b: "{email}"
                  https://example.com/roles: admin
                header: {x.y: z}
            """;
    /** What a token of {@link #DOTTED_CLAIMS} for {@link #DOTTED_CLAIMS_REQUEST} claims, besides its iat and exp. */
    static final Map<String, Object> DOTTED_CLAIMS_TOKEN =
            Map.of("sub", "u-1", "a.b", "ana@example.com", "https://example.com/roles", "admin");

    static final String DOTTED_CLAIMS_REQUEST = "{\"user_id\":\"u-1\",\"email\":\"ana@example.com\"}";

    @Test
    void aDottedClaimNameIsOneClaimOfTheToken() throws Exception {
        Rendering rendering = HelmCharts.render(DOTTED_CLAIMS);
        mountSecretsUnder(root, rendering);
        ChatTokenConfig config = load(rendering).getConfigMapping(ChatTokenConfig.class);

        ProfileSettings settings = ProfileLoader.settings("acme", config);
        assertEquals(
                Map.of(
                        "algorithm",
                        "HS256",
                        "claims.sub",
                        "{user_id}",
                        "claims.a.b",
                        "{email}",
                        "claims.https://example.com/roles",
                        "admin",
                        "header.x.y",
                        "z"),
                settings.options());
        Profile profile = ProfileLoader.loadOne(
                settings,
                vendors(),
                Duration.ofSeconds(30),
                java.time.Clock.systemUTC(),
                dev.chattoken.sidecar.crypto.Signers.jdk());
        String token = new dev.chattoken.sidecar.token.TokenAssembly()
                .mint(
                        profile,
                        dev.chattoken.sidecar.support.VendorTesting.identity(DOTTED_CLAIMS_REQUEST),
                        java.time.Instant.now())
                .token();
        com.nimbusds.jwt.SignedJWT jwt = Fixtures.verifiedJwt(token, dev.chattoken.sidecar.keys.SigningAlgorithm.HS256);
        Map<String, Object> claims =
                new java.util.HashMap<>(jwt.getJWTClaimsSet().getClaims());
        claims.keySet().removeAll(java.util.Set.of("iat", "exp")); // the declared jwt vendor's defaults
        assertEquals(DOTTED_CLAIMS_TOKEN, claims);
        assertEquals("z", jwt.getHeader().getCustomParam("x.y"));
    }

    @Test
    void everyTtlFormTheSchemaAcceptsIsAWholeNumberOfSecondsForQuarkus() throws IOException {
        Pattern pattern = ttlPattern();
        for (String ttl : List.of(
                "300", "300s", "5m", "5M", "2h", "1h30m", "1H30M", "1h5s", "1d", "PT5M", "pt5m", "PT1H30M", "P1D",
                "P1DT2H")) {
            assertTrue(pattern.matcher(ttl).matches(), ttl + " accepted");
            Duration parsed = DurationConverter.parseDuration(ttl);
            assertEquals(0, parsed.getNano(), ttl);
            assertTrue(parsed.getSeconds() >= 1, ttl);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"", "5 minutes", "5min", "m5", "-5m", "+5m", "PT", "P", "5mm", "1.5h", "500ms", "5m30", "10s5m"})
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
        var schema = new ObjectMapper()
                .readTree(HelmCharts.CHART.resolve("values.schema.json").toFile());
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
        Map<String, String> configuration = rendering.configuration();
        for (V1VolumeMount mount : rendering.sidecar().getVolumeMounts()) {
            V1Volume volume = rendering.pod().getVolumes().stream()
                    .filter(v -> v.getName().equals(mount.getName()))
                    .findFirst()
                    .orElseThrow();
            if (!mount.getName().startsWith("chat-token-key-")) {
                continue; // the config, /tmp, the caller token and the service-account token's empty place
            }
            String profile = mount.getName().substring("chat-token-key-".length());
            Path directory =
                    Files.createDirectories(root.resolve(mount.getMountPath().substring(1)));
            String keyFile = Path.of(configuration.get("chat-token.profiles." + profile + ".key-file"))
                    .getFileName()
                    .toString();
            for (V1KeyToPath item : volume.getSecret().getItems()) {
                if (item.getPath().equals(keyFile)) {
                    Files.copy(
                            Fixtures.keyFile(rules(profile, configuration).algorithm()),
                            directory.resolve(item.getPath()));
                } else { // the key id beside it (keyIdKey)
                    Files.writeString(directory.resolve(item.getPath()), "test-key-id-1\n");
                }
            }
        }
    }

    /** Loads the rendered file and environment with the Secrets' mount paths moved under {@link #root}. */
    private SmallRyeConfig load(Rendering rendering) throws IOException {
        return load(
                rendering.configurationText().replace(": /var/run/secrets/", ": " + root + "/var/run/secrets/"),
                rendering.sidecarEnvironment());
    }

    /**
     * Loads a configuration file as quarkus-config-yaml loads the one QUARKUS_CONFIG_LOCATIONS names, under the given
     * container environment (as environment variables, ordinal 300), over a stand-in for the image's own
     * application.properties (250) that says otherwise wherever it can.
     */
    private SmallRyeConfig load(String yaml, Map<String, String> environment) throws IOException {
        Path file = Files.writeString(root.resolve("application.yaml"), yaml);
        assertEquals("/etc/chat-token-sidecar/application.yaml", environment.get("QUARKUS_CONFIG_LOCATIONS"));
        Map<String, String> variables = new java.util.HashMap<>(environment);
        variables.remove("QUARKUS_CONFIG_LOCATIONS"); // its file, moved under root:
        return new SmallRyeConfigBuilder()
                .withMapping(ChatTokenConfig.class)
                // as Quarkus does (it reports unknown keys itself); the render tests pin the exact keys instead
                .withValidateUnknown(false)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(
                        Map.of(
                                "quarkus.http.host",
                                "0.0.0.0",
                                "quarkus.http.port",
                                "1",
                                "chat-token.reload-interval",
                                "1m"),
                        "image application.properties",
                        250))
                .withSources(new YamlLocationConfigSourceFactory())
                .withDefaultValue("smallrye.config.locations", file.toUri().toString())
                .withSources(new EnvConfigSource(variables, 300))
                .build();
    }

    /** The vendor rules of a rendered profile, read from the rendered configuration as the sidecar would. */
    private static TokenRules rules(String profile, Map<String, String> configuration) {
        String prefix = "chat-token.profiles." + profile + ".";
        Map<String, String> options = new java.util.TreeMap<>();
        configuration.forEach((key, value) -> {
            if (key.startsWith(prefix) && !key.endsWith("]")) { // a list is also there whole, comma-separated
                String option = key.substring(prefix.length()).replace("\"", "");
                if (!List.of("vendor", "key-file", "key-id-file").contains(option)) {
                    options.put(option, value);
                }
            }
        });
        ProfileSettings settings = new ProfileSettings(
                profile, configuration.get(prefix + "vendor"), Path.of("unset"), Optional.empty(), options);
        return ProfileLoader.rules(settings, ProfileLoader.vendor(settings, vendors()));
    }

    private static Vendors vendors() {
        return new Vendors(VendorCatalog.all());
    }
}
