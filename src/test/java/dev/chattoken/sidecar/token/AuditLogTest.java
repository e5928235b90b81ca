package dev.chattoken.sidecar.token;

import static dev.chattoken.sidecar.support.Tokens.mint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.chattoken.sidecar.support.LogCapture;
import io.quarkus.test.junit.QuarkusTest;

/** One audit line per minted token: profile, vendor, a pseudonym of the user, kid, expiry; never the token. */
@QuarkusTest
class AuditLogTest {

    @Test
    void eachMintedTokenGetsOneAuditLineWithoutTheTokenOrTheUserId() {
        try (LogCapture audit = LogCapture.of("chattoken.audit")) {
            String token = mint("dg-ttl", "{\"user_id\":\"alice-in-audit\"}").statusCode(200).extract().path("token");
            long exp = mint("kindly", "{\"user_id\":\"bob\",\"chat_id\":\"c\"}").statusCode(200).extract().<Number>path("expires_at").longValue();
            mint("dg", "{\"user_id\":\"\"}").statusCode(400);
            List<String> lines = audit.messages();

            assertEquals(2, lines.size(), "one line per minted token, none for refusals: " + lines);
            assertTrue(lines.get(0).matches("token minted profile=dg-ttl vendor=dg user="
                    + java.util.regex.Pattern.quote(AuditLog.pseudonym("alice-in-audit")) + " kid=dg-api-key-2 expires_at=\\d{10}"),
                    lines.get(0));
            assertTrue(lines.get(1).startsWith("token minted profile=kindly vendor=kindly user=sha256:"));
            assertTrue(lines.get(1).endsWith(" expires_at=" + exp));
            lines.forEach(line -> {
                assertFalse(line.contains("alice-in-audit") || line.contains("bob "), "no user id in clear");
                assertFalse(line.contains(token.substring(0, 20)) || line.contains("eyJ"), "no token");
            });
        }
    }
}
