package dev.chattoken.sidecar.vendors;

import static dev.chattoken.sidecar.vendors.ClaimSource.field;
import static dev.chattoken.sidecar.vendors.ClaimSource.option;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.chattoken.sidecar.keys.SigningAlgorithm;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Glassix chat widget identity verification (docs.glassix.com/reference/chat-widget-identity-verification): "The
 * Identity verification is a JSON web token", "signed using HMAC-SHA256" with "your department's API secret". The page
 * passes it "together with the customer's uniqueIdentifier" in the widget's {@code widgetOptions}; the member that
 * takes the token is not in the copies of the document read, so the answer names no widget field.
 */
@ApplicationScoped
public class GlassixVendor extends SpecifiedVendor {

    static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    static final Option API_KEY = Option.required(
                    "api-key", Option.Kind.TEXT, "the department's API key (a lowercase " + "UUID), sent as iss")
            .matching(UUID, "a lowercase UUID, as Glassix writes its API keys");
    /** The claims Glassix names itself, which the request's extra claims may not replace. */
    static final Set<String> RESERVED_CLAIMS = Set.of("iss", "aud", "exp", "iat", "nbf", "sub", "jti");
    /** "If a ticket is opened, this value will be set for field1" (to field4): ticket fields are text. */
    static final Set<String> TICKET_FIELDS = Set.of("field1", "field2", "field3", "field4");
    /** "The max length of the serialized identityTokenClaims to JSON is 500". */
    static final int MAX_CLAIMS_JSON_LENGTH = 500;

    private static final ObjectWriter JSON = new ObjectMapper().writer();

    public GlassixVendor() {
        super(VendorSpec.jwt("glassix", SigningAlgorithm.HS256)
                .claim("iss", option(API_KEY)) // "UUID. The API key (lowercase)"
                // "UUID. The unique identifier of the customer (lowercase)": the widget's uniqueIdentifier
                .claim(
                        "aud",
                        field(IdentityField.USER_ID).matching(UUID, "a lowercase UUID (Glassix's uniqueIdentifier)"))
                .issuedAt()
                // "Token expiration datetime in UTC. We recommend at least 5 hours from creation"; no limit is stated
                .expiresAt(Lifetime.unstatedLimit().byDefault(Duration.ofHours(5)))
                .extraClaims(GlassixVendor::checkedClaims) // field1..field4 and custom claims
                .example(
                        Map.of(API_KEY.name(), "7cab072d-43d0-4e9d-bb25-2a947696fe8f"),
                        "{\"user_id\":\"db79e775-81fd-4f2e-8741-9266e920cc32\",\"claims\":{\"field1\":\"John\"}}"));
    }

    /** The ticket fields as text, custom claims as sent, and all of them at most 500 characters of JSON. */
    private static Map<String, Object> checkedClaims(Map<String, Object> claims) {
        Map<String, Object> checked = ExtraClaims.checked(
                claims, RESERVED_CLAIMS, name -> "Glassix reads it as the " + "token's own " + name);
        checked.forEach((name, value) -> {
            if (TICKET_FIELDS.contains(name) && !(value instanceof String)) {
                throw Fields.invalid(
                        "claims." + name,
                        "claims." + name + " must be a string: Glassix sets it as the " + "ticket's " + name);
            }
        });
        try {
            int length = JSON.writeValueAsString(checked).length();
            if (length > MAX_CLAIMS_JSON_LENGTH) {
                throw Fields.invalid(
                        "claims",
                        "claims is " + length + " characters as JSON; Glassix takes at most " + MAX_CLAIMS_JSON_LENGTH);
            }
        } catch (JsonProcessingException e) { // checked claim values always serialize
            throw new IllegalStateException("claims could not be written as JSON", e);
        }
        return checked;
    }
}
