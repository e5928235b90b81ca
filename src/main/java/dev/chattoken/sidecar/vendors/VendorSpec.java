package dev.chattoken.sidecar.vendors;

import dev.chattoken.sidecar.keys.SigningAlgorithm;
import java.util.List;
import java.util.function.Function;

/**
 * A vendor as its document states it: its id, the profile options it reads, how a profile's options become that
 * profile's {@link TokenRules}, and a working example. Declared with {@link #jwt} or {@link #digest}; a
 * {@link SpecifiedVendor} is one.
 */
public record VendorSpec(String id, List<Option> options, Function<ProfileOptions, TokenRules> rules, Example example) {

    public VendorSpec {
        options = List.copyOf(options);
    }

    /** A vendor whose token only its API issues, called with the profile's credential. */
    public static UpstreamSpec upstream(String id, String vendor) {
        return new UpstreamSpec(id, vendor);
    }

    /** A vendor whose token is a JWT signed with {@code algorithm}. */
    public static JwtSpec jwt(String id, SigningAlgorithm algorithm) {
        return new JwtSpec(id, new AlgorithmRule.Fixed(algorithm));
    }

    /** A vendor whose token is a JWT signed with an algorithm of {@code rule}. */
    public static JwtSpec jwt(String id, AlgorithmRule rule) {
        return new JwtSpec(id, rule);
    }

    /**
     * A vendor whose token is the HMAC-SHA256 digest of {@code field}, which the widget takes as {@code answerField}.
     */
    public static DigestSpec digest(String id, IdentityField field, String answerField) {
        return new DigestSpec(id).signs(field, answerField);
    }

    /**
     * A vendor whose token is the HMAC-SHA256 digest of the user id, else of the e-mail, which the widget takes as
     * {@code answerField}.
     */
    public static DigestSpec digestOfUserIdElseEmail(String id, String vendor, String answerField) {
        return new DigestSpec(id).signsUserIdElseEmail(vendor, answerField);
    }
}
