package dev.chattoken.sidecar.api;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.chattoken.sidecar.token.MintedToken;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer to a token request; vendor-specific fields for the widget (Huggy's {@code user_identifier} and
 * {@code user_hash}) sit beside the common ones.
 *
 * @param expiresAt the token's {@code exp} in epoch seconds; {@code null} when the token has none
 */
@JsonPropertyOrder({"token", "profile", "vendor", "expires_at"})
@Schema(requiredProperties = {"token", "profile", "vendor", "expires_at"})
public record TokenResponse(
        @JsonProperty("token") String token,
        @JsonProperty("profile") String profile,
        @JsonProperty("vendor") String vendor,

        @JsonProperty("expires_at")
        @JsonInclude(JsonInclude.Include.ALWAYS)
        @Schema(nullable = true, description = "The token's exp in epoch seconds; null for a token without exp")
        Long expiresAt,

        @JsonIgnore Map<String, String> widget) {

    static TokenResponse of(MintedToken minted) {
        return new TokenResponse(
                minted.token(),
                minted.profile(),
                minted.vendor(),
                minted.expiresAt().map(java.time.Instant::getEpochSecond).orElse(null),
                minted.widgetFields());
    }

    @JsonAnyGetter
    Map<String, String> widgetFields() {
        return widget;
    }

    @Override
    public String toString() {
        return "TokenResponse[profile=" + profile + ", vendor=" + vendor + "]";
    }
}
