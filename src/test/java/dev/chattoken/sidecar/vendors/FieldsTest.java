package dev.chattoken.sidecar.vendors;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
            assertEquals(invisible.matcher(text).find(), Fields.hasInvisible(text), () -> "U+" + Integer.toHexString(text.codePointAt(3)));
        }
    }
}
