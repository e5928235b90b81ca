package dev.chattoken.sidecar.api;

import java.util.Optional;

/**
 * Checks a request body, as it streams by, to be well-formed UTF-8 (Unicode 15, table 3-7): no overlong forms, no
 * encoded surrogates, nothing past U+10FFFF, no stray or missing continuation bytes, and no NUL. Jackson's decoder
 * takes {@code C1 AE} for {@code n}, so {@code admi\xC1\xAE} would be signed as {@code admin}: the body is refused
 * instead (RFC 8259 asks for UTF-8). NUL cannot stand in UTF-8 JSON, and refusing it stops the parser from taking the
 * body for UTF-16 or UTF-32. A state machine rather than a {@code CharsetDecoder}: it needs no buffer per request.
 */
final class StrictUtf8 {

    /** Continuation bytes still expected in the current sequence. */
    private int pending;
    /** The range the next continuation byte must be in (narrower than 80..BF right after E0, ED, F0, F4). */
    private int low = 0x80;

    private int high = 0xBF;
    private long offset;

    /**
     * Checks {@code length} more bytes of the body.
     *
     * @return empty when they continue well-formed UTF-8, else why not
     */
    Optional<String> accept(byte[] bytes, int from, int length) {
        for (int i = from; i < from + length; i++, offset++) {
            int b = bytes[i] & 0xFF;
            if (pending > 0) {
                if (b < low || b > high) {
                    return problem(
                            "a malformed sequence (an overlong form, a surrogate or a missing continuation byte)");
                }
                pending--;
                low = 0x80;
                high = 0xBF;
            } else if (b == 0) {
                return problem("a NUL byte");
            } else if (b >= 0x80) {
                if (b >= 0xC2 && b <= 0xDF) {
                    pending = 1;
                } else if (b >= 0xE0 && b <= 0xEF) {
                    pending = 2;
                    low = b == 0xE0 ? 0xA0 : 0x80; // E0 80..9F would be an overlong form
                    high = b == 0xED ? 0x9F : 0xBF; // ED A0..BF would be a surrogate
                } else if (b >= 0xF0 && b <= 0xF4) {
                    pending = 3;
                    low = b == 0xF0 ? 0x90 : 0x80; // F0 80..8F would be an overlong form
                    high = b == 0xF4 ? 0x8F : 0xBF; // F4 90.. would be past U+10FFFF
                } else {
                    return problem(
                            b < 0xC2 && b >= 0xC0 ? "an overlong UTF-8 form" : "a byte that begins no UTF-8 character");
                }
            }
        }
        return Optional.empty();
    }

    /** Why the body ended in the middle of a character; empty when it did not. */
    Optional<String> end() {
        return pending > 0 ? problem("the body ends inside a UTF-8 character") : Optional.empty();
    }

    private Optional<String> problem(String what) {
        return Optional.of("the body is not well-formed UTF-8: " + what + " at byte " + offset);
    }
}
