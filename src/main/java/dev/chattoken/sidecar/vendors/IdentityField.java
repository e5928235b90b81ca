package dev.chattoken.sidecar.vendors;

/** The fields of a token request body, by their JSON names. */
public enum IdentityField {
    USER_ID("user_id", true),
    EMAIL("email", true),
    NAME("name", false),
    /** OpenID Connect's given name: HubSpot's {@code firstName} */
    GIVEN_NAME("given_name", false),
    /** OpenID Connect's family name: HubSpot's {@code lastName} */
    FAMILY_NAME("family_name", false),
    PHONE_NUMBER("phone_number", true),
    EMAIL_VERIFIED("email_verified", false),
    PHONE_NUMBER_VERIFIED("phone_number_verified", false),
    PICTURE("picture", false),
    CHAT_ID("chat_id", false),
    WEBHOOK_DOMAINS("webhook_domains", false),
    CLAIMS("claims", false),
    /** context variables (an object of primitive values), e.g. Omnichannel's {@code lwicontexts} */
    CONTEXT("context", false);

    private final String jsonName;
    private final boolean identifies;

    IdentityField(String jsonName, boolean identifies) {
        this.jsonName = jsonName;
        this.identifies = identifies;
    }

    /**
     * Whether the field names the user: a user id, an e-mail address or a phone number. A name, a picture or a
     * verified flag is shared by many users; a token that holds only those would fit all of them.
     */
    public boolean identifies() {
        return identifies;
    }

    public String jsonName() {
        return jsonName;
    }
}
