package dev.chattoken.sidecar.caller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The caller token file: the rules of an HMAC secret file, and at least 16 bytes. */
class CallerTokenTest {

    @TempDir
    Path dir;

    @Test
    void aTokenUnderSixteenBytesIsRefusedAtLoad() throws Exception {
        Path file = Files.writeString(dir.resolve("token"), "fifteen-bytes-x\n");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> CallerToken.load(file));
        assertEquals("holds 15 bytes; at least 16 are required (e.g. openssl rand -hex 32)", refused.getMessage());
    }

    @Test
    void sixteenBytesAreEnoughAndOnlyTheExactTokenMatches() throws Exception {
        Path file = Files.writeString(dir.resolve("token"), "sixteen-bytes-xx\n");
        CallerToken token = CallerToken.load(file);
        assertTrue(token.matches("sixteen-bytes-xx"));
        assertFalse(token.matches("sixteen-bytes-xx\n"));
        assertFalse(token.matches("sixteen-bytes-x"));
        assertFalse(token.matches(null));
    }
}
