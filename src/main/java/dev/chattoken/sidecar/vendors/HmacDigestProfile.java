package dev.chattoken.sidecar.vendors;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import dev.chattoken.sidecar.keys.SigningAlgorithm;

/**
 * The rules of a profile whose token is an HMAC-SHA256 digest of one message (Crisp, Help Scout, Front, Chatwoot,
 * Intercom's {@code user_hash}, a declared {@code hmac} vendor): no JWT, no expiry, no key id. The answer carries the
 * digest as {@code token} and again under the name the widget takes it by.
 *
 * @param acceptedFields the request fields the message may use; any other is refused
 * @param message        the exact text signed, made from a request (refusing, never rewriting, what it cannot sign)
 * @param encoding       how the digest is written
 * @param answerField    the widget's name for the digest ({@code signature}, {@code userHash}, ...)
 */
record HmacDigestProfile(Set<IdentityField> acceptedFields, Function<UserIdentity, String> message,
        TokenContent.Hmac.Encoding encoding, String answerField) implements VendorProfile {

    HmacDigestProfile {
        acceptedFields = Set.copyOf(acceptedFields);
    }

    /** A lowercase hex digest, as every HMAC vendor's own example computes it. */
    static HmacDigestProfile hex(Set<IdentityField> acceptedFields, Function<UserIdentity, String> message, String answerField) {
        return new HmacDigestProfile(acceptedFields, message, TokenContent.Hmac.Encoding.HEX, answerField);
    }

    @Override
    public SigningAlgorithm algorithm() {
        return SigningAlgorithm.HS256; // HMAC-SHA256: the key is an HMAC secret
    }

    @Override
    public boolean signsJwt() {
        return false;
    }

    @Override
    public TokenContent build(UserIdentity identity, Optional<String> keyId, Instant now) {
        String text = message.apply(identity);
        if (JwsSigningInput.matches(text)) {
            IdentityField field = identity.present().stream().filter(acceptedFields::contains).findFirst()
                    .orElse(IdentityField.USER_ID);
            throw Fields.invalid(field.jsonName(), field.jsonName() + " makes the signed text a JWT's header and payload "
                    + "(base64url JSON, a dot, base64url): its digest would be that JWT's HS256 signature");
        }
        return new TokenContent.Hmac(text, encoding);
    }

    @Override
    public Map<String, String> widgetFields(UserIdentity identity, String token) {
        return Map.of(answerField, token);
    }

    /**
     * The user id when the request has one, else the e-mail: the rule of Intercom's {@code user_hash} and Front's
     * {@code userHash}. The e-mail is checked even when the user id is signed, as the app hands it to the widget too.
     */
    static String userIdElseEmail(UserIdentity identity, String vendor) {
        Optional<String> userId = Fields.optional(identity.userId(), IdentityField.USER_ID);
        Optional<String> email = Fields.email(identity.email());
        return userId.or(() -> email).orElseThrow(() -> new InvalidRequestException(InvalidRequestException.Reason.MISSING_FIELD,
                IdentityField.USER_ID.jsonName(), "user_id or email is required (" + vendor
                        + " signs the user id, or the e-mail when there is no user id)"));
    }

    /** The e-mail, required: Crisp and Help Scout sign it. */
    static String requiredEmail(UserIdentity identity) {
        return Fields.email(identity.email()).orElseThrow(() -> Fields.missing(IdentityField.EMAIL));
    }
}
