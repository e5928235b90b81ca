package dev.chattoken.sidecar.vendors;

/** The fields of a token request body, by their JSON names. */
public enum IdentityField {
    USER_ID("user_id"),
    EMAIL("email"),
    NAME("name"),
    /** OpenID Connect's given name: HubSpot's {@code firstName} */
    GIVEN_NAME("given_name"),
    /** OpenID Connect's family name: HubSpot's {@code lastName} */
    FAMILY_NAME("family_name"),
    PHONE_NUMBER("phone_number"),
    EMAIL_VERIFIED("email_verified"),
    PHONE_NUMBER_VERIFIED("phone_number_verified"),
    PICTURE("picture"),
    CHAT_ID("chat_id"),
    WEBHOOK_DOMAINS("webhook_domains"),
    CLAIMS("claims"),
    /** context variables (an object of primitive values), e.g. Omnichannel's {@code lwicontexts} */
    CONTEXT("context");

    private final String jsonName;

    IdentityField(String jsonName) {
        this.jsonName = jsonName;
    }

    /**
     * Whether the field names the user: a user id, an e-mail address or a phone number. A name, a picture or a verified
     * flag is shared by many users; a token that holds only those would fit all of them.
     */
    public boolean identifies() {
        return switch (this) {
            case USER_ID, EMAIL, PHONE_NUMBER -> true;
            default -> false;
        };
    }

    public String jsonName() {
        return jsonName;
    }
}
