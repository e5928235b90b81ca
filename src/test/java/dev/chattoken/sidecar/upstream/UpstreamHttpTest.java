package dev.chattoken.sidecar.upstream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.chattoken.sidecar.support.ConnectProxy;
import dev.chattoken.sidecar.support.TestTls;
import dev.chattoken.sidecar.support.TestUpstreamSettings;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.ProxyOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vendors' HTTP client on its own (Vert.x, no application): an answer read whole; the caller's deadline held
 * against slow, trickling and never-ending answers; resets, refused connections and oversized answers named for what
 * they are, never with the vendor's content; TLS checked against a PEM bundle (a test CA, as a system's bundle would
 * hold the vendors' CAs) and refused without it; HTTPS through an HTTP proxy's CONNECT, and NO_PROXY honoured.
 */
class UpstreamHttpTest {

    private static Vertx vertx;
    private static WireMockServer vendor;
    private static TestTls tls;

    @TempDir
    static Path keys;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        tls = TestTls.create(keys);
        vendor = new WireMockServer(options()
                .dynamicPort()
                .dynamicHttpsPort()
                .bindAddress("127.0.0.1")
                .keystorePath(tls.keyStore().toString())
                .keystorePassword(tls.password())
                .keyManagerPassword(tls.password())
                .keystoreType("PKCS12"));
        vendor.start();
    }

    @AfterAll
    static void stop() {
        vendor.stop();
        vertx.close();
    }

    @BeforeEach
    void resetVendor() {
        vendor.resetAll();
    }

    private static UpstreamHttp client(TestUpstreamSettings settings) {
        return new UpstreamHttp(vertx, settings, Map.of());
    }

    private static VendorAnswer send(UpstreamHttp http, String baseUrl, Duration deadline) throws Exception {
        return http.send(
                        URI.create(baseUrl),
                        new VendorRequest(HttpMethod.GET, "/token", Map.of(), Optional.empty()),
                        Deadline.after(deadline))
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    private static AttemptFailure.VendorFailure failure(UpstreamHttp http, String baseUrl, Duration deadline) {
        ExecutionException thrown = assertThrows(ExecutionException.class, () -> send(http, baseUrl, deadline));
        return assertInstanceOf(AttemptFailure.VendorFailure.class, thrown.getCause());
    }

    private static String plain() {
        return "http://127.0.0.1:" + vendor.port();
    }

    @Test
    void anAnswerIsReadWholeWithItsHeadersByLowerCaseName() throws Exception {
        vendor.stubFor(any(anyUrl())
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withHeader("Retry-After", "3")
                        .withBody("{\"token\":\"abc\"}")));
        try (UpstreamHttp http = client(TestUpstreamSettings.defaults())) {
            VendorAnswer answer = send(http, plain() + "/base/", Duration.ofSeconds(2));
            assertEquals(201, answer.status());
            assertEquals("{\"token\":\"abc\"}", new String(answer.body()));
            assertEquals(Optional.of("3"), answer.header("retry-after"));
            vendor.verify(getRequestedFor(urlEqualTo("/base/token"))); // the base URL's path, without a double slash
        }
    }

    @Test
    void aSlowAnswerIsCutAtTheDeadline() throws Exception {
        vendor.stubFor(any(anyUrl())
                .willReturn(aResponse().withStatus(200).withBody("{}").withFixedDelay(3000)));
        try (UpstreamHttp http = client(TestUpstreamSettings.defaults())) {
            long start = System.nanoTime();
            AttemptFailure.VendorFailure failure = failure(http, plain(), Duration.ofMillis(400));
            long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals("timeout", failure.outcome());
            assertTrue(failure.retryable());
            assertTrue(
                    elapsed >= 350 && elapsed < 1200, "cut at the deadline, not the vendor's 3 s: " + elapsed + " ms");
        }
    }

    @Test
    void anAnswerTrickledPastTheDeadlineIsCutToo() throws Exception {
        // 10 chunks over 4 s: data keeps coming, so an idle timeout alone would never fire
        vendor.stubFor(any(anyUrl())
                .willReturn(aResponse()
                        .withStatus(200)
                        .withBody("{\"token\":\"" + "x".repeat(200) + "\"}")
                        .withChunkedDribbleDelay(10, 4000)));
        try (UpstreamHttp http = client(TestUpstreamSettings.defaults())) {
            long start = System.nanoTime();
            AttemptFailure.VendorFailure failure = failure(http, plain(), Duration.ofMillis(800));
            long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(List.of("timeout", "reset").contains(failure.outcome()), failure.outcome());
            assertTrue(elapsed < 1600, "cut at the deadline: " + elapsed + " ms");
        }
    }

    @Test
    void resetsAndRefusedConnectionsAreNamedAndRetryable() throws Exception {
        vendor.stubFor(any(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        try (UpstreamHttp http = client(TestUpstreamSettings.defaults())) {
            AttemptFailure.VendorFailure reset = failure(http, plain(), Duration.ofSeconds(2));
            assertEquals("reset", reset.outcome());
            assertTrue(reset.retryable());
            AttemptFailure.VendorFailure refused = failure(http, "http://127.0.0.1:1", Duration.ofSeconds(2));
            assertEquals("connect", refused.outcome());
        }
    }

    @Test
    void anOversizedAnswerIsRefusedByItsLengthOrWhileItArrives() throws Exception {
        try (UpstreamHttp http = client(TestUpstreamSettings.defaults().withMaxAnswerSize(1024))) {
            vendor.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("y".repeat(5000))));
            AttemptFailure.VendorFailure declared = failure(http, plain(), Duration.ofSeconds(2));
            assertEquals("oversized", declared.outcome());
            assertFalse(declared.retryable(), "the same answer would come again");
            assertFalse(declared.getMessage().contains("yyy"), "never the vendor's content");
            vendor.stubFor(any(anyUrl())
                    .willReturn(aResponse()
                            .withStatus(200)
                            .withBody("z".repeat(5000))
                            .withChunkedDribbleDelay(5, 100)));
            assertEquals(
                    "oversized", failure(http, plain(), Duration.ofSeconds(2)).outcome());
        }
    }

    @Test
    void tlsIsCheckedAgainstTheBundleAndRefusedWithoutIt() throws Exception {
        vendor.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{}")));
        String https = "https://localhost:" + vendor.httpsPort();
        try (UpstreamHttp trusted = client(TestUpstreamSettings.defaults().withTrustStore(tls.caBundle()))) {
            assertEquals(200, send(trusted, https, Duration.ofSeconds(3)).status());
        }
        try (UpstreamHttp jdkOnly =
                new UpstreamHttp(vertx, TestUpstreamSettings.defaults(), Map.of("SSL_CERT_FILE", "/nonexistent"))) {
            // the test CA is in no system bundle nor in the JDK's trust store
            assertEquals("tls", failure(jdkOnly, https, Duration.ofSeconds(3)).outcome());
        }
    }

    @Test
    void theSystemBundleIsSslCertFileElseTheDistributionsPathsAndAConfiguredOneMustExist() throws Exception {
        TestUpstreamSettings defaults = TestUpstreamSettings.defaults();
        assertEquals(
                Optional.of(tls.caBundle()),
                UpstreamHttp.trustStore(
                        defaults, Map.of("SSL_CERT_FILE", tls.caBundle().toString())));
        Optional<Path> system =
                UpstreamHttp.SYSTEM_BUNDLES.stream().filter(Files::isReadable).findFirst();
        assertEquals(system, UpstreamHttp.trustStore(defaults, Map.of()));
        IllegalArgumentException missing = assertThrows(
                IllegalArgumentException.class,
                () -> UpstreamHttp.trustStore(defaults.withTrustStore(Path.of("/nonexistent/bundle.pem")), Map.of()));
        assertTrue(missing.getMessage().contains("chat-token.upstream.trust-store"), missing.getMessage());
    }

    @Test
    void httpsGoesThroughTheProxysConnectAndNoProxyHostsGoDirect() throws Exception {
        vendor.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{}")));
        try (ConnectProxy proxy = new ConnectProxy(vertx, vendor.httpsPort())) {
            // vendor.test resolves nowhere: only the proxy can reach it (its tunnel leads to the fake's HTTPS port)
            TestUpstreamSettings settings = TestUpstreamSettings.defaults()
                    .withTrustStore(tls.caBundle())
                    .withProxy("http://user:p%40ss@127.0.0.1:" + proxy.port(), List.of("direct.test"));
            try (UpstreamHttp http = client(settings)) {
                assertEquals(
                        200,
                        send(http, "https://vendor.test:443", Duration.ofSeconds(3))
                                .status());
                assertEquals(List.of("CONNECT vendor.test:443 HTTP/1.1"), proxy.connects());
                assertEquals(
                        "connect",
                        failure(http, "https://direct.test:443", Duration.ofSeconds(3))
                                .outcome(),
                        "a NO_PROXY host is reached directly (and direct.test resolves nowhere)");
                assertEquals(1, proxy.connects().size());
            }
        }
    }

    @Test
    void theProxyComesFromTheEnvironmentUnlessConfigured() {
        var fromEnvironment = UpstreamHttp.options(
                TestUpstreamSettings.defaults().withNoProxyUnset(),
                Map.of("https_proxy", "http://proxy.corp:3128", "NO_PROXY", ".internal.example,localhost:8080"));
        ProxyOptions proxy = fromEnvironment.getProxyOptions();
        assertEquals("proxy.corp", proxy.getHost());
        assertEquals(3128, proxy.getPort());
        assertEquals(
                List.of("internal.example", "*.internal.example", "localhost", "*.localhost"),
                fromEnvironment.getNonProxyHosts());
        assertEquals(
                null,
                UpstreamHttp.options(
                                TestUpstreamSettings.defaults().withNoProxyUnset(),
                                Map.of("HTTPS_PROXY", "http://proxy.corp:3128", "NO_PROXY", "*"))
                        .getProxyOptions(),
                "NO_PROXY=* turns the proxy off");
        ProxyOptions credentials = UpstreamHttp.proxyOptions("http://svc%2Bchat:s%3Acret@proxy.corp");
        assertEquals("svc+chat", credentials.getUsername());
        assertEquals("s:cret", credentials.getPassword());
        assertEquals(80, credentials.getPort());
        IllegalArgumentException bad = assertThrows(
                IllegalArgumentException.class, () -> UpstreamHttp.proxyOptions("socks5://u:secret@proxy"));
        assertFalse(bad.getMessage().contains("secret"), "the proxy URL (and its password) is not echoed");
    }
}
