package dev.chattoken.sidecar.vendors;

import dev.chattoken.sidecar.vendors.InvalidRequestException.Reason;
import java.net.URI;
import java.net.URISyntaxException;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/** Format rules for request fields, shared by the vendors that use a field. */
public final class Fields {

    /** Identifiers, names and e-mails are far shorter; the bound keeps tokens small enough for a URL or header. */
    public static final int MAX_TEXT_LENGTH = 1024;

    public static final int MAX_WEBHOOK_DOMAINS = 32;

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private Fields() {}

    public static String required(Optional<String> value, IdentityField field) {
        return text(value.orElseThrow(() -> missing(field)), field);
    }

    public static Optional<String> optional(Optional<String> value, IdentityField field) {
        return value.map(v -> text(v, field));
    }

    private static String text(String value, IdentityField field) {
        if (value.isBlank()) {
            throw new InvalidRequestException(Reason.MISSING_FIELD, field.jsonName(), field.jsonName() + " is blank");
        }
        Optional<String> problem = textProblem(value);
        if (problem.isPresent()) {
            throw invalid(field.jsonName(), field.jsonName() + " " + problem.get());
        }
        return value;
    }

    /**
     * Why {@code value} would not reach a token as sent, or would name the user in a way another value can look like
     * (completing "X ..."): longer than {@link #MAX_TEXT_LENGTH}, an unpaired surrogate, invisible and line-breaking
     * characters, invisible fillers and spaces other than U+0020, a space at either end, or text not in Unicode NFC;
     * empty when it is text a token can carry. Refused, never rewritten: the app must hand the widget the same bytes
     * the token signs.
     */
    static Optional<String> textProblem(String value) {
        if (value.length() > MAX_TEXT_LENGTH) {
            return Optional.of("is longer than " + MAX_TEXT_LENGTH + " characters");
        }
        if (hasLoneSurrogate(value)) {
            return Optional.of("contains an unpaired surrogate (\\ud800-\\udfff), which UTF-8 cannot encode");
        }
        if (hasInvisible(value)) {
            return Optional.of("contains control or format characters or line separators");
        }
        OptionalInt lookAlike = lookAlike(value);
        if (lookAlike.isPresent()) {
            int c = lookAlike.getAsInt();
            return Optional.of("contains " + String.format("U+%04X", c)
                    + (Character.getType(c) == Character.SPACE_SEPARATOR
                            ? ", a space other than U+0020"
                            : ", an invisible character")
                    + ": it looks like another value");
        }
        if (!value.isEmpty() && (value.charAt(0) == ' ' || value.charAt(value.length() - 1) == ' ')) {
            return Optional.of("begins or ends with a space");
        }
        if (!isNfc(value)) {
            return Optional.of("is not in Unicode normalization form NFC (a letter and a combining mark where one "
                    + "composed character exists): send the composed form");
        }
        return Optional.empty();
    }

    /**
     * The first character that shows as nothing or as a plain space without being one: Unicode's default-ignorable code
     * points that are not already refused as format characters (the combining grapheme joiner, variation selectors,
     * Hangul fillers, Khmer and Mongolian invisibles, the reserved ranges set aside for more of them), the Braille
     * blank U+2800, and the space separators other than U+0020 (no-break, em, ideographic spaces).
     */
    static OptionalInt lookAlike(String value) {
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            if (c >= 0x80
                    && (isDefaultIgnorable(c)
                            || c == 0x2800
                            || (c != ' ' && Character.getType(c) == Character.SPACE_SEPARATOR))) {
                return OptionalInt.of(c);
            }
            i += Character.charCount(c);
        }
        return OptionalInt.empty();
    }

    /** Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt), without the Cf ones: checked as format. */
    static boolean isDefaultIgnorable(int c) {
        return c == 0x034F
                || c == 0x115F
                || c == 0x1160
                || c == 0x17B4
                || c == 0x17B5
                || (c >= 0x180B && c <= 0x180F)
                || c == 0x2065
                || c == 0x3164
                || (c >= 0xFE00 && c <= 0xFE0F)
                || c == 0xFFA0
                || (c >= 0xFFF0 && c <= 0xFFF8)
                || (c >= 0xE0000 && c <= 0xE0FFF);
    }

    /** Below U+0300 every character is its own NFC form: the usual ids and e-mails skip the normalizer. */
    static boolean isNfc(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) >= 0x300) {
                return Normalizer.isNormalized(value, Normalizer.Form.NFC);
            }
        }
        return true;
    }

    /**
     * Control and format characters and line/paragraph separators (Unicode Cc, Cf, Zl, Zp): invisible or line-breaking,
     * they make two ids that look the same differ (a zero-width space) or split a log line. A loop over the code points
     * rather than a pattern: it runs on every identity field of every request.
     */
    static boolean hasInvisible(String value) {
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            switch (Character.getType(c)) {
                case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> {
                    return true;
                }
                default -> i += Character.charCount(c);
            }
        }
        return false;
    }

    /** A UTF-16 surrogate without its pair: encoded to UTF-8 it would become '?', another user's id. */
    static boolean hasLoneSurrogate(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A JSON value from the request as it will be written into the token, or a refusal naming {@code path}: nothing may
     * change on its way into a token. JSON {@code null} is refused (leaving the claim out says the same), as are
     * strings and names with an unpaired surrogate, and numbers that the token's JSON cannot hold as sent: beyond a
     * double's range ({@code 1e400} would become {@code null}) or more precise than one.
     */
    public static Object claimValue(Object value, String path) {
        return switch (value) {
            case null -> throw invalid(path, path + " is null; leave it out instead");
            case String text -> {
                if (hasLoneSurrogate(text)) {
                    throw invalid(
                            path,
                            path + " contains an unpaired surrogate (\\ud800-\\udfff), which UTF-8 cannot encode");
                }
                yield text;
            }
            case java.math.BigDecimal decimal -> exactDouble(decimal, path);
            case Double d when !Double.isFinite(d) -> throw invalid(path, path + " is not a finite number");
            case Float f when !Float.isFinite(f) -> throw invalid(path, path + " is not a finite number");
            case Map<?, ?> object -> {
                Map<String, Object> copy = new java.util.LinkedHashMap<>();
                object.forEach((k, v) -> {
                    String name = String.valueOf(k);
                    if (hasLoneSurrogate(name)) {
                        throw invalid(path, path + " has a member name with an unpaired surrogate");
                    }
                    refusePrototypeName(name, path + "." + name);
                    copy.put(name, claimValue(v, path + "." + name));
                });
                yield copy;
            }
            case List<?> array -> {
                List<Object> copy = new java.util.ArrayList<>(array.size());
                for (int i = 0; i < array.size(); i++) {
                    copy.add(claimValue(array.get(i), path + "[" + i + "]"));
                }
                yield copy;
            }
            default -> value;
        };
    }

    /**
     * {@code __proto__} as a member name: a JavaScript verifier that copies the claims into an object sets that
     * object's prototype instead of a member, so the token would not mean to it what it says.
     */
    static void refusePrototypeName(String name, String path) {
        if (PROTOTYPE.equals(name)) {
            throw invalid(
                    path, path + " is named __proto__, which a JavaScript reader takes for the object's prototype");
        }
    }

    private static final String PROTOTYPE = "__proto__";

    /** A decimal as the double the token's JSON writes, when that double is the same number. */
    private static Double exactDouble(java.math.BigDecimal decimal, String path) {
        double d = decimal.doubleValue();
        if (!Double.isFinite(d)) {
            throw invalid(path, path + " is beyond the range of a JSON number in a token (a double)");
        }
        if (java.math.BigDecimal.valueOf(d).compareTo(decimal) != 0) {
            throw invalid(path, path + " has more significant digits than a JSON number in a token keeps (a double)");
        }
        return d;
    }

    public static Optional<String> email(Optional<String> value) {
        return optional(value, IdentityField.EMAIL).map(email -> {
            if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
                throw invalid(IdentityField.EMAIL.jsonName(), "email is not an e-mail address");
            }
            return email;
        });
    }

    /** An absolute {@code https} URL with a host, as a publicly reachable avatar needs. */
    public static Optional<String> httpsUrl(Optional<String> value, IdentityField field) {
        return optional(value, field).map(url -> {
            try {
                URI uri = new URI(url);
                if ("https".equalsIgnoreCase(uri.getScheme())
                        && uri.getHost() != null
                        && !uri.getHost().isEmpty()) {
                    return url;
                }
            } catch (URISyntaxException e) {
                // reported below
            }
            throw invalid(field.jsonName(), field.jsonName() + " must be an absolute https:// URL");
        });
    }

    public static boolean isDomainPattern(String domain) {
        if (domain == null || domain.length() > 255) {
            return false;
        }
        String host = domain.toLowerCase(Locale.ROOT);
        if (host.startsWith("*.")) {
            host = host.substring(2);
        }
        if (host.isEmpty() || host.length() > 253) {
            return false;
        }
        for (String label : host.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    /**
     * A text or true/false request field's value as the shared rules check it (a String or a Boolean, as sent); empty
     * when the request lacks it. Lists and objects are the vendors' own to check.
     */
    @SuppressWarnings("unchecked") // an Optional is read-only: one of String or Boolean is one of Object
    public static Optional<Object> value(IdentityField field, UserIdentity identity) {
        Optional<?> value = switch (field) {
            case USER_ID -> optional(identity.userId(), field);
            case EMAIL -> email(identity.email());
            case NAME -> optional(identity.name(), field);
            case GIVEN_NAME -> optional(identity.givenName(), field);
            case FAMILY_NAME -> optional(identity.familyName(), field);
            case PHONE_NUMBER -> optional(identity.phoneNumber(), field);
            case PICTURE -> httpsUrl(identity.picture(), field);
            case CHAT_ID -> optional(identity.chatId(), field);
            case EMAIL_VERIFIED -> identity.emailVerified();
            case PHONE_NUMBER_VERIFIED -> identity.phoneNumberVerified();
            case WEBHOOK_DOMAINS, CLAIMS, CONTEXT ->
                throw new IllegalArgumentException(
                        field + " is a list or an object: the vendor that takes it checks it");
        };
        return (Optional<Object>) value;
    }

    /** A text or true/false request field that must be present: {@link #value}, or 400 missing-field naming it. */
    public static Object requiredValue(IdentityField field, UserIdentity identity) {
        return switch (field) { // the text fields directly: a user id is read for nearly every token
            case USER_ID -> required(identity.userId(), field);
            case NAME -> required(identity.name(), field);
            case PHONE_NUMBER -> required(identity.phoneNumber(), field);
            case CHAT_ID -> required(identity.chatId(), field);
            default -> value(field, identity).orElseThrow(() -> missing(field));
        };
    }

    static InvalidRequestException missing(IdentityField field) {
        return new InvalidRequestException(Reason.MISSING_FIELD, field.jsonName(), field.jsonName() + " is required");
    }

    static InvalidRequestException invalid(String field, String detail) {
        return new InvalidRequestException(Reason.INVALID_FIELD, field, detail);
    }
}
