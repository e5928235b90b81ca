package dev.chattoken.sidecar.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chattoken.sidecar.support.FakeVendors;
import dev.chattoken.sidecar.support.Fixtures;
import dev.chattoken.sidecar.support.PackagedSidecar;
import dev.chattoken.sidecar.support.TestTls;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged sidecar (the native executable under {@code -Dnative}) checks a vendor's TLS certificate against the
 * system's CA bundle read when it starts, not a trust store fixed when it was built: with the bundle named by
 * {@code SSL_CERT_FILE} holding the fake vendor's CA, the HTTPS call succeeds; without it (the system's own bundle,
 * which does not hold this test CA), the same call is a 503 problem, never a token from an unverified server.
 */
class UpstreamTlsIT {

    @TempDir
    Path keys;

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static HttpResponse<String> mint(HttpClient http, int api) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api + "/v1/tokens/hubspot"))
                        .header("content-type", "application/json")
                        .timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"tls@example.com\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theVendorsCertificateIsCheckedAgainstTheBundleReadAtStartup() throws Exception {
        TestTls tls = TestTls.create(keys);
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try (FakeVendors fakes = new FakeVendors(Optional.of(tls))) {
            for (boolean trusted : List.of(true, false)) {
                int api = freePort();
                int management = freePort();
                Map<String, String> env = new LinkedHashMap<>();
                env.put("CHAT_TOKEN_ACTIVE", "hubspot");
                env.put("CHAT_TOKEN_PROFILES_HUBSPOT_VENDOR", "hubspot");
                env.put(
                        "CHAT_TOKEN_PROFILES_HUBSPOT_KEY_FILE",
                        Fixtures.HMAC_KEY_FILE.toAbsolutePath().toString());
                env.put("CHAT_TOKEN_PROFILES_HUBSPOT_BASE_URL", fakes.httpsBaseUrl("hubspot"));
                env.put("QUARKUS_HTTP_PORT", String.valueOf(api));
                env.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(management));
                if (trusted) {
                    env.put("SSL_CERT_FILE", tls.caBundle().toString());
                }
                try (PackagedSidecar sidecar = PackagedSidecar.start(env)) {
                    sidecar.awaitOk("http://127.0.0.1:" + management + "/q/health/ready", Duration.ofSeconds(30));
                    HttpResponse<String> answer = mint(http, api);
                    if (trusted) {
                        assertEquals(200, answer.statusCode(), answer.body());
                        assertTrue(
                                answer.body().contains(fakes.issued("hubspot").get(0)), "the fake's token, over HTTPS");
                    } else {
                        assertEquals(503, answer.statusCode(), answer.body());
                        assertTrue(
                                answer.body().contains("upstream-unavailable")
                                        && answer.body().contains("TLS"),
                                answer.body());
                    }
                }
            }
            assertEquals(List.of(), fakes.unmatched());
        }
    }
}
