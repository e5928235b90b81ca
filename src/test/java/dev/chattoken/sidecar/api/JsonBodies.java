package dev.chattoken.sidecar.api;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates hostile token request bodies from a seed: random JSON, wrong types, huge numbers, deep nesting, very long
 * strings, invalid UTF-8 (overlong forms, encoded surrogates, code points past U+10FFFF, stray bytes), NUL bytes,
 * invisible and look-alike characters, text not in NFC, duplicate keys, reserved claims in {@code claims}, and
 * near-valid bodies that mutate one field of a good one. The same seed gives the same bodies.
 */
final class JsonBodies {

    /** Every request field the API knows: a field added to it is fuzzed without an edit here. */
    private static final List<String> FIELDS = java.util.Arrays.stream(
                    dev.chattoken.sidecar.vendors.IdentityField.values())
            .map(dev.chattoken.sidecar.vendors.IdentityField::jsonName)
            .toList();

    private static final List<String> RESERVED = List.of(
            "iat", "exp", "nbf", "iss", "sub", "jti", "chat", "email", "picture", "name", "aud", "azp", "__proto__");
    /**
     * Characters that show as nothing or as a plain space, and a letter's combining accent (not NFC after a letter).
     */
    private static final int[] LOOK_ALIKES = {
        0x034F, 0xFE0F, 0xFE00, 0x3164, 0x2800, 0x00A0, 0x2007, 0x3000, 0x115F, 0x17B4, 0x180B, 0xE0100, 0xFFA0, 0x0301,
        0x200B, 0xFEFF
    };
    /** Byte sequences that are not UTF-8: overlong forms, an encoded surrogate, past U+10FFFF, stray and cut ones. */
    private static final byte[][] NOT_UTF8 = {
        {(byte) 0xC1, (byte) 0xAE},
        {(byte) 0xC0, (byte) 0xAF},
        {(byte) 0xE0, (byte) 0x80, (byte) 0xAE},
        {(byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0xAE},
        {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
        {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
        {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
        {(byte) 0xFF},
        {(byte) 0x80},
        {(byte) 0xE2, (byte) 0x82}
    };

    private final SplittableRandom random;

    JsonBodies(long seed) {
        this.random = new SplittableRandom(seed);
    }

    byte[] next() {
        return switch (random.nextInt(10)) {
            case 0 -> randomBytes();
            case 1 -> withInvalidUtf8(nearValid());
            case 2 -> deep().getBytes(StandardCharsets.UTF_8);
            case 3 -> randomValue(0).getBytes(StandardCharsets.UTF_8);
            case 4 -> truncate(nearValid());
            default -> nearValid();
        };
    }

    /** An object of known and unknown fields, each with a value of any JSON type, sometimes repeated. */
    private byte[] nearValid() {
        StringBuilder json = new StringBuilder("{");
        int fields = random.nextInt(6);
        for (int i = 0; i < fields; i++) {
            if (i > 0) {
                json.append(',');
            }
            String name = random.nextInt(8) == 0 ? randomString(6) : FIELDS.get(random.nextInt(FIELDS.size()));
            json.append(quote(name)).append(':').append(valueFor(name));
            if (random.nextInt(20) == 0) { // a duplicate key
                json.append(',').append(quote(name)).append(':').append(valueFor(name));
            }
        }
        return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    private String valueFor(String field) {
        if (random.nextInt(3) != 0) {
            return randomValue(2);
        }
        return switch (field) {
            case "email_verified", "phone_number_verified" -> random.nextBoolean() ? "true" : "\"true\"";
            case "webhook_domains" -> "[\"example.com\"," + quote(randomString(random.nextInt(1, 40))) + "]";
            case "claims" ->
                "{" + quote(random.nextBoolean() ? RESERVED.get(random.nextInt(RESERVED.size())) : randomString(5))
                        + ":" + randomValue(3) + "}";
            case "picture" ->
                quote(random.nextBoolean() ? "https://example.com/a.png" : "javascript:" + randomString(8));
            default ->
                quote(
                        random.nextInt(50) == 0
                                ? "x".repeat(random.nextInt(1000, 20000))
                                : randomString(random.nextInt(0, 30)));
        };
    }

    private String randomValue(int depth) {
        int kind = random.nextInt(depth > 0 ? 9 : 7);
        return switch (kind) {
            case 0 -> "null";
            case 1 -> random.nextBoolean() ? "true" : "false";
            case 2 -> Long.toString(random.nextLong());
            case 3 -> "9".repeat(random.nextInt(1, 120)) + (random.nextBoolean() ? "e99999" : "");
            case 4 -> Double.toString(random.nextDouble() * 1e300);
            case 5, 6 -> quote(randomString(random.nextInt(0, 40)));
            case 7 -> {
                StringBuilder a = new StringBuilder("[");
                for (int i = random.nextInt(4); i > 0; i--) {
                    a.append(randomValue(depth - 1)).append(i > 1 ? "," : "");
                }
                yield a.append(']').toString();
            }
            default -> {
                StringBuilder o = new StringBuilder("{");
                for (int i = random.nextInt(4); i > 0; i--) {
                    o.append(quote(randomString(4)))
                            .append(':')
                            .append(randomValue(depth - 1))
                            .append(i > 1 ? "," : "");
                }
                yield o.append('}').toString();
            }
        };
    }

    private String deep() {
        int depth = random.nextInt(10, 3000);
        String open = random.nextBoolean() ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        return "{\"user_id\":\"u\",\"chat_id\":\"c\",\"claims\":{\"d\":" + open.repeat(depth) + "1"
                + close.repeat(depth) + "}}";
    }

    private String randomString(int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int c = switch (random.nextInt(10)) {
                case 0 -> random.nextInt(0, 32); // control characters, NUL included
                case 1 -> random.nextInt(0x80, 0x800); // two-byte UTF-8
                case 2 -> random.nextInt(0x1F600, 0x1F650); // emoji, surrogate pairs
                case 3 -> LOOK_ALIKES[random.nextInt(LOOK_ALIKES.length)];
                default -> random.nextInt(32, 127);
            };
            s.appendCodePoint(c);
        }
        return s.toString();
    }

    private static String quote(String s) {
        StringBuilder q = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                q.append('\\').appendCodePoint(c);
            } else if (c < 32) {
                q.append(String.format("\\u%04x", c));
            } else {
                q.appendCodePoint(c);
            }
        });
        return q.append('"').toString();
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[random.nextInt(0, 200)];
        random.nextBytes(bytes);
        return bytes;
    }

    private byte[] withInvalidUtf8(byte[] json) {
        if (json.length < 3) {
            return json;
        }
        if (random.nextBoolean()) {
            byte[] broken = json.clone();
            broken[random.nextInt(1, broken.length - 1)] = (byte) (0x80 | random.nextInt(0x80));
            return broken;
        }
        // a sequence that is not UTF-8 inside a string: a decoder that is not strict reads a different text
        String text = new String(json, StandardCharsets.UTF_8);
        int quote = text.indexOf(":\"");
        int at = quote < 0
                ? random.nextInt(1, json.length - 1)
                : text.substring(0, quote + 2).getBytes(StandardCharsets.UTF_8).length;
        byte[] insert = NOT_UTF8[random.nextInt(NOT_UTF8.length)];
        byte[] broken = new byte[json.length + insert.length];
        System.arraycopy(json, 0, broken, 0, at);
        System.arraycopy(insert, 0, broken, at, insert.length);
        System.arraycopy(json, at, broken, at + insert.length, json.length - at);
        return broken;
    }

    private byte[] truncate(byte[] json) {
        return java.util.Arrays.copyOf(json, random.nextInt(0, json.length + 1));
    }
}
