package dev.chattoken.sidecar.vendors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.Normalizer;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The shared field rules where they are written as code rather than as a pattern. */
class FieldsTest {

    @Test
    void invisibleCharactersAreExactlyUnicodeCcCfZlAndZp() {
        // the loop replaced this pattern on the request path: it must refuse exactly what the pattern refused
        Pattern invisible = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]");
        for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
            if (Character.getType(c) == Character.SURROGATE) {
                continue; // lone surrogates are refused by their own rule first
            }
            String text = "id-" + Character.toString(c) + "-x";
            assertEquals(
                    invisible.matcher(text).find(),
                    Fields.hasInvisible(text),
                    () -> "U+" + Integer.toHexString(text.codePointAt(3)));
        }
    }

    @Test
    void charactersThatShowAsNothingOrAsAPlainSpaceAreRefused() {
        // U+034F, variation selectors, Hangul fillers, Braille blank, spaces other than U+0020 (issue 19)
        for (int c : new int[] {
            0x034F, 0xFE00, 0xFE0F, 0xE0100, 0xE01EF, 0x115F, 0x1160, 0x3164, 0xFFA0, 0x17B4, 0x17B5, 0x180B, 0x180F,
            0x2065, 0xFFF0, 0xE0000, 0xE0FFF, 0x2800, 0x00A0, 0x1680, 0x2000, 0x200A, 0x202F, 0x205F, 0x3000
        }) {
            String value = "bo" + Character.toString(c) + "b";
            assertTrue(
                    Fields.textProblem(value).orElse("").contains(String.format("U+%04X", c)),
                    () -> String.format("U+%04X", c));
        }
        for (int c = 0; c <= Character.MAX_CODE_POINT; c++) { // and every space separator but U+0020
            if (Character.getType(c) == Character.SPACE_SEPARATOR && c != ' ') {
                assertTrue(Fields.lookAlike("a" + Character.toString(c) + "b").isPresent(), Integer.toHexString(c));
            }
        }
        assertEquals(Optional.empty(), Fields.textProblem("Ana Lima"), "a space between words is a space");
        assertEquals(Optional.empty(), Fields.textProblem("Zoë 中文 😀"));
    }

    @Test
    void spacesAtEitherEndAreRefusedNotTrimmed() {
        assertEquals(Optional.of("begins or ends with a space"), Fields.textProblem(" bob"));
        assertEquals(Optional.of("begins or ends with a space"), Fields.textProblem("bob "));
    }

    @Test
    void textNotInNfcIsRefusedAndItsComposedFormSigned() {
        String decomposed = "bo\u0301b";
        assertTrue(Fields.textProblem(decomposed).orElse("").contains("NFC"));
        assertEquals(Optional.empty(), Fields.textProblem(Normalizer.normalize(decomposed, Normalizer.Form.NFC)));
        assertTrue(
                Fields.textProblem("\u1100\u1161").orElse("").contains("NFC"), "conjoining jamo compose to a syllable");
    }
}
