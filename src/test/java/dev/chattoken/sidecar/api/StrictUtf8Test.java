package dev.chattoken.sidecar.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The body's UTF-8 check accepts exactly what the JDK's strict decoder accepts (which follows the Unicode standard's
 * table of well-formed sequences), except NUL, whichever way the bytes arrive in pieces.
 */
class StrictUtf8Test {

    private static boolean jdkAccepts(byte[] bytes) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            return false;
        }
        for (byte b : bytes) {
            if (b == 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean accepts(byte[] bytes, int split) {
        StrictUtf8 check = new StrictUtf8();
        return check.accept(bytes, 0, split).isEmpty()
                && check.accept(bytes, split, bytes.length - split).isEmpty()
                && check.end().isEmpty();
    }

    @Test
    void everySequenceOfOneAndTwoBytes() {
        for (int a = 0; a < 256; a++) {
            byte[] one = {(byte) a};
            assertEquals(jdkAccepts(one), accepts(one, 0), Integer.toHexString(a));
            for (int b = 0; b < 256; b++) {
                byte[] two = {(byte) a, (byte) b};
                assertEquals(jdkAccepts(two), accepts(two, 1), Integer.toHexString(a) + " " + Integer.toHexString(b));
            }
        }
    }

    @Test
    void everyLeadAndSecondByteOfThreeAndFourByteSequencesAtTheEdgesOfTheContinuationRange() {
        int[] edges = {0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0};
        for (int a = 0xC0; a < 256; a++) {
            for (int b = 0; b < 256; b++) {
                for (int c : edges) {
                    byte[] three = {(byte) a, (byte) b, (byte) c};
                    assertEquals(jdkAccepts(three), accepts(three, 2), hex(three));
                    for (int d : edges) {
                        byte[] four = {(byte) a, (byte) b, (byte) c, (byte) d};
                        assertEquals(jdkAccepts(four), accepts(four, 1), hex(four));
                    }
                }
            }
        }
    }

    @Test
    void randomTextsOfValidAndBrokenSequences() {
        SplittableRandom random = new SplittableRandom(19);
        for (int i = 0; i < 200_000; i++) {
            byte[] bytes = new byte[random.nextInt(1, 12)];
            for (int j = 0; j < bytes.length; j++) {
                bytes[j] = (byte) (random.nextInt(4) == 0 ? random.nextInt(0x20, 0x80) : random.nextInt(0x80, 0x100));
            }
            assertEquals(jdkAccepts(bytes), accepts(bytes, random.nextInt(bytes.length + 1)), hex(bytes));
        }
        String text = "ascii, é, €, 𝄞, 中文, emoji 😀";
        assertEquals(true, accepts(text.getBytes(StandardCharsets.UTF_8), 9));
    }

    private static String hex(byte[] bytes) {
        return java.util.HexFormat.ofDelimiter(" ").formatHex(bytes);
    }
}
