package dev.chattoken.sidecar.vendors;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A declared vendor's template, parsed once at startup and rendered per request: constant text and {@code {field}}
 * placeholders for request fields, by their JSON names ({@code {user_id}:{email}}, {@code chat-vendor},
 * {@code {email_verified}}). There is no escape: constant text may not hold a brace. {@code ${...}} is Quarkus' own
 * configuration expression and is refused, so that a template never depends on what Quarkus did with it first.
 *
 * <p>A template that is exactly one placeholder renders as the field's own JSON value ({@code {email_verified}} stays a
 * boolean); any other renders as text, so a field among other text must be a text field. Field values are checked by
 * the shared rules ({@link Fields}) and written as sent, never rewritten.
 *
 * <p>Two requests never render the same text: placeholders are separated by constant text, and a value that would let
 * the text after it begin earlier ({@code user_id} {@code 42:alice} before {@code :} in {@code {user_id}:{email}}) is
 * refused, so the text reads back into its fields in exactly one way.
 */
record Template(List<Part> parts) {

    /** The option of a declared vendor's profile that lists the request fields it requires. */
    static final String REQUIRED_FIELDS = "required-fields";

    /** The text request fields: a placeholder writes them as sent, alone or among other text. */
    static final Set<IdentityField> TEXT_FIELDS = Set.copyOf(EnumSet.of(
            IdentityField.USER_ID,
            IdentityField.EMAIL,
            IdentityField.NAME,
            IdentityField.PHONE_NUMBER,
            IdentityField.PICTURE,
            IdentityField.CHAT_ID));

    /**
     * The request fields with a JSON type of their own (true or false): a template holds one only as the whole
     * template. Lists and objects ({@code webhook_domains}, {@code claims}, {@code context}) are no template's: they
     * belong to the vendors that define what is in them.
     */
    static final Set<IdentityField> TYPED_FIELDS =
            Set.copyOf(EnumSet.of(IdentityField.EMAIL_VERIFIED, IdentityField.PHONE_NUMBER_VERIFIED));

    /** A part of a template: constant text, or the value of a request field. */
    sealed interface Part {
        record Text(String text) implements Part {}

        record Field(IdentityField field) implements Part {}
    }

    Template {
        parts = List.copyOf(parts);
    }

    /**
     * Parses {@code text}, recording each problem in {@code options} (one phrase each, naming {@code key}).
     *
     * @param allowed the fields its placeholders may name
     * @param allowedName what those fields are, for the refusal of another one ("text request field")
     * @return the template; empty when a problem was recorded
     */
    static Optional<Template> parse(
            String text, String key, Set<IdentityField> allowed, String allowedName, ProfileOptions options) {
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
                Optional<IdentityField> field = field(name).filter(allowed::contains);
                if (field.isPresent()) {
                    parts.add(new Part.Field(field.get()));
                } else {
                    problems.add(
                            key + " names {" + name + "}, which is not a " + allowedName + " (" + names(allowed) + ")");
                }
                i = close + 1;
            }
        }
        Template template = new Template(parts);
        for (int p = 1; p < parts.size() && problems.isEmpty(); p++) {
            if (parts.get(p - 1) instanceof Part.Field(IdentityField first)
                    && parts.get(p) instanceof Part.Field(IdentityField second)) {
                problems.add(
                        key + " has {" + first.jsonName() + "}{" + second.jsonName() + "} with nothing between them: "
                                + "different values would give the same text; put a separator between them, e.g. {"
                                + first.jsonName() + "}:{" + second.jsonName() + "}");
            }
        }
        if (problems.isEmpty() && template.single().isEmpty()) {
            template.fields().stream()
                    .filter(f -> !TEXT_FIELDS.contains(f))
                    .forEach(f -> problems.add(key + " holds {"
                            + f.jsonName() + "} among other text: a true/false field is only a whole template, " + key
                            + "={"
                            + f.jsonName() + "}, which keeps it a JSON boolean"));
        }
        problems.forEach(options::problem);
        return problems.isEmpty() ? Optional.of(template) : Optional.empty();
    }

    /**
     * The request fields a {@code required-fields} option names, each one that {@code named} holds; every other name is
     * refused in {@code options}.
     *
     * @param named the fields the profile's templates name; empty when they could not be read
     * @param notNamed completes "... names x, which " for a field the templates do not hold
     */
    static List<IdentityField> requiredFields(
            ProfileOptions options,
            String option,
            Optional<Set<IdentityField>> named,
            Function<String, String> notNamed) {
        Set<IdentityField> required = new LinkedHashSet<>();
        for (String name : options.list(option)) {
            Optional<IdentityField> field = field(name);
            if (field.isEmpty()) {
                options.problem(options.key(option) + " names '" + name + "', which is not a request field");
            } else if (named.isPresent() && !named.get().contains(field.get())) {
                options.problem(options.key(option) + " names " + name + ", which " + notNamed.apply(name));
            } else {
                required.add(field.get());
            }
        }
        return List.copyOf(required);
    }

    /** The request field of a placeholder name. */
    static Optional<IdentityField> field(String jsonName) {
        return Arrays.stream(IdentityField.values())
                .filter(f -> f.jsonName().equals(jsonName))
                .findFirst();
    }

    /** Field names in the request's order, for messages. */
    static String names(Set<IdentityField> fields) {
        return Arrays.stream(IdentityField.values())
                .filter(fields::contains)
                .map(IdentityField::jsonName)
                .collect(Collectors.joining(", "));
    }

    /** The fields the placeholders name, in template order. */
    Set<IdentityField> fields() {
        Set<IdentityField> fields = new LinkedHashSet<>();
        parts.forEach(part -> {
            if (part instanceof Part.Field(IdentityField field)) {
                fields.add(field);
            }
        });
        return fields;
    }

    /** The field when the template is exactly one placeholder. */
    Optional<IdentityField> single() {
        return parts.size() == 1 && parts.getFirst() instanceof Part.Field(IdentityField field)
                ? Optional.of(field)
                : Optional.empty();
    }

    /** The text when the template holds no placeholder. */
    Optional<String> constant() {
        return fields().isEmpty()
                ? Optional.of(parts.stream().map(p -> ((Part.Text) p).text()).collect(Collectors.joining()))
                : Optional.empty();
    }

    /** The first of the template's fields that the request lacks. */
    Optional<IdentityField> missing(UserIdentity identity) {
        Set<IdentityField> present = identity.present();
        return fields().stream().filter(f -> !present.contains(f)).findFirst();
    }

    /**
     * The template's value for a request: the field's own JSON value (a String or a Boolean) for a template that is
     * exactly one placeholder, else the text; empty when the request lacks one of its fields.
     *
     * @throws InvalidRequestException naming a field whose value the shared rules refuse
     */
    Optional<Object> render(UserIdentity identity) {
        if (single().isPresent()) {
            return Fields.value(single().get(), identity);
        }
        StringBuilder text = new StringBuilder();
        for (int p = 0; p < parts.size(); p++) {
            switch (parts.get(p)) {
                case Part.Text(String constant) -> text.append(constant);
                case Part.Field(IdentityField field) -> {
                    Optional<Object> value = Fields.value(field, identity);
                    if (value.isEmpty()) {
                        return Optional.empty();
                    }
                    if (p + 1 < parts.size() && parts.get(p + 1) instanceof Part.Text(String next)) {
                        refuseSeparator(field, (String) value.get(), next);
                    }
                    text.append(value.get());
                }
            }
        }
        return Optional.of(text.toString());
    }

    /**
     * Refuses a value in which the text that follows it would be found before the value ends: then the rendered text
     * would read back as other values ({@code 42:alice} + {@code :} + {@code x@example.com} is also {@code 42} +
     * {@code :} + {@code alice:x@example.com}).
     */
    private static void refuseSeparator(IdentityField field, String value, String next) {
        if ((value + next).indexOf(next) != value.length()) {
            throw Fields.invalid(
                    field.jsonName(),
                    field.jsonName() + " contains '" + next + "', the text that follows it "
                            + "in the profile's template: another request could sign the same text");
        }
    }
}
