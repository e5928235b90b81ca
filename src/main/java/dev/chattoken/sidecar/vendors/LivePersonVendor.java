package dev.chattoken.sidecar.vendors;

import static dev.chattoken.sidecar.vendors.ClaimSource.field;
import static dev.chattoken.sidecar.vendors.ClaimSource.option;

import dev.chattoken.sidecar.keys.SigningAlgorithm;
import dev.chattoken.sidecar.vendors.InvalidRequestException.Reason;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * LivePerson authenticated messaging, implicit flow (developers.liveperson.com consumer-authentication pages): "The ID
 * Token is represented as a JSON Web Token (JWT)", RS256, verified with the public key entered in the authentication
 * connector ("JWT Public Key": the sidecar's {@code public-key.pem}); the page hands the token over from the function
 * named there ("JS Method Name"). The claims are those of LivePerson's example tokens: {@code sub}, {@code iss},
 * {@code exp}, {@code iat}, {@code phone_number}, {@code email}, {@code preferred_username} and the engagement
 * attributes {@code lp_sdes}. No {@code kid}: the connector holds one key.
 */
@ApplicationScoped
public class LivePersonVendor extends SpecifiedVendor {

    static final Option ISSUER = Option.required(
            "issuer", Option.Kind.TEXT, "the iss claim, the issuer the page's " + "identity function names");
    static final int MAX_ENGAGEMENT_ATTRIBUTES = 32;

    public LivePersonVendor() {
        super(
                VendorSpec.jwt("liveperson", SigningAlgorithm.RS256)
                        .claim("sub", field(IdentityField.USER_ID)) // the same sub as the identity function's
                        .claim("iss", option(ISSUER))
                        // no longest lifetime is stated: the SDK asks for a new token when one expires
                        .expiresAt(Lifetime.unstatedLimit().byDefault(Duration.ofHours(1)))
                        .issuedAt()
                        .optionalClaims(IdentityField.PHONE_NUMBER, IdentityField.EMAIL)
                        .extraClaims(LivePersonVendor::checkedClaims) // preferred_username and lp_sdes
                        .example(
                                Map.of(ISSUER.name(), "https://shop.example"),
                                "{\"user_id\":\"customer-42\",\"claims\":"
                                        + "{\"lp_sdes\":[{\"type\":\"ctmrinfo\",\"info\":{\"customerId\":\"138766AC\",\"ctype\":\"vip\"}}]}}"));
    }

    /**
     * {@code preferred_username}, a text, and {@code lp_sdes}, an array of engagement attributes, each an object with
     * its {@code type} ({@code ctmrinfo}, {@code personal}, ...); nothing else has a place in a LivePerson token.
     */
    private static Map<String, Object> checkedClaims(Map<String, Object> claims) {
        Map<String, Object> checked = new LinkedHashMap<>();
        claims.forEach((name, value) -> {
            String path = "claims." + name;
            switch (name) {
                case "preferred_username" -> {
                    if (!(value instanceof String text)) {
                        throw Fields.invalid(path, path + " must be a string");
                    }
                    Fields.textProblem(text).ifPresent(problem -> {
                        throw Fields.invalid(path, path + " " + problem);
                    });
                    checked.put(name, text);
                }
                case "lp_sdes" -> checked.put(name, engagementAttributes(Fields.claimValue(value, path), path));
                default ->
                    throw new InvalidRequestException(
                            Reason.UNSUPPORTED_FIELD,
                            path,
                            path + " is not part of a "
                                    + "liveperson token: its claims take preferred_username and lp_sdes");
            }
        });
        return checked;
    }

    private static Object engagementAttributes(Object value, String path) {
        if (!(value instanceof List<?> attributes) || attributes.isEmpty()) {
            throw Fields.invalid(path, path + " must be a non-empty array of engagement attributes");
        }
        if (attributes.size() > MAX_ENGAGEMENT_ATTRIBUTES) {
            throw Fields.invalid(
                    path, path + " holds more than " + MAX_ENGAGEMENT_ATTRIBUTES + " engagement attributes");
        }
        for (int i = 0; i < attributes.size(); i++) {
            String item = path + "[" + i + "]";
            if (!(attributes.get(i) instanceof Map<?, ?> attribute)) {
                throw Fields.invalid(item, item + " must be an object, an engagement attribute");
            }
            if (!(attribute.get("type") instanceof String type) || type.isBlank()) {
                throw Fields.invalid(
                        item + ".type",
                        item + ".type must name the engagement attribute's type " + "(ctmrinfo, personal, ...)");
            }
        }
        return value;
    }
}
