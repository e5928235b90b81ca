package dev.chattoken.sidecar.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.chattoken.sidecar.support.PackagedSidecar;

/**
 * The packaged sidecar (native executable with {@code -Dnative}) configured as a container is: by environment
 * variables. It refuses a bad key with one line and exit status 1, and serves a dashed profile name set by the
 * environment alone (the ConfigSourceFactory must be registered in the native image for that).
 */
class PackagedStartupIT {

    private static final String KEYS = Path.of("src/test/resources/keys").toAbsolutePath().toString();

    @Test
    void aProfileWithAWrongKeyStopsStartupWithOneLineAndStatusOne() throws Exception {
        try (PackagedSidecar sidecar = PackagedSidecar.start(Map.of(
                "CHAT_TOKEN_ACTIVE", "kindly-prod",
                "CHAT_TOKEN_PROFILES_KINDLY_PROD_VENDOR", "kindly",
                "CHAT_TOKEN_PROFILES_KINDLY_PROD_ISSUER", "https://iss.example",
                "CHAT_TOKEN_PROFILES_KINDLY_PROD_KEY_FILE", KEYS + "/kindly-pkcs8.pub.pem",
                "QUARKUS_HTTP_PORT", "0", "QUARKUS_MANAGEMENT_PORT", "0"))) {
            assertEquals(1, sidecar.awaitExit(Duration.ofSeconds(30)));
            String output = sidecar.output();
            List<String> lines = output.lines().filter(l -> l.contains("profile 'kindly-prod'")).toList();
            assertEquals(List.of("profile 'kindly-prod': key file " + KEYS + "/kindly-pkcs8.pub.pem holds a public key, "
                    + "but signing needs the RSA private key"), lines);
            assertFalse(output.contains("\tat "), "no stack trace: " + output);
            assertFalse(output.contains("BEGIN"), "no key content");
        }
    }

    @Test
    void aDashedProfileConfiguredByEnvironmentAloneIsServed() throws Exception {
        try (PackagedSidecar sidecar = PackagedSidecar.start(Map.of(
                "CHAT_TOKEN_ACTIVE", "kindly-prod",
                "CHAT_TOKEN_PROFILES_KINDLY_PROD_VENDOR", "kindly",
                "CHAT_TOKEN_PROFILES_KINDLY_PROD_ISSUER", "https://iss.example",
                "CHAT_TOKEN_PROFILES_KINDLY_PROD_KEY_FILE", KEYS + "/kindly-pkcs1.pem",
                "QUARKUS_HTTP_PORT", "18790", "QUARKUS_MANAGEMENT_PORT", "18791"))) {
            sidecar.awaitOk("http://127.0.0.1:18791/q/health/ready", Duration.ofSeconds(30));
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest
                    .newBuilder(URI.create("http://127.0.0.1:18790/v1/tokens/kindly-prod"))
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"user_id\":\"u\",\"chat_id\":\"c\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode(), answer.body());
            assertTrue(answer.body().contains("\"vendor\":\"kindly\""));
            String token = answer.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
            assertTrue(com.nimbusds.jwt.SignedJWT.parse(token).verify(new com.nimbusds.jose.crypto.RSASSAVerifier(
                    dev.chattoken.sidecar.support.Tokens.publicKey("kindly-pkcs1.pub.pem"))), "the RS256 signature verifies");
            boolean nativeExecutable = PackagedSidecar.command().size() == 1;
            assertTrue(sidecar.output().contains(nativeExecutable ? "RS256 signed by the system's libcrypto" : "RS256 signed by the JDK"),
                    "the native executable signs RS256 with libcrypto, the JVM with the JDK: " + sidecar.output());
        }
    }
}
