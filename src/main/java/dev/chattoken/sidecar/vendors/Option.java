package dev.chattoken.sidecar.vendors;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A profile option a vendor reads ({@code chat-token.profiles.<name>.<option>}), declared so that everything else is
 * refused at startup and so that the Helm chart's schema can be generated from the same declarations.
 *
 * @param name the option's name: {@code issuer}, {@code options.account-sid}; for a {@link Kind#FAMILY}, the prefix of
 *     its members ({@code header} for {@code header.<name>})
 * @param kind how its value is read
 * @param required startup is refused without it
 * @param description what it is, for messages ("is required for dg (...)") and the chart's schema
 * @param limit a {@code ttl}'s longest value
 * @param format the form a text value must have (a Twilio SID), checked when the profile is read
 */
public record Option(
        String name,
        Kind kind,
        boolean required,
        String description,
        Optional<Duration> limit,
        Optional<Format> format) {

    public enum Kind {
        /** a string */
        TEXT,
        /** a Quarkus duration: {@code 5m}, {@code 300s}, {@code PT5M}, plain seconds */
        DURATION,
        /** {@code true} or {@code false} */
        BOOLEAN,
        /** a whole number, at least 1 (a number in the chart's values, not a string) */
        COUNT,
        /** comma-separated strings */
        LIST,
        /**
         * the key id sent with the key ({@code key-id}); may come from {@code key-id-file} instead, rotated with the
         * key
         */
        KEY_ID,
        /** {@code <name>.<member>=<value>} pairs with free member names ({@code header.cty}, {@code claims.sub}) */
        FAMILY
    }

    /**
     * The form a text value must match, and what such a value is ("a Twilio account SID (AC followed by 32 hexadecimal
     * digits)"). The refusal names the option, never the value: a secret pasted in its place would reach the log.
     */
    public record Format(Pattern pattern, String what) {
        /** Why {@code value} is not of this form (completing "chat-token.profiles.x.y ..."); empty when it is. */
        public Optional<String> problem(String value) {
            return pattern.matcher(value).matches() ? Optional.empty() : Optional.of("is not " + what);
        }
    }

    public static final String KEY_ID_NAME = "key-id";
    public static final String TTL_NAME = "ttl";

    public static Option required(String name, Kind kind, String description) {
        return new Option(name, kind, true, description, Optional.empty(), Optional.empty());
    }

    public static Option optional(String name, Kind kind, String description) {
        return new Option(name, kind, false, description, Optional.empty(), Optional.empty());
    }

    /** The key id ({@code key-id}, or {@code key-id-file} read with the key). */
    public static Option keyId(boolean required, String description) {
        return new Option(KEY_ID_NAME, Kind.KEY_ID, required, description, Optional.empty(), Optional.empty());
    }

    /** {@code ttl}: whole seconds, from 1s up to {@code max} ({@link ProfileOptions#ttl}). */
    public static Option ttl(Duration max, String description) {
        return new Option(TTL_NAME, Kind.DURATION, false, description, Optional.of(max), Optional.empty());
    }

    /** The same option, whose value must match {@code regex} (the whole value), described as {@code what}. */
    public Option matching(String regex, String what) {
        return new Option(
                name, kind, required, description, limit, Optional.of(new Format(Pattern.compile(regex), what)));
    }

    /** Whether {@code option}, a configured name, is this option (or a member of this family). */
    public boolean matches(String option) {
        return kind == Kind.FAMILY
                ? option.startsWith(name + ".") && option.length() > name.length() + 1
                : option.equals(name);
    }
}
