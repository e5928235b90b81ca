package dev.chattoken.sidecar.kubernetes;

import static dev.chattoken.sidecar.kubernetes.HelmCharts.FOUR_PROFILES;
import static dev.chattoken.sidecar.kubernetes.HelmCharts.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chattoken.sidecar.kubernetes.HelmCharts.Rendering;
import dev.chattoken.sidecar.upstream.UpstreamSettings;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1KeyToPath;
import io.kubernetes.client.openapi.models.V1SecretKeySelector;
import io.kubernetes.client.openapi.models.V1Volume;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.source.yaml.YamlConfigSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The chart's {@code upstream} values (docs/vendor-apis.md): the vendor APIs' proxy and CA bundle, and the Redis that
 * the sidecars of a deployment share. Each is rendered only when set, as data of the configuration file (read here
 * through the sidecar's own {@link UpstreamSettings} mapping) or, for the Redis password, as a Secret reference in the
 * container's environment; the schema refuses what is not a proxy or Redis URL.
 */
class HelmChartUpstreamTest {

    private static final String EVERY_VALUE = """
            upstream:
              httpsProxy: http://proxy.corp.example:3128
              noProxy: [.corp.example, 10.0.0.1]
              trustStore: {configMapName: corp-ca, key: bundle.pem}
              redis:
                hosts: rediss://redis.chat:6379
                password: {secretName: chat-redis, key: redis-password}
            """;

    @Test
    void unsetTheyRenderNothing() {
        Rendering rendering = render(FOUR_PROFILES);
        assertTrue(
                rendering.configuration().keySet().stream()
                        .noneMatch(key -> key.startsWith("chat-token.upstream") || key.startsWith("quarkus.")),
                rendering.configurationText());
        assertTrue(rendering.sidecar().getEnv().stream().allMatch(e -> e.getValueFrom() == null));
        assertTrue(rendering.pod().getVolumes().stream()
                .noneMatch(v -> v.getConfigMap() != null && !v.getName().equals("chat-token-config")));
    }

    @Test
    void setTheyAreTheSidecarsUpstreamSettingsAndItsRedisHosts() {
        Rendering rendering = render(FOUR_PROFILES, EVERY_VALUE);

        UpstreamSettings settings = new SmallRyeConfigBuilder()
                .withMapping(UpstreamSettings.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                .withSources(new YamlConfigSource("application.yaml", rendering.configurationText(), 270))
                .build()
                .getConfigMapping(UpstreamSettings.class);
        assertEquals(Optional.of("http://proxy.corp.example:3128"), settings.httpsProxy());
        assertEquals(Optional.of(List.of(".corp.example", "10.0.0.1")), settings.noProxy());
        assertEquals(Optional.of(Path.of("/etc/chat-token-sidecar-trust/bundle.pem")), settings.trustStore());
        assertEquals("rediss://redis.chat:6379", rendering.configuration().get("quarkus.redis.hosts"));

        // the bundle's ConfigMap, mounted read-only as a directory at the configured path's directory
        V1Volume volume = rendering.pod().getVolumes().stream()
                .filter(v -> v.getName().equals("chat-token-trust-store"))
                .findFirst()
                .orElseThrow();
        assertEquals("corp-ca", volume.getConfigMap().getName());
        assertEquals(
                List.of(new V1KeyToPath().key("bundle.pem").path("bundle.pem")),
                volume.getConfigMap().getItems());
        V1VolumeMount mount = rendering.sidecar().getVolumeMounts().stream()
                .filter(m -> m.getName().equals("chat-token-trust-store"))
                .findFirst()
                .orElseThrow();
        assertEquals("/etc/chat-token-sidecar-trust", mount.getMountPath());
        assertEquals(Boolean.TRUE, mount.getReadOnly());
        assertNull(mount.getSubPath());

        // the password only by reference: from the Secret into the environment, never into the ConfigMap
        V1EnvVar password = rendering.sidecar().getEnv().stream()
                .filter(e -> e.getName().equals("QUARKUS_REDIS_PASSWORD"))
                .findFirst()
                .orElseThrow();
        assertNull(password.getValue());
        assertEquals(
                new V1SecretKeySelector().name("chat-redis").key("redis-password"),
                password.getValueFrom().getSecretKeyRef());
        assertFalse(rendering.configurationText().contains("chat-redis"));
        assertFalse(rendering.configurationText().contains("redis-password"));
    }

    @Test
    void aChangedUpstreamRollsThePods() {
        assertFalse(render(FOUR_PROFILES)
                .deployment()
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getAnnotations()
                .equals(render(FOUR_PROFILES, "upstream: {httpsProxy: 'http://proxy.corp.example:3128'}")
                        .deployment()
                        .getSpec()
                        .getTemplate()
                        .getMetadata()
                        .getAnnotations()));
    }

    private static final String HUBSPOT = """
            profiles:
              chat-hubspot: {vendor: hubspot, secret: {name: hubspot-app, key: token}, cacheSize: %s}
            """;

    @Test
    void aCacheSizeIsANumberAndStaysOneUpToItsLargest() {
        // values.yaml numbers reach the template as floating point: toYaml must still write the whole number
        assertEquals(
                "1000000",
                render(HUBSPOT.formatted("1000000"))
                        .configuration()
                        .get("chat-token.profiles.chat-hubspot.cache-size"));
    }

    static Stream<Arguments> refusedValues() {
        return Stream.of(
                Arguments.of(
                        "a proxy without a scheme", "upstream: {httpsProxy: proxy:3128}", "at '/upstream/httpsProxy'"),
                Arguments.of(
                        "a SOCKS proxy", "upstream: {httpsProxy: 'socks5://proxy:1080'}", "at '/upstream/httpsProxy'"),
                Arguments.of(
                        "a proxy with a line break",
                        "upstream: {httpsProxy: \"http://proxy:3128\\nquarkus.http.host: 0.0.0.0\"}",
                        "at '/upstream/httpsProxy'"),
                Arguments.of(
                        "a Redis host without a scheme",
                        "upstream: {redis: {hosts: 'redis:6379'}}",
                        "at '/upstream/redis/hosts'"),
                Arguments.of(
                        "an HTTP URL for Redis",
                        "upstream: {redis: {hosts: 'http://redis:6379'}}",
                        "at '/upstream/redis/hosts'"),
                Arguments.of(
                        "a second Redis host without a scheme",
                        "upstream: {redis: {hosts: 'redis://a:6379,b:6379'}}",
                        "at '/upstream/redis/hosts'"),
                Arguments.of(
                        "a Redis URL with an expression",
                        "upstream: {redis: {hosts: 'redis://${REDIS_HOST}:6379'}}",
                        "at '/upstream/redis/hosts'"),
                Arguments.of(
                        "a no-proxy item with a comma", "upstream: {noProxy: ['a,b']}", "at '/upstream/noProxy/0'"),
                Arguments.of(
                        "a password Secret with an invalid name",
                        "upstream: {redis: {password: {secretName: Redis_Secret}}}",
                        "at '/upstream/redis/password/secretName'"),
                Arguments.of("an unknown upstream value", "upstream: {proxy: 'http://p:3128'}", "at '/upstream'"),
                Arguments.of(
                        "a cache size as a string",
                        HUBSPOT.formatted("'500'"),
                        "at '/profiles/chat-hubspot/cacheSize'"),
                Arguments.of("no cache at all", HUBSPOT.formatted("0"), "at '/profiles/chat-hubspot/cacheSize'"),
                Arguments.of("half a token", HUBSPOT.formatted("1.5"), "at '/profiles/chat-hubspot/cacheSize'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedValues")
    void theSchemaRefuses(String what, String values, String expected) {
        String error = HelmCharts.templateError(HelmCharts.KUBE_VERSION, values);

        assertTrue(error.contains("values don't meet the specifications of the schema"), error);
        assertTrue(error.contains(expected), () -> "expected «" + expected + "» in:\n" + error);
    }
}
