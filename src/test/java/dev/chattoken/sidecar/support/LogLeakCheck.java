package dev.chattoken.sidecar.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs after the whole suite (its own Surefire execution, see pom.xml) and scans everything the sidecar logged during
 * it, target/test-logs/, for the test secrets, private key material and whole tokens. Test output never prints them
 * either: the assertions print only problems and claims.
 */
class LogLeakCheck {

    private static final Pattern WHOLE_JWT =
            Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{20,}");

    @Test
    void nothingSecretWasLogged() throws Exception {
        Path logs = Path.of("target/test-logs");
        assertTrue(Files.isDirectory(logs), "the suite wrote its log to " + logs);
        List<String> needles = new ArrayList<>(List.of(
                Tokens.DG_SECRET,
                Tokens.HUGGY_SECRET,
                Tokens.AUDIT_KEY,
                "PRIVATE KEY",
                "first-caller-token",
                "second-caller-token",
                "dg-rotation-secret-",
                Fixtures.LONG_HMAC_SECRET));
        for (String pem :
                new String[] {"kindly-pkcs8.pem", "kindly-pkcs1.pem", "ec-p256-sec1.pem", "ec-p256-pkcs8.pem"}) {
            Files.readString(Tokens.KEYS.resolve(pem))
                    .lines()
                    .filter(l -> !l.startsWith("-----"))
                    .limit(5)
                    .forEach(needles::add);
        }
        String jwkD = Files.readString(Tokens.KEYS.resolve("kindly.jwk.json"))
                .replaceAll("(?s).*\"d\"\\s*:\\s*\"([^\"]{20}).*", "$1");
        needles.add(jwkD);
        needles.add(Files.readString(Fixtures.EC_JWK_KEY_FILE).replaceAll("(?s).*\"d\"\\s*:\\s*\"([^\"]{20}).*", "$1"));
        List<String> found = new ArrayList<>();
        long bytes = 0;
        try (Stream<Path> files = Files.walk(logs)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                bytes += text.length();
                for (String needle : needles) {
                    if (text.contains(needle)) {
                        found.add(file.getFileName() + " holds " + needle.substring(0, Math.min(6, needle.length()))
                                + "...");
                    }
                }
                if (WHOLE_JWT.matcher(text).find()) {
                    found.add(file.getFileName() + " holds a whole token");
                }
            }
        }
        assertTrue(bytes > 1000, "the log is not empty (" + bytes + " characters)");
        assertEquals(List.of(), found);
    }
}
