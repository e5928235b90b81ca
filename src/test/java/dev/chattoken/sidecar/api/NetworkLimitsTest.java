package dev.chattoken.sidecar.api;

import static dev.chattoken.sidecar.support.Tokens.mint;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chattoken.sidecar.support.Management;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Who can reach the API and how long anyone may hold a connection: loopback only, bounded headers, and clients that
 * stall or trickle are cut off (in the %test profile after 2 s) while others keep being served.
 */
@QuarkusTest
class NetworkLimitsTest {

    private static int apiPort() {
        return ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
    }

    private static int port(String listener) {
        return listener.equals("management") ? Management.port() : apiPort();
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        return Optional.of(address);
                    }
                }
            }
        }
        return Optional.empty();
    }

    @Test
    void theTokenApiRefusesConnectionsOnOtherAddressesWhileManagementAnswersThere() throws Exception {
        Optional<InetAddress> address = nonLoopbackAddress();
        assumeTrue(address.isPresent(), "the machine has a non-loopback address");
        try (Socket socket = new Socket()) {
            assertThrows(
                    ConnectException.class,
                    () -> socket.connect(new InetSocketAddress(address.get(), apiPort()), 2000));
        }
        HttpResponse<String> health = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://"
                                        + address.get().getHostAddress() + ":" + Management.port() + "/q/health/live"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode());
    }

    @Test
    void headersOver8KibAreRefused() {
        int status = given().header("X-Padding", "p".repeat(9 * 1024))
                .get("/v1/profiles")
                .then()
                .extract()
                .statusCode();
        assertTrue(status == 431 || status == 400, "431 Request Header Fields Too Large, got " + status);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"token API", "management"})
    void aClientThatStallsBeforeItsHeadersEndIsDisconnected(String listener) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port(listener))) {
            socket.setSoTimeout(8000);
            socket.getOutputStream()
                    .write("POST /v1/tokens/dg HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            long start = System.nanoTime();
            mint("dg", "{\"user_id\":\"meanwhile\"}").statusCode(200); // others are served meanwhile
            assertEquals(-1, socket.getInputStream().read(), "the server closes the stalled connection");
            assertTrue(System.nanoTime() - start < 7_000_000_000L, "within the idle timeout");
        }
    }

    @Test
    void theManagementInterfaceTakesNoBodyAtAllSoNoneCanBeTrickled() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", Management.port())) {
            socket.setSoTimeout(8000);
            long start = System.nanoTime();
            socket.getOutputStream()
                    .write(("POST /q/health/ready HTTP/1.1\r\nHost: x\r\nContent-Length: 200\r\n\r\n{")
                            .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertEquals("HTTP/1.1 413", answer);
            assertTrue(System.nanoTime() - start < 1_000_000_000L, "at once");
        }
        Management.request().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void aClientThatTricklesItsBodyIsAnswered408AndDisconnected() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", apiPort())) {
            socket.setSoTimeout(8000);
            OutputStream out = socket.getOutputStream();
            out.write(
                    ("POST /v1/tokens/dg HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{\"user")
                            .getBytes(StandardCharsets.US_ASCII));
            long start = System.nanoTime();
            for (int i = 0; i < 6 && !socket.isInputShutdown(); i++) { // one byte a second: never idle, never done
                Thread.sleep(1000);
                try {
                    out.write(' ');
                    out.flush();
                } catch (IOException closed) {
                    break;
                }
            }
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
            assertTrue(answer.contains("request-timeout"), answer);
            assertTrue(System.nanoTime() - start < 7_000_000_000L, "within the request deadline");
        }
    }
}
