package dev.chattoken.sidecar.token;

import static dev.chattoken.sidecar.support.Tokens.mint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chattoken.sidecar.support.LogCapture;
import dev.chattoken.sidecar.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * One audit line per minted token: profile, vendor, a keyed pseudonym of the user (the %test profile sets
 * {@code chat-token.audit.user-key-file}), kid, expiry; never the token, never the id in clear.
 */
@QuarkusTest
class AuditLogTest {

    /** HMAC-SHA256 with the audit key, computed here with the JDK, first 8 bytes in hex. */
    static String expectedPseudonym(String id) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Tokens.AUDIT_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "hmac:" + HexFormat.of().formatHex(mac.doFinal(id.getBytes(StandardCharsets.UTF_8)), 0, 8);
    }

    @Test
    void eachMintedTokenGetsOneAuditLineWithAKeyedPseudonymAndNeitherTokenNorUserId() throws Exception {
        try (LogCapture audit = LogCapture.of("chattoken.audit")) {
            String token = mint("dg-ttl", "{\"user_id\":\"alice-in-audit\"}")
                    .statusCode(200)
                    .extract()
                    .path("token");
            long exp = mint("kindly", "{\"user_id\":\"bob\",\"chat_id\":\"c\"}")
                    .statusCode(200)
                    .extract()
                    .<Number>path("expires_at")
                    .longValue();
            mint("dg", "{\"user_id\":\"\"}").statusCode(400);
            mint("kustomer", "{\"email\":\"carol@example.com\"}").statusCode(200);
            // written in order by the audit thread: a line for the refusal would come before Carol's
            List<String> lines = audit.awaitMessages(3, Duration.ofSeconds(10));
            Thread.sleep(50);
            lines = audit.messages();

            assertEquals(3, lines.size(), "one line per minted token, none for refusals: " + lines);
            assertTrue(
                    lines.get(0)
                            .matches("token minted profile=dg-ttl vendor=dg user="
                                    + java.util.regex.Pattern.quote(expectedPseudonym("alice-in-audit"))
                                    + " kid=dg-api-key-2 expires_at=\\d{10}"),
                    lines.get(0));
            assertEquals(
                    "token minted profile=kindly vendor=kindly user=" + expectedPseudonym("bob") + " kid="
                            + lines.get(1).replaceAll(".* kid=(\\S+) .*", "$1") + " expires_at=" + exp,
                    lines.get(1));
            assertTrue(
                    lines.get(2).contains(" user=" + expectedPseudonym("carol@example.com") + " "), "else the e-mail");
            lines.forEach(line -> {
                assertFalse(
                        line.contains("alice-in-audit") || line.contains("bob ") || line.contains("carol"),
                        "no id in clear");
                assertFalse(line.contains(token.substring(0, 20)) || line.contains("eyJ"), "no token");
                assertFalse(line.contains("sha256:"), "no unkeyed hash, which a list of candidate ids would reverse");
            });
        }
    }

    @Test
    void aTokenFromAVendorsApiSaysWhetherItCameFromTheCache() throws Exception {
        try (LogCapture audit = LogCapture.of("chattoken.audit")) {
            String email = "audit-" + System.nanoTime() + "@example.com";
            String token = mint("hubspot", "{\"email\":\"" + email + "\"}")
                    .statusCode(200)
                    .extract()
                    .path("token");
            mint("hubspot", "{\"email\":\"" + email + "\"}").statusCode(200);
            List<String> lines = audit.awaitMessages(2, Duration.ofSeconds(10));
            assertEquals(2, lines.size(), lines.toString());
            String expected = "token minted profile=hubspot vendor=hubspot user=" + expectedPseudonym(email)
                    + " kid=- expires_at=\\d{10} cache=";
            assertTrue(lines.get(0).matches(expected + "miss"), lines.get(0));
            assertTrue(lines.get(1).matches(expected + "hit"), lines.get(1));
            lines.forEach(line -> assertFalse(
                    line.contains(token.substring(0, 20)) || line.contains("audit-"), "no token, no e-mail"));
        }
    }
}
