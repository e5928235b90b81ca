package dev.chattoken.sidecar.token;

import static dev.chattoken.sidecar.support.Tokens.mint;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chattoken.sidecar.support.LogCapture;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Without {@code chat-token.audit.user-key-file} the audit line names no user at all. */
@QuarkusTest
@TestProfile(AuditLogWithoutKeyTest.NoAuditKey.class)
class AuditLogWithoutKeyTest {

    public static class NoAuditKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("chat-token.audit.user-key-file", "");
        }
    }

    @Test
    void theLineHasNoUserField() throws InterruptedException {
        try (LogCapture audit = LogCapture.of("chattoken.audit")) {
            long expiresAt = ((Number) mint("dg", "{\"user_id\":\"alice-in-audit\"}")
                            .statusCode(200)
                            .extract()
                            .path("expires_at"))
                    .longValue();
            assertEquals(
                    List.of("token minted profile=dg vendor=dg kid=dg-api-key-1 expires_at=" + expiresAt),
                    audit.awaitMessages(1, Duration.ofSeconds(10)));
        }
    }
}
