package dev.chattoken.sidecar.vendors;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chattoken.sidecar.vendors.InvalidRequestException.Reason;

/**
 * A declared HMAC vendor, for a widget nobody has built in: the lowercase hex (or base64) HMAC-SHA256 of a message
 * made from request fields, answered also under the widget's own field name.
 *
 * <ul>
 * <li>{@code message}: constant text with {@code {field}} placeholders for the text request fields
 * ({@code {user_id}:{email}}). Every placeholder must be filled: a request that lacks one of its fields is refused
 * (400 missing-field), because a message that silently lost a part would sign another user's text. A template with no
 * placeholder (the same digest for everyone), an unknown field, a stray brace and Quarkus' {@code ${...}} are refused
 * at startup.</li>
 * <li>{@code encoding}: {@code hex} (default) or {@code base64}.</li>
 * <li>{@code answer-field}: the widget's name for the digest, required: a guessed default would look like the
 * vendor's name for it without being so.</li>
 * <li>{@code required-fields}: the request fields that must be present. Every field of the message already is, so it
 * may only repeat them; naming one the message does not sign is refused (it would be demanded and not signed).</li>
 * </ul>
 */
@ApplicationScoped
public class HmacVendor implements Vendor {

    static final String MESSAGE = "message";
    static final String ENCODING = "encoding";
    static final String ANSWER_FIELD = "answer-field";
    static final String REQUIRED_FIELDS = "required-fields";

    /** The request fields a message may hold: the text ones (objects, lists and booleans have no one text form). */
    static final Set<IdentityField> TEXT_FIELDS = Set.copyOf(EnumSet.of(IdentityField.USER_ID, IdentityField.EMAIL,
            IdentityField.NAME, IdentityField.PHONE_NUMBER, IdentityField.PICTURE, IdentityField.CHAT_ID));

    /** The answer's own members, which a widget field may not replace. */
    private static final Set<String> ANSWER_MEMBERS = Set.of("token", "profile", "vendor", "expires_at");
    private static final java.util.regex.Pattern ANSWER_NAME = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    private static final List<Option> OPTIONS = List.of(
            Option.required(MESSAGE, Option.Kind.TEXT, "the signed text: constant text and {field} placeholders for the "
                    + "request fields " + names(TEXT_FIELDS) + ", e.g. {user_id}; leading and trailing spaces are not kept"),
            Option.optional(ENCODING, Option.Kind.TEXT, "hex (lowercase, the default) or base64"),
            Option.required(ANSWER_FIELD, Option.Kind.TEXT, "the widget's name for the digest, answered beside token"),
            Option.optional(REQUIRED_FIELDS, Option.Kind.LIST, "request fields that must be present: the message's own "
                    + "fields, which are required anyway"));

    @Override
    public String id() {
        return "hmac";
    }

    @Override
    public List<Option> options() {
        return OPTIONS;
    }

    @Override
    public VendorProfile configure(ProfileOptions options) {
        Template template = options.text(MESSAGE).map(text -> Template.parse(text, options.key(MESSAGE), options))
                .orElse(new Template(List.of()));
        TokenContent.Hmac.Encoding encoding = options.text(ENCODING).map(value -> switch (value) {
            case "hex" -> TokenContent.Hmac.Encoding.HEX;
            case "base64" -> TokenContent.Hmac.Encoding.BASE64;
            default -> {
                options.problem(options.key(ENCODING) + " must be hex or base64, not " + value);
                yield TokenContent.Hmac.Encoding.HEX;
            }
        }).orElse(TokenContent.Hmac.Encoding.HEX);
        String answerField = options.required(ANSWER_FIELD);
        if (options.text(ANSWER_FIELD).isPresent()) {
            options.check(ANSWER_NAME.matcher(answerField).matches(), options.key(ANSWER_FIELD) + " must be a field name "
                    + "(letters, digits and _, not beginning with a digit, at most 64), not '" + answerField + "'");
            options.check(!ANSWER_MEMBERS.contains(answerField), options.key(ANSWER_FIELD) + " may not be '" + answerField
                    + "': the answer has its own " + answerField);
        }
        for (String name : options.list(REQUIRED_FIELDS)) {
            Optional<IdentityField> field = field(name);
            if (field.isEmpty()) {
                options.problem(options.key(REQUIRED_FIELDS) + " names '" + name + "', which is not a request field");
            } else if (!template.fields().contains(field.get()) && options.text(MESSAGE).isPresent()) {
                options.problem(options.key(REQUIRED_FIELDS) + " names " + name + ", which the message does not sign: a "
                        + "required field that is not signed proves nothing; add {" + name + "} to the message or remove it");
            }
        }
        return new HmacDigestProfile(template.fields(), template::render, encoding, answerField);
    }

    @Override
    public Example example() {
        return new Example(Map.of(MESSAGE, "{user_id}:{email}", ANSWER_FIELD, "hash"),
                "{\"user_id\":\"customer-42\",\"email\":\"ana@example.com\"}");
    }

    private static Optional<IdentityField> field(String jsonName) {
        return Arrays.stream(IdentityField.values()).filter(f -> f.jsonName().equals(jsonName)).findFirst();
    }

    private static String names(Set<IdentityField> fields) {
        return Arrays.stream(IdentityField.values()).filter(fields::contains).map(IdentityField::jsonName)
                .collect(Collectors.joining(", "));
    }

    /** A part of a message: constant text, or the value of a request field. */
    private sealed interface Part {
        record Text(String text) implements Part {
        }

        record Field(IdentityField field) implements Part {
        }
    }

    /** A parsed {@code message}: its parts in order, made into the signed text per request. */
    private record Template(List<Part> parts) {

        Template {
            parts = List.copyOf(parts);
        }

        /** Parses {@code text}, recording each problem in {@code options} (one phrase each). */
        static Template parse(String text, String key, ProfileOptions options) {
            List<Part> parts = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            boolean broken = false; // a brace out of place: the rest cannot be read as intended
            int i = 0;
            while (i < text.length() && !broken) {
                int open = text.indexOf('{', i);
                int close = text.indexOf('}', i);
                if (open < 0 && close < 0) {
                    parts.add(new Part.Text(text.substring(i)));
                    break;
                }
                if (open > 0 && text.charAt(open - 1) == '$') {
                    problems.add(key + " holds ${...}, Quarkus' own configuration expression: write the placeholder as "
                            + "{field}, e.g. {user_id}");
                    broken = true;
                } else if (open >= 0 && close < 0) {
                    problems.add(key + " has a '{' without its '}' at position " + open);
                    broken = true;
                } else if (open < 0 || close < open) {
                    problems.add(key + " has a '}' without its '{' at position " + close + " (constant text may not hold "
                            + "braces)");
                    broken = true;
                } else {
                    if (open > i) {
                        parts.add(new Part.Text(text.substring(i, open)));
                    }
                    String name = text.substring(open + 1, close);
                    Optional<IdentityField> field = field(name).filter(TEXT_FIELDS::contains);
                    if (field.isPresent()) {
                        parts.add(new Part.Field(field.get()));
                    } else {
                        problems.add(key + " names {" + name + "}, which is not a text request field ("
                                + names(TEXT_FIELDS) + ")");
                    }
                    i = close + 1;
                }
            }
            Template template = new Template(parts);
            if (problems.isEmpty() && template.fields().isEmpty()) {
                problems.add(key + " holds no {field} placeholder: every user would get the same digest");
            }
            problems.forEach(options::problem);
            return template;
        }

        Set<IdentityField> fields() {
            Set<IdentityField> fields = new LinkedHashSet<>();
            parts.forEach(part -> {
                if (part instanceof Part.Field(IdentityField field)) {
                    fields.add(field);
                }
            });
            return fields;
        }

        /** The exact text signed: each field as sent (checked, never rewritten), all of them present. */
        String render(UserIdentity identity) {
            StringBuilder message = new StringBuilder();
            for (Part part : parts) {
                switch (part) {
                    case Part.Text(String text) -> message.append(text);
                    case Part.Field(IdentityField field) -> message.append(value(field, identity));
                }
            }
            return message.toString();
        }

        private static String value(IdentityField field, UserIdentity identity) {
            Optional<String> value = switch (field) {
                case USER_ID -> Fields.optional(identity.userId(), field);
                case EMAIL -> Fields.email(identity.email());
                case NAME -> Fields.optional(identity.name(), field);
                case PHONE_NUMBER -> Fields.optional(identity.phoneNumber(), field);
                case PICTURE -> Fields.httpsUrl(identity.picture(), field);
                case CHAT_ID -> Fields.optional(identity.chatId(), field);
                default -> throw new IllegalStateException(field + " is refused in a message at startup");
            };
            return value.orElseThrow(() -> new InvalidRequestException(Reason.MISSING_FIELD, field.jsonName(),
                    field.jsonName() + " is required: the profile's HMAC message signs it"));
        }
    }
}
