package dev.chattoken.sidecar.vendors;

import static dev.chattoken.sidecar.vendors.ClaimSource.field;
import static dev.chattoken.sidecar.vendors.ClaimSource.fromRequest;
import static dev.chattoken.sidecar.vendors.ClaimSource.option;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.chattoken.sidecar.keys.SigningAlgorithm;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Microsoft Dynamics 365 Omnichannel (Contact Center) authenticated live chat, as Microsoft's
 * {@code create-chat-auth-settings.md} defines it: an RS256 JWT (the key pair "must be generated using the RSA256
 * algorithm", 2048 bits in its example), header {@code {alg, typ: "JWT", kid}}, and "at a minimum" the claims
 * {@code iss}, {@code iat}, {@code exp} and {@code sub}. Microsoft verifies with the public key it fetches from a URL:
 * the sidecar's {@code /v1/profiles/{profile}/public-key.pem}. The page hands the token to the widget from the function
 * named in the authentication settings, by callback, within 10 seconds: there is no other widget field.
 */
@ApplicationScoped
public class OmnichannelVendor extends SpecifiedVendor {

    static final Option ISSUER = Option.required(
            "issuer", Option.Kind.TEXT, "the iss claim, as entered in the chat authentication settings");
    /** Writes the context as the request gave it: Jackson keeps a map's order, the request's key order. */
    private static final ObjectWriter JSON = new ObjectMapper().writer();

    public OmnichannelVendor() {
        super(VendorSpec.jwt("omnichannel", SigningAlgorithm.RS256)
                // Microsoft needs the kid to tell several published keys apart: the key's thumbprint by default
                .keyId(KeyIdRule.kidOrThumbprint("the header kid; default: the key's RFC 7638 thumbprint"))
                .claim("iss", option(ISSUER))
                .claim("sub", field(IdentityField.USER_ID))
                .issuedAt()
                // Microsoft states no limit; the widget asks for a token when a chat starts, so it is used at once,
                // and a longer life only widens the window in which a leaked token starts a chat
                .expiresAt(Lifetime.upTo(Duration.ofHours(1)).byDefault(Duration.ofMinutes(5)))
                // "the serialized custom context" (a JSON string), where "only primitive values are allowed for any
                // key"
                .claim(
                        "lwicontexts",
                        fromRequest(
                                Set.of(IdentityField.CONTEXT),
                                request -> request.identity().context().<Object>map(OmnichannelVendor::lwicontexts)))
                .example(
                        Map.of("issuer", "contosohelp.com"),
                        "{\"user_id\":\"87b4d06c-abc2-e811-a9b0-000d3a10e09e\","
                                + "\"context\":{\"msdyn_cartvalue\":\"10000\",\"msdyn_isvip\":\"false\"}}"));
    }

    /**
     * The {@code lwicontexts} string: the context object as JSON, each key and value as sent, or a refusal naming
     * {@code context} (a key) or {@code context.<key>} (a value).
     */
    static String lwicontexts(Map<String, Object> context) {
        String field = IdentityField.CONTEXT.jsonName();
        Map<String, Object> checked = new LinkedHashMap<>();
        context.forEach((key, value) -> {
            if (key.isBlank()) {
                throw Fields.invalid(field, field + " has an empty key; context variables have names");
            }
            Fields.textProblem(key).ifPresent(p -> {
                throw Fields.invalid(field, "a key of " + field + " " + p);
            });
            checked.put(key, primitive(value, field + "." + key));
        });
        try {
            return JSON.writeValueAsString(checked);
        } catch (JsonProcessingException e) { // strings, numbers and booleans always serialize
            throw new IllegalStateException("context could not be written as JSON", e);
        }
    }

    /** "Only primitive values are allowed for any key": a string, a number or a boolean, as it will be written. */
    private static Object primitive(Object value, String path) {
        return switch (value) {
            case null ->
                throw Fields.invalid(
                        path,
                        path + " is null; Omnichannel takes only strings, numbers and "
                                + "booleans: leave it out instead");
            case Map<?, ?> object ->
                throw Fields.invalid(
                        path, path + " is an object; Omnichannel takes only strings, " + "numbers and booleans");
            case List<?> array ->
                throw Fields.invalid(
                        path, path + " is an array; Omnichannel takes only strings, " + "numbers and booleans");
            case String text -> {
                Fields.textProblem(text).ifPresent(p -> {
                    throw Fields.invalid(path, path + " " + p);
                });
                yield text;
            }
            case Boolean flag -> flag;
            case Number number -> Fields.claimValue(number, path); // integers as sent; decimals a double holds exactly
            default -> throw Fields.invalid(path, path + " is not a string, number or boolean");
        };
    }
}
