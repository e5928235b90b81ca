package dev.chattoken.sidecar.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import dev.chattoken.sidecar.support.PackagedSidecar;
import dev.chattoken.sidecar.support.TestKeys;
import dev.chattoken.sidecar.support.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged sidecar (native executable with {@code -Dnative}) configured as a container is: by environment
 * variables. It refuses a bad key with one line and exit status 1, and serves a dashed profile name set by the
 * environment alone (the ConfigSourceFactory must be registered in the native image for that).
 */
class PackagedStartupIT {

    private static final String KEYS =
            Path.of("src/test/resources/keys").toAbsolutePath().toString();

    @TempDir
    Path dir;

    @Test
    void aProfileWithAWrongKeyStopsStartupWithOneLineAndStatusOne() throws Exception {
        try (PackagedSidecar sidecar = PackagedSidecar.start(Map.of(
                "CHAT_TOKEN_ACTIVE",
                "kindly-prod",
                "CHAT_TOKEN_PROFILES_KINDLY_PROD_VENDOR",
                "kindly",
                "CHAT_TOKEN_PROFILES_KINDLY_PROD_ISSUER",
                "https://iss.example",
                "CHAT_TOKEN_PROFILES_KINDLY_PROD_KEY_FILE",
                KEYS + "/kindly-pkcs8.pub.pem",
                "QUARKUS_HTTP_PORT",
                "0",
                "QUARKUS_MANAGEMENT_PORT",
                "0"))) {
            assertEquals(1, sidecar.awaitExit(Duration.ofSeconds(30)));
            String output = sidecar.output();
            List<String> lines = output.lines()
                    .filter(l -> l.contains("profile 'kindly-prod'"))
                    .toList();
            assertEquals(
                    List.of("profile 'kindly-prod': key file " + KEYS + "/kindly-pkcs8.pub.pem holds a public key, "
                            + "but signing needs the RSA private key"),
                    lines);
            assertFalse(output.contains("\tat "), "no stack trace: " + output);
            assertFalse(output.contains("BEGIN"), "no key content");
        }
    }

    @Test
    void thePackagedSidecarServesNoDemoProfilesUnderTheDevConfigurationProfile() throws Exception {
        // the demo's keys live in the temporary directory: whoever can write there would choose the keys
        try (PackagedSidecar sidecar = PackagedSidecar.start(
                Map.of("QUARKUS_PROFILE", "dev", "QUARKUS_HTTP_PORT", "0", "QUARKUS_MANAGEMENT_PORT", "0"))) {
            assertEquals(1, sidecar.awaitExit(Duration.ofSeconds(30)), sidecar.output());
            String output = sidecar.output();
            assertTrue(output.contains("chat-token.active names no profile"), output);
            assertFalse(output.contains("-demo"), "no demo profile outside dev mode: " + output);
        }
    }

    @Test
    void aCallerTokenOrAuditKeyUnder16BytesStopsStartupWithOneLineEachAndStatusOne() throws Exception {
        Path callerToken = Files.writeString(dir.resolve("caller-token"), "fifteen-bytes-x\n");
        Path auditKey = Files.writeString(dir.resolve("audit-key"), "short-audit-key\n");
        for (Map.Entry<String, Path> setting : Map.of(
                        "chat-token.caller-token-file", callerToken, "chat-token.audit.user-key-file", auditKey)
                .entrySet()) {
            String variable = setting.getKey().toUpperCase().replace('.', '_').replace('-', '_');
            try (PackagedSidecar sidecar = PackagedSidecar.start(Map.of(
                    "CHAT_TOKEN_ACTIVE",
                    "dg-prod",
                    "CHAT_TOKEN_PROFILES_DG_PROD_VENDOR",
                    "dg",
                    "CHAT_TOKEN_PROFILES_DG_PROD_KEY_FILE",
                    KEYS + "/dg.secret",
                    "CHAT_TOKEN_PROFILES_DG_PROD_KEY_ID",
                    "dg-api-key",
                    variable,
                    setting.getValue().toString(),
                    "QUARKUS_HTTP_PORT",
                    "0",
                    "QUARKUS_MANAGEMENT_PORT",
                    "0"))) {
                assertEquals(1, sidecar.awaitExit(Duration.ofSeconds(30)), setting.getKey() + ": " + sidecar.output());
                String output = sidecar.output();
                assertEquals(
                        List.of(setting.getKey() + " " + setting.getValue()
                                + " holds 15 bytes; at least 16 are required " + "(e.g. openssl rand -hex 32)"),
                        output.lines()
                                .filter(l -> l.startsWith(setting.getKey()))
                                .toList(),
                        output);
                assertFalse(output.contains("\tat "), "no stack trace: " + output);
                assertFalse(
                        output.contains("fifteen-bytes-x") || output.contains("short-audit-key"),
                        "no secret in the output");
            }
        }
    }

    private static Map<String, String> dgProfile(Map<String, String> more) {
        Map<String, String> environment = new java.util.HashMap<>(Map.of(
                "CHAT_TOKEN_ACTIVE", "dg-prod",
                "CHAT_TOKEN_PROFILES_DG_PROD_VENDOR", "dg",
                "CHAT_TOKEN_PROFILES_DG_PROD_KEY_FILE", KEYS + "/dg.secret",
                "CHAT_TOKEN_PROFILES_DG_PROD_KEY_ID", "dg-api-key"));
        environment.putAll(more);
        return environment;
    }

    @Test
    void aTokenApiOnEveryAddressStopsStartupWithOneLineBeforeItListens() throws Exception {
        int http = freePort();
        for (String host : List.of("0.0.0.0", "::")) {
            try (PackagedSidecar sidecar = PackagedSidecar.start(dgProfile(Map.of(
                    "QUARKUS_HTTP_HOST",
                    host,
                    "QUARKUS_HTTP_PORT",
                    String.valueOf(http),
                    "QUARKUS_MANAGEMENT_PORT",
                    "0")))) {
                assertEquals(1, sidecar.awaitExit(Duration.ofSeconds(30)), host + ": " + sidecar.output());
                String output = sidecar.output();
                assertEquals(
                        List.of("quarkus.http.host=" + host
                                + " puts the token API on every address of the host, not only "
                                + "on loopback: whoever reaches the token API can have any user's token minted. Keep "
                                + "quarkus.http.host=127.0.0.1, or set chat-token.allow-non-loopback-listener=true if it is meant to be "
                                + "reachable and something else guards it"),
                        output.lines()
                                .filter(l -> l.startsWith("quarkus.http.host="))
                                .toList(),
                        output);
                assertFalse(output.contains("\tat "), "no stack trace: " + output);
                assertFalse(output.contains("Listening on"), "refused before the socket is opened: " + output);
            }
        }
    }

    @Test
    void aTokenApiBeyondLoopbackStartsWhenASettingSaysItIsMeant() throws Exception {
        int http = freePort();
        int management = freePort();
        try (PackagedSidecar sidecar = PackagedSidecar.start(dgProfile(Map.of(
                "QUARKUS_HTTP_HOST",
                "0.0.0.0",
                "CHAT_TOKEN_ALLOW_NON_LOOPBACK_LISTENER",
                "true",
                "QUARKUS_HTTP_PORT",
                String.valueOf(http),
                "QUARKUS_MANAGEMENT_PORT",
                String.valueOf(management))))) {
            sidecar.awaitOk("http://127.0.0.1:" + management + "/q/health/ready", Duration.ofSeconds(30));
            String warning = sidecar.output()
                    .lines()
                    .filter(l -> l.contains("quarkus.http.host=0.0.0.0"))
                    .findFirst()
                    .orElseThrow();
            assertTrue(
                    warning.contains("WARN")
                            && warning.endsWith("quarkus.http.host=0.0.0.0 puts the token API on every address "
                                    + "of the host, not only on loopback (chat-token.allow-non-loopback-listener=true): whoever reaches it can "
                                    + "have any user's token minted, and no caller token is required"),
                    warning);
            HttpResponse<String> answer = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/v1/tokens/dg-prod"))
                                    .header("content-type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"user_id\":\"u\"}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode(), answer.body());
        }
    }

    @Test
    void aDashedProfileConfiguredByEnvironmentAloneIsServed() throws Exception {
        try (PackagedSidecar sidecar = PackagedSidecar.start(Map.of(
                "CHAT_TOKEN_ACTIVE",
                "kindly-prod",
                "CHAT_TOKEN_PROFILES_KINDLY_PROD_VENDOR",
                "kindly",
                "CHAT_TOKEN_PROFILES_KINDLY_PROD_ISSUER",
                "https://iss.example",
                "CHAT_TOKEN_PROFILES_KINDLY_PROD_KEY_FILE",
                KEYS + "/kindly-pkcs1.pem",
                "QUARKUS_HTTP_PORT",
                "18790",
                "QUARKUS_MANAGEMENT_PORT",
                "18791"))) {
            sidecar.awaitOk("http://127.0.0.1:18791/q/health/ready", Duration.ofSeconds(30));
            HttpResponse<String> answer = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:18790/v1/tokens/kindly-prod"))
                                    .header("content-type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"user_id\":\"u\",\"chat_id\":\"c\"}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode(), answer.body());
            assertTrue(answer.body().contains("\"vendor\":\"kindly\""));
            String token = answer.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
            assertTrue(
                    com.nimbusds.jwt.SignedJWT.parse(token)
                            .verify(new com.nimbusds.jose.crypto.RSASSAVerifier(
                                    dev.chattoken.sidecar.support.Tokens.publicKey("kindly-pkcs1.pub.pem"))),
                    "the RS256 signature verifies");
            assertTrue(
                    sidecar.output()
                            .contains(
                                    PackagedSidecar.isNative()
                                            ? "RS256 signed by the system's libcrypto"
                                            : "RS256 signed by the JDK"),
                    "the native executable signs RS256 with libcrypto, the JVM with the JDK: " + sidecar.output());
        }
    }

    @Test
    void aKeyWhosePrivateHalfDoesNotBelongToItsPublicHalfStopsStartupWithOneLine() throws Exception {
        KeyPair pair = TestKeys.rsa2048();
        Path mismatched = Files.write(
                dir.resolve("mismatched.jwk.json"),
                TestKeys.jwkWithoutCrt(
                        (RSAPublicKey) pair.getPublic(),
                        ((RSAPrivateCrtKey) TestKeys.rsa2048().getPrivate()).getPrivateExponent()));
        Path withoutCrt = Files.write(dir.resolve("ned.jwk.json"), TestKeys.jwkWithoutCrt(pair));
        try (PackagedSidecar sidecar = PackagedSidecar.start(Map.of(
                "CHAT_TOKEN_ACTIVE",
                "kindly-bad,kindly-ned",
                "CHAT_TOKEN_PROFILES_KINDLY_BAD_VENDOR",
                "kindly",
                "CHAT_TOKEN_PROFILES_KINDLY_BAD_ISSUER",
                "https://iss.example",
                "CHAT_TOKEN_PROFILES_KINDLY_BAD_KEY_FILE",
                mismatched.toString(),
                "CHAT_TOKEN_PROFILES_KINDLY_NED_VENDOR",
                "kindly",
                "CHAT_TOKEN_PROFILES_KINDLY_NED_ISSUER",
                "https://iss.example",
                "CHAT_TOKEN_PROFILES_KINDLY_NED_KEY_FILE",
                withoutCrt.toString(),
                "QUARKUS_HTTP_PORT",
                "0",
                "QUARKUS_MANAGEMENT_PORT",
                "0"))) {
            assertEquals(1, sidecar.awaitExit(Duration.ofSeconds(30)));
            String output = sidecar.output();
            assertEquals(
                    List.of("profile 'kindly-bad': key file " + mismatched + " holds an RSA private key that does not "
                            + "belong to its public key: a test signature made with it does not verify"),
                    output.lines().filter(l -> l.contains("profile 'kindly-")).toList(),
                    "one line for the key that cannot sign, none for the key libcrypto cannot use: " + output);
            assertFalse(output.contains("\tat "), "no stack trace: " + output);
        }
    }

    @Test
    void aKeyLibcryptoCannotUseIsSignedByTheJdkAloneWithOpenSslsErrorInTheLog() throws Exception {
        KeyPair withoutCrt = TestKeys.rsa2048();
        Path jwk = Files.write(dir.resolve("ned.jwk.json"), TestKeys.jwkWithoutCrt(withoutCrt));
        int http = freePort();
        int management = freePort();
        try (PackagedSidecar sidecar = PackagedSidecar.start(Map.of(
                "CHAT_TOKEN_ACTIVE",
                "kindly-ned,kindly-pem",
                "CHAT_TOKEN_PROFILES_KINDLY_NED_VENDOR",
                "kindly",
                "CHAT_TOKEN_PROFILES_KINDLY_NED_ISSUER",
                "https://iss.example",
                "CHAT_TOKEN_PROFILES_KINDLY_NED_KEY_FILE",
                jwk.toString(),
                "CHAT_TOKEN_PROFILES_KINDLY_PEM_VENDOR",
                "kindly",
                "CHAT_TOKEN_PROFILES_KINDLY_PEM_ISSUER",
                "https://iss.example",
                "CHAT_TOKEN_PROFILES_KINDLY_PEM_KEY_FILE",
                KEYS + "/kindly-pkcs8.pem",
                "QUARKUS_HTTP_PORT",
                String.valueOf(http),
                "QUARKUS_MANAGEMENT_PORT",
                String.valueOf(management)))) {
            sidecar.awaitOk("http://127.0.0.1:" + management + "/q/health/ready", Duration.ofSeconds(30));
            assertTrue(
                    SignedJWT.parse(mint(http, "kindly-ned"))
                            .verify(new RSASSAVerifier((RSAPublicKey) withoutCrt.getPublic())),
                    "the key libcrypto refuses signs, through the JDK");
            assertTrue(SignedJWT.parse(mint(http, "kindly-pem"))
                    .verify(new RSASSAVerifier(Tokens.publicKey("kindly-pkcs8.pub.pem"))));
            String output = sidecar.output();
            String ned = output.lines()
                    .filter(l -> l.contains("profile 'kindly-ned' active"))
                    .findFirst()
                    .orElseThrow();
            String pem = output.lines()
                    .filter(l -> l.contains("profile 'kindly-pem' active"))
                    .findFirst()
                    .orElseThrow();
            if (PackagedSidecar.isNative()) {
                assertTrue(
                        ned.matches(".*WARN.*\\(signed by the JDK, because libcrypto cannot use this key: \\w+ failed: "
                                + "error:[0-9A-F]{8}:.*\\)$"),
                        "decided for this key, with OpenSSL's error code: " + ned);
                assertTrue(pem.endsWith("(signed by libcrypto)"), "the other key keeps libcrypto: " + pem);
            } else {
                assertTrue(ned.endsWith("(signed by the JDK)"), ned);
            }
        }
    }

    /** A port nothing listens on now: other engineers' test runs share the machine. */
    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String mint(int port, String profile) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/tokens/" + profile))
                                .header("content-type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"user_id\":\"u\",\"chat_id\":\"c\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        return answer.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
    }
}
