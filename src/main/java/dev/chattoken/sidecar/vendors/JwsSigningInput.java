package dev.chattoken.sidecar.vendors;

import java.util.Base64;

/**
 * Text shaped like what a JWS signs: a header segment that decodes to a JSON object, a dot, and a payload segment. An
 * HMAC-SHA256 digest of such a text is the HS256 signature of that JWT, so a digest profile that signed it would sign
 * JWTs for whoever chooses the text (a user id), under any key it shares with a JWT profile. Decoded as leniently as a
 * lenient JOSE library reads it (either base64 alphabet, stray characters skipped), so that what any verifier would
 * take for a header is refused here.
 */
final class JwsSigningInput {

    private JwsSigningInput() {}

    /** Whether {@code text} is {@code <segment>.<segment>} whose first segment decodes to {@code {"} or {@code {}}. */
    static boolean matches(String text) {
        int dot = text.indexOf('.');
        if (dot <= 0 || text.indexOf('.', dot + 1) >= 0) {
            return false; // a signing input has exactly one dot, with a header before it
        }
        byte[] header = decodeLeniently(text.substring(0, dot));
        int i = skipJsonSpace(header, 0);
        if (i >= header.length || header[i] != '{') {
            return false;
        }
        i = skipJsonSpace(header, i + 1);
        return i < header.length && (header[i] == '"' || header[i] == '}'); // an object begins so, and nothing else
    }

    /** The bytes of the base64 or base64url characters in {@code segment}, any others skipped, no padding needed. */
    private static byte[] decodeLeniently(String segment) {
        StringBuilder alphabet = new StringBuilder(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
                alphabet.append(c);
            } else if (c == '+' || c == '/') {
                alphabet.append(c == '+' ? '-' : '_');
            }
        }
        if (alphabet.length() % 4 == 1) {
            alphabet.setLength(alphabet.length() - 1); // a lone last character holds no whole byte
        }
        return Base64.getUrlDecoder().decode(alphabet.toString());
    }

    private static int skipJsonSpace(byte[] bytes, int from) {
        int i = from;
        while (i < bytes.length && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\n' || bytes[i] == '\r')) {
            i++;
        }
        return i;
    }
}
