package dev.chattoken.sidecar.vendors;

import dev.chattoken.sidecar.vendors.InvalidRequestException.Reason;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A declared HMAC vendor, for a widget nobody has built in: the lowercase hex (or base64) HMAC-SHA256 of a message made
 * from request fields, answered also under the widget's own field name.
 *
 * <ul>
 *   <li>{@code message}: constant text with {@code {field}} placeholders for the text request fields
 *       ({@code {user_id}:{email}}). Every placeholder must be filled: a request that lacks one of its fields is
 *       refused (400 missing-field), because a message that silently lost a part would sign another user's text. A
 *       template with no placeholder (the same digest for everyone), an unknown field, a stray brace and Quarkus'
 *       {@code ${...}} are refused at startup.
 *   <li>{@code encoding}: {@code hex} (default) or {@code base64}.
 *   <li>{@code answer-field}: the widget's name for the digest, required: a guessed default would look like the
 *       vendor's name for it without being so.
 *   <li>{@code required-fields}: the request fields that must be present. Every field of the message already is, so it
 *       may only repeat them; naming one the message does not sign is refused (it would be demanded and not signed).
 * </ul>
 */
@ApplicationScoped
public class HmacVendor extends SpecifiedVendor {

    static final String MESSAGE = "message";
    static final String ENCODING = "encoding";
    static final String ANSWER_FIELD = "answer-field";

    /** The request fields a message may hold: the text ones (objects, lists and booleans have no one text form). */
    static final Set<IdentityField> TEXT_FIELDS = Template.TEXT_FIELDS;

    /** The answer's own members, which a widget field may not replace. */
    private static final Set<String> ANSWER_MEMBERS = Set.of("token", "profile", "vendor", "expires_at");

    private static final java.util.regex.Pattern ANSWER_NAME =
            java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    private static final List<Option> OPTIONS = List.of(
            Option.required(
                    MESSAGE,
                    Option.Kind.TEXT,
                    "the signed text: constant text and {field} placeholders for the " + "request fields "
                            + Template.names(TEXT_FIELDS)
                            + ", e.g. {user_id}; leading and trailing spaces are not kept"),
            Option.optional(ENCODING, Option.Kind.TEXT, "hex (lowercase, the default) or base64"),
            Option.required(ANSWER_FIELD, Option.Kind.TEXT, "the widget's name for the digest, answered beside token"),
            Option.optional(
                    Template.REQUIRED_FIELDS,
                    Option.Kind.LIST,
                    "request fields that must be present: the message's own " + "fields, which are required anyway"));

    public HmacVendor() {
        super(new VendorSpec(
                "hmac",
                OPTIONS,
                HmacVendor::rules,
                new Example(
                        Map.of(MESSAGE, "{user_id}:{email}", ANSWER_FIELD, "hash"),
                        "{\"user_id\":\"customer-42\",\"email\":\"ana@example.com\"}")));
    }

    private static TokenRules rules(ProfileOptions options) {
        Optional<Template> template = options.text(MESSAGE)
                .flatMap(
                        text -> Template.parse(text, options.key(MESSAGE), TEXT_FIELDS, "text request field", options));
        template.filter(t -> t.fields().isEmpty())
                .ifPresent(t -> options.problem(options.key(MESSAGE) + " holds no "
                        + "{field} placeholder: every user would get the same digest"));
        TokenContent.Hmac.Encoding encoding = options.text(ENCODING)
                .map(value -> switch (value) {
                    case "hex" -> TokenContent.Hmac.Encoding.HEX;
                    case "base64" -> TokenContent.Hmac.Encoding.BASE64;
                    default -> {
                        options.problem(options.key(ENCODING) + " must be hex or base64, not " + value);
                        yield TokenContent.Hmac.Encoding.HEX;
                    }
                })
                .orElse(TokenContent.Hmac.Encoding.HEX);
        String answerField = options.required(ANSWER_FIELD);
        if (options.text(ANSWER_FIELD).isPresent()) {
            options.check(
                    ANSWER_NAME.matcher(answerField).matches(),
                    options.key(ANSWER_FIELD) + " must be a field name "
                            + "(letters, digits and _, not beginning with a digit, at most 64), not '" + answerField
                            + "'");
            options.check(
                    !ANSWER_MEMBERS.contains(answerField),
                    options.key(ANSWER_FIELD) + " may not be '" + answerField + "': the answer has its own "
                            + answerField);
        }
        Template.requiredFields(
                options,
                Template.REQUIRED_FIELDS,
                template.map(Template::fields),
                name -> "the message does not " + "sign: a required field that is not signed proves nothing; add {"
                        + name + "} to the message or remove it");
        Template message = template.orElse(new Template(List.of())); // used only when no problem was recorded
        return new DigestRules(message.fields(), identity -> message(message, identity), encoding, answerField);
    }

    /** The exact text signed: each field as sent (checked, never rewritten), all of them present. */
    private static String message(Template template, UserIdentity identity) {
        template.missing(identity).ifPresent(field -> {
            throw new InvalidRequestException(
                    Reason.MISSING_FIELD,
                    field.jsonName(),
                    field.jsonName() + " is required: the profile's HMAC message signs it");
        });
        return (String) template.render(identity).orElseThrow(); // a message holds text fields only: always text
    }
}
