package dev.chattoken.sidecar.vendors;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Where a claim of a vendor's token comes from, as the vendor's document says: a constant, a request field, a profile
 * option, the key id, or a rule of the vendor's own. Declares the options it reads and the request fields it takes, so
 * that the vendor's option allow-list, the chart's schema and the fields a profile accepts all follow from it.
 */
public interface ClaimSource {

    /** The profile options this source reads. */
    default List<Option> options() {
        return List.of();
    }

    /** The request fields this source takes. */
    default Set<IdentityField> fields() {
        return Set.of();
    }

    /** Reads the profile's options (recording problems in {@code options}) and returns the claim's value rule. */
    ClaimValue configure(ProfileOptions options);

    /** The same value in every token. */
    static ClaimSource constant(Object value) {
        Optional<Object> always = Optional.of(value);
        ClaimValue constant = new ClaimValue() {
            @Override
            public Optional<Object> of(Minting request) {
                return always;
            }

            @Override
            public Optional<Object> fixed(Optional<String> keyId) {
                return always;
            }
        };
        return options -> constant;
    }

    /** A request field that must be present, checked by the shared rules ({@link Fields}) and written as sent. */
    static FieldClaim field(IdentityField field) {
        return new FieldClaim(field, true, Optional.empty());
    }

    /** A request field written when the request has it. */
    static FieldClaim optional(IdentityField field) {
        return new FieldClaim(field, false, Optional.empty());
    }

    /** The text of a required profile option ({@code issuer}). */
    static ClaimSource option(Option option) {
        return new ClaimSource() {
            @Override
            public List<Option> options() {
                return List.of(option);
            }

            @Override
            public ClaimValue configure(ProfileOptions options) {
                return constant(options.required(option.name())).configure(options);
            }
        };
    }

    /** The id issued with the signing key ({@code key-id} or {@code key-id-file}): Twilio's {@code iss}. */
    static ClaimSource keyId() {
        ClaimValue keyId = new ClaimValue() {
            @Override
            public Optional<Object> of(Minting request) {
                return Optional.of(request.keyId()
                        .orElseThrow(() ->
                                new IllegalStateException("a profile whose claim is its key id is loaded with one")));
            }

            @Override
            public Optional<Object> fixed(Optional<String> issued) {
                return issued.map(Object.class::cast);
            }
        };
        return options -> keyId;
    }

    /** A value the vendor's own rule makes from the request, taking {@code fields}. */
    static ClaimSource fromRequest(Set<IdentityField> fields, ClaimValue value) {
        return fromOptions(List.of(), fields, options -> value);
    }

    /** A value the vendor's own rule makes from the request and profile options it reads once, at startup. */
    static ClaimSource fromOptions(
            List<Option> declared, Set<IdentityField> fields, Function<ProfileOptions, ClaimValue> configure) {
        return new ClaimSource() {
            @Override
            public List<Option> options() {
                return declared;
            }

            @Override
            public Set<IdentityField> fields() {
                return fields;
            }

            @Override
            public ClaimValue configure(ProfileOptions options) {
                return configure.apply(options);
            }
        };
    }

    /**
     * A request field as a claim.
     *
     * @param required absent is refused (400 missing-field), else the claim is left out
     * @param check the vendor's own rule for the text, beyond the shared ones
     */
    record FieldClaim(IdentityField field, boolean required, Optional<Check> check) implements ClaimSource {

        /**
         * A vendor's rule for a text field: a value it does not accept is refused (400 invalid-field), never changed.
         */
        public record Check(Predicate<String> accepts, String refusal) {}

        /**
         * The same field, refused when longer than {@code codePoints} characters as a vendor in Ruby or JavaScript
         * counts them: code points, so that an emoji is one, not two UTF-16 units.
         *
         * @param whose completes the refusal, "user_id is longer than 255 characters, ..."
         */
        public FieldClaim atMost(int codePoints, String whose) {
            return with(
                    value -> value.codePointCount(0, value.length()) <= codePoints,
                    field.jsonName() + " is longer than " + codePoints + " characters, " + whose);
        }

        /** The same field, refused unless the whole value matches {@code regex}; {@code what} says what it must be. */
        public FieldClaim matching(String regex, String what) {
            Pattern pattern = Pattern.compile(regex);
            return with(value -> pattern.matcher(value).matches(), field.jsonName() + " is not " + what);
        }

        private FieldClaim with(Predicate<String> accepts, String refusal) {
            return new FieldClaim(field, required, Optional.of(new Check(accepts, refusal)));
        }

        @Override
        public Set<IdentityField> fields() {
            return Set.of(field);
        }

        @Override
        public ClaimValue configure(ProfileOptions options) {
            ClaimValue value = required
                    ? request -> Optional.of(Fields.requiredValue(field, request.identity()))
                    : request -> Fields.value(field, request.identity());
            if (check.isEmpty()) {
                return value;
            }
            Check rule = check.get();
            return request -> {
                Optional<Object> checked = value.of(request);
                if (checked.isPresent() && !rule.accepts().test((String) checked.get())) {
                    throw Fields.invalid(field.jsonName(), rule.refusal());
                }
                return checked;
            };
        }
    }
}
