package dev.chattoken.sidecar.vendors;

import dev.chattoken.sidecar.keys.KeyPairKey;
import dev.chattoken.sidecar.keys.SigningKey;
import java.util.Optional;

/**
 * What a vendor does with the id issued with a key: the profile option that names it ({@code key-id}, or
 * {@code key-id-file} read with the key), and the header {@code kid} a token gets from it.
 *
 * @param option the {@code key-id} option; empty: the vendor's tokens carry no key id, and setting one is refused
 * @param kid how the header {@code kid} is made
 */
public record KeyIdRule(Optional<Option> option, Kid kid) {

    /** How a token's header {@code kid} is made. */
    public enum Kid {
        /** no {@code kid} (Twilio names its key in {@code iss}) */
        NONE,
        /** the issued id, when there is one */
        KEY_ID,
        /**
         * the issued id, else an RSA or EC key's RFC 7638 thumbprint: for vendors whose verifier picks the key from a
         * JWKS by kid (Kindly's webhooks, Salesforce's keyset, Microsoft's key list)
         */
        KEY_ID_OR_THUMBPRINT
    }

    /** No key id: the tokens carry none. */
    public static KeyIdRule none() {
        return new KeyIdRule(Optional.empty(), Kid.NONE);
    }

    /** The header {@code kid} is the issued id. */
    public static KeyIdRule kid(boolean required, String description) {
        return new KeyIdRule(Optional.of(Option.keyId(required, description)), Kid.KEY_ID);
    }

    /** The header {@code kid} is the issued id, else the key's thumbprint: every token has one. */
    public static KeyIdRule kidOrThumbprint(String description) {
        return new KeyIdRule(Optional.of(Option.keyId(false, description)), Kid.KEY_ID_OR_THUMBPRINT);
    }

    /** A required id that the vendor's claims carry (Twilio's {@code iss}) and the header does not. */
    public static KeyIdRule inClaims(Option option) {
        return new KeyIdRule(Optional.of(option), Kid.NONE);
    }

    /** The header {@code kid} of a token signed with {@code key}, whose issued id is {@code keyId}. */
    public Optional<String> kid(SigningKey key, Optional<String> keyId) {
        return switch (kid) {
            case NONE -> Optional.empty();
            case KEY_ID -> keyId;
            case KEY_ID_OR_THUMBPRINT ->
                keyId.or(() -> key instanceof KeyPairKey pair ? Optional.of(pair.thumbprint()) : Optional.empty());
        };
    }

    /** Why an id read from {@code key-id-file} cannot be this vendor's key id; empty when it can. */
    public Optional<String> problem(String keyId) {
        return option.flatMap(Option::format).flatMap(format -> format.problem(keyId));
    }
}
