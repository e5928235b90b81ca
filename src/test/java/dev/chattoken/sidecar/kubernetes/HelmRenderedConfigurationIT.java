package dev.chattoken.sidecar.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chattoken.sidecar.keys.SigningAlgorithm;
import dev.chattoken.sidecar.kubernetes.HelmCharts.Rendering;
import dev.chattoken.sidecar.support.Fixtures;
import dev.chattoken.sidecar.support.PackagedSidecar;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged sidecar (the native executable with {@code -Dnative}) started as the chart's container starts it: with
 * the rendered application.yaml named by QUARKUS_CONFIG_LOCATIONS and the container's rendered environment, the
 * profile's Secret laid out where the chart mounts it (under a temporary root). A claim named with dots and one named
 * by a URL arrive in the token as one claim each, and so does a header member named with dots.
 */
class HelmRenderedConfigurationIT {

    @TempDir
    Path root;

    @Test
    void thePackagedSidecarServesTheRenderedConfigurationUnderTheRenderedEnvironment() throws Exception {
        int api = freePort();
        int management = freePort();
        Rendering rendering = HelmCharts.render(
                "ports: {api: " + api + ", management: " + management + "}",
                HelmRenderedConfigurationTest.DOTTED_CLAIMS);
        Path keys = Files.createDirectories(root.resolve("var/run/secrets/chat-token/acme"));
        Files.copy(Fixtures.keyFile(SigningAlgorithm.HS256), keys.resolve("secret"));
        Path file = Files.writeString(
                root.resolve("application.yaml"),
                rendering.configurationText().replace(": /var/run/secrets/", ": " + root + "/var/run/secrets/"));
        Map<String, String> environment = new HashMap<>(rendering.sidecarEnvironment());
        environment.put("QUARKUS_CONFIG_LOCATIONS", file.toString());

        try (PackagedSidecar sidecar = PackagedSidecar.start(environment)) {
            sidecar.awaitOk("http://127.0.0.1:" + management + "/q/health/ready", Duration.ofSeconds(30));
            HttpResponse<String> answer = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api + "/v1/tokens/acme"))
                                    .header("content-type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            HelmRenderedConfigurationTest.DOTTED_CLAIMS_REQUEST))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode(), answer.body());
            String token =
                    new ObjectMapper().readTree(answer.body()).path("token").asText();
            Map<String, Object> claims = new HashMap<>(Fixtures.verifiedJwt(token, SigningAlgorithm.HS256)
                    .getJWTClaimsSet()
                    .getClaims());
            claims.keySet().removeAll(java.util.Set.of("iat", "exp")); // the declared jwt vendor's defaults
            assertEquals(HelmRenderedConfigurationTest.DOTTED_CLAIMS_TOKEN, claims);
            assertEquals(
                    "z", com.nimbusds.jwt.SignedJWT.parse(token).getHeader().getCustomParam("x.y"));
        }
    }

    /** A port nothing listens on now: other engineers' test runs share the machine. */
    private static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
