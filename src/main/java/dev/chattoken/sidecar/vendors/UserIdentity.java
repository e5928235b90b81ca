package dev.chattoken.sidecar.vendors;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who the app says the user is: the token request, with absent fields as empty optionals. Formats are checked by the
 * vendor that uses a field (see {@link Fields}).
 */
public record UserIdentity(
        Optional<String> userId,
        Optional<String> email,
        Optional<String> name,
        Optional<String> givenName,
        Optional<String> familyName,
        Optional<String> phoneNumber,
        Optional<Boolean> emailVerified,
        Optional<Boolean> phoneNumberVerified,
        Optional<String> picture,
        Optional<String> chatId,
        Optional<List<String>> webhookDomains,
        Optional<Map<String, Object>> claims,
        Optional<Map<String, Object>> context) {

    /** The fields the caller sent, to refuse those a vendor does not use. */
    public Set<IdentityField> present() {
        Set<IdentityField> present = EnumSet.noneOf(IdentityField.class);
        userId.ifPresent(v -> present.add(IdentityField.USER_ID));
        email.ifPresent(v -> present.add(IdentityField.EMAIL));
        name.ifPresent(v -> present.add(IdentityField.NAME));
        givenName.ifPresent(v -> present.add(IdentityField.GIVEN_NAME));
        familyName.ifPresent(v -> present.add(IdentityField.FAMILY_NAME));
        phoneNumber.ifPresent(v -> present.add(IdentityField.PHONE_NUMBER));
        emailVerified.ifPresent(v -> present.add(IdentityField.EMAIL_VERIFIED));
        phoneNumberVerified.ifPresent(v -> present.add(IdentityField.PHONE_NUMBER_VERIFIED));
        picture.ifPresent(v -> present.add(IdentityField.PICTURE));
        chatId.ifPresent(v -> present.add(IdentityField.CHAT_ID));
        webhookDomains.ifPresent(v -> present.add(IdentityField.WEBHOOK_DOMAINS));
        claims.ifPresent(v -> present.add(IdentityField.CLAIMS));
        context.ifPresent(v -> present.add(IdentityField.CONTEXT));
        return present;
    }
}
