package dev.chattoken.sidecar.upstream;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * What the vendors' requests and answers have in common: a JSON body written, an answer read strictly (JSON by its
 * content type, one object, no duplicate keys), a token taken from it only when it is text a header or a page can carry
 * as is, and path segments percent-encoded. An answer that breaks a rule is a {@link AttemptFailure.VendorFailure}
 * ({@code malformed}), counted against the breaker; its content is never quoted.
 */
public final class VendorJson {

    /**
     * The longest token taken from a vendor (the vendors' tokens are a few hundred characters): it bounds the memory of
     * each cached token.
     */
    public static final int MAX_TOKEN_LENGTH = 2048;

    private static final JsonMapper JSON = JsonMapper.builder(new JsonFactoryBuilder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(16)
                            .maxNumberLength(32)
                            .build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .build();

    private VendorJson() {}

    /** A JSON object of {@code members}, in their order. */
    public static byte[] object(Map<String, ?> members) {
        try {
            return JSON.writeValueAsBytes(members);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a request body of strings and numbers always serializes", e);
        }
    }

    /** The answer's body as a JSON object, or a malformed-answer failure. */
    public static JsonNode read(VendorAnswer answer, String vendor) {
        String type = answer.header("content-type").orElse("").toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/json")) {
            throw malformed(vendor + " answered " + answer.status() + " with a body that is not JSON");
        }
        try {
            JsonNode node = JSON.readTree(answer.body());
            if (node == null || !node.isObject()) {
                throw malformed(vendor + " answered " + answer.status() + " with JSON that is not an object");
            }
            return node;
        } catch (IOException e) {
            throw malformed(vendor + " answered " + answer.status() + " with JSON that does not parse");
        }
    }

    /**
     * A token from {@code member} of {@code answer}: a string of 1 to {@link #MAX_TOKEN_LENGTH} visible ASCII
     * characters (what a widget and a header take as is), else a malformed-answer failure.
     */
    public static String token(JsonNode answer, String member, String vendor) {
        JsonNode value = answer.get(member);
        if (value == null || !value.isTextual()) {
            throw malformed(vendor + "'s answer has no string " + member);
        }
        String token = value.textValue();
        if (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            throw malformed(vendor + "'s " + member + " is "
                    + (token.isEmpty() ? "empty" : "longer than " + MAX_TOKEN_LENGTH + " characters"));
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw malformed(vendor + "'s " + member + " holds a character that is not visible ASCII");
            }
        }
        return token;
    }

    /** A whole number from {@code member} of {@code answer}, else a malformed-answer failure. */
    public static long number(JsonNode answer, String member, String vendor) {
        JsonNode value = answer.get(member);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() <= 0) {
            throw malformed(vendor + "'s answer has no positive whole number " + member);
        }
        return value.longValue();
    }

    /** A text member of an error answer, if there is one (to tell the vendor's refusals apart, never to quote them). */
    public static String textOrEmpty(VendorAnswer answer, String member) {
        try {
            JsonNode node = JSON.readTree(answer.body());
            JsonNode value = node == null ? null : node.get(member);
            return value == null ? "" : value.asText("");
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /**
     * One path segment, percent-encoded (RFC 3986: everything but the unreserved characters, as UTF-8 bytes), so that
     * an id reaches the vendor as sent. {@code .} and {@code ..} are refused by the vendors before they get here.
     */
    public static String segment(String value) {
        if (value.equals(".") || value.equals("..")) {
            throw new IllegalArgumentException("a dot segment would change the path");
        }
        StringBuilder encoded = new StringBuilder(value.length() + 8);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z'
                    || c >= 'A' && c <= 'Z'
                    || c >= '0' && c <= '9'
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~') {
                encoded.append((char) c);
            } else {
                encoded.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return encoded.toString();
    }

    /** A vendor's answer that cannot be used: counted against the breaker, not retried. */
    public static RuntimeException malformed(String detail) {
        return new AttemptFailure.VendorFailure("malformed", detail, false);
    }
}
