package dev.chattoken.sidecar.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.chattoken.sidecar.vendors.UserIdentity;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The body of {@code POST /v1/tokens/{profile}}: who the user is. Which fields a profile needs and accepts is its
 * vendor's rule; unknown fields, wrong JSON types and duplicate keys are refused before a vendor sees the request.
 */
public record TokenRequest(
        @JsonProperty("user_id") String userId,
        @JsonProperty("email") String email,
        @JsonProperty("name") String name,
        @JsonProperty("given_name") String givenName,
        @JsonProperty("family_name") String familyName,
        @JsonProperty("phone_number") String phoneNumber,
        @JsonProperty("email_verified") Boolean emailVerified,
        @JsonProperty("phone_number_verified") Boolean phoneNumberVerified,
        @JsonProperty("picture") String picture,
        @JsonProperty("chat_id") String chatId,
        @JsonProperty("webhook_domains") List<String> webhookDomains,
        @JsonProperty("claims") Map<String, Object> claims,
        @JsonProperty("context") Map<String, Object> context) {

    /** JSON {@code null} and an absent field mean the same: not given. */
    public UserIdentity toIdentity() {
        return new UserIdentity(
                Optional.ofNullable(userId),
                Optional.ofNullable(email),
                Optional.ofNullable(name),
                Optional.ofNullable(givenName),
                Optional.ofNullable(familyName),
                Optional.ofNullable(phoneNumber),
                Optional.ofNullable(emailVerified),
                Optional.ofNullable(phoneNumberVerified),
                Optional.ofNullable(picture),
                Optional.ofNullable(chatId),
                Optional.ofNullable(webhookDomains),
                Optional.ofNullable(claims),
                Optional.ofNullable(context));
    }
}
