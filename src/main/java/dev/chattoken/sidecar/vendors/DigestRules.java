package dev.chattoken.sidecar.vendors;

import dev.chattoken.sidecar.keys.SigningAlgorithm;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The rules of a profile whose token is an HMAC-SHA256 digest of one message (Crisp, Help Scout, Front, Chatwoot,
 * tawk.to, Intercom's {@code user_hash}, a declared {@code hmac} vendor): no JWT, no expiry, no key id. The answer
 * carries the digest as {@code token} and again under the name the widget takes it by.
 *
 * @param acceptedFields the request fields the message may use; any other is refused
 * @param message the exact text signed, made from a request (refusing, never rewriting, what it cannot sign)
 * @param encoding how the digest is written
 * @param answerField the widget's name for the digest ({@code signature}, {@code userHash}, ...)
 */
public record DigestRules(
        Set<IdentityField> acceptedFields,
        Function<UserIdentity, String> message,
        TokenContent.Hmac.Encoding encoding,
        String answerField)
        implements NonJwtRules {

    public DigestRules {
        acceptedFields = Set.copyOf(acceptedFields);
    }

    @Override
    public SigningAlgorithm algorithm() {
        return SigningAlgorithm.HS256; // HMAC-SHA256: the key is an HMAC secret
    }

    /**
     * The digest of the message, unless the message is shaped like a JWT's signing input: its digest would be that
     * JWT's HS256 signature, made for whoever chose the text, under a secret a JWT profile may share.
     */
    @Override
    public TokenContent build(UserIdentity identity, Optional<String> keyId, Instant now) {
        String text = message.apply(identity);
        if (JwsSigningInput.matches(text)) {
            IdentityField field = identity.present().stream()
                    .filter(acceptedFields::contains)
                    .findFirst()
                    .orElse(IdentityField.USER_ID);
            throw Fields.invalid(
                    field.jsonName(),
                    field.jsonName() + " makes the signed text a JWT's header and payload "
                            + "(base64url JSON, a dot, base64url): its digest would be that JWT's HS256 signature");
        }
        return new TokenContent.Hmac(text, encoding);
    }

    @Override
    public Map<String, String> widgetFields(UserIdentity identity, String token) {
        return Map.of(answerField, token);
    }
}
