package dev.chattoken.sidecar.vendors;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * An HMAC-digest vendor's token as its document states it: the lowercase hex HMAC-SHA256 of one request field (or of
 * the user id, else the e-mail), answered also under the widget's name for it. {@link #example} ends the declaration.
 * The vendor reads no profile option: every profile of it has the same rules.
 */
public final class DigestSpec {

    private final String id;
    private Set<IdentityField> fields = Set.of();
    private Function<UserIdentity, String> message = identity -> {
        throw new IllegalStateException("a digest vendor declares what it signs");
    };
    private Optional<String> answerField = Optional.empty();

    DigestSpec(String id) {
        this.id = id;
    }

    /** The digest is of {@code field}, required, exactly as sent; the widget takes it as {@code answerField}. */
    DigestSpec signs(IdentityField field, String answerField) {
        this.answerField = Optional.of(answerField);
        this.fields = Set.of(field);
        this.message = identity -> (String) Fields.requiredValue(field, identity);
        return this;
    }

    /**
     * The digest is of the user id when the request has one, else of the e-mail: the rule of Intercom's
     * {@code user_hash} and Front's {@code userHash}. The e-mail is checked even when the user id is signed, as the app
     * hands it to the widget too.
     *
     * @param vendor the vendor's name, for the refusal of a request with neither
     * @param answerField the widget's name for the digest, answered beside {@code token}
     */
    DigestSpec signsUserIdElseEmail(String vendor, String answerField) {
        this.answerField = Optional.of(answerField);
        this.fields = Set.of(IdentityField.USER_ID, IdentityField.EMAIL);
        this.message = identity -> {
            Optional<String> userId = Fields.optional(identity.userId(), IdentityField.USER_ID);
            Optional<String> email = Fields.email(identity.email());
            return userId.or(() -> email)
                    .orElseThrow(() -> new InvalidRequestException(
                            InvalidRequestException.Reason.MISSING_FIELD,
                            IdentityField.USER_ID.jsonName(),
                            "user_id or email is " + "required (" + vendor
                                    + " signs the user id, or the e-mail when there is no user id)"));
        };
        return this;
    }

    /** Ends the declaration with a request that works (a digest vendor reads no profile option). */
    public VendorSpec example(String request) {
        return example(Map.of(), request);
    }

    /** Ends the declaration with a profile and a request that work. */
    public VendorSpec example(Map<String, String> options, String request) {
        TokenRules rules = new DigestRules(
                fields,
                message,
                TokenContent.Hmac.Encoding.HEX,
                answerField.orElseThrow(
                        () -> new IllegalStateException(id + " names the widget's field for the digest")));
        return new VendorSpec(id, List.of(), profile -> rules, new Example(options, request));
    }
}
