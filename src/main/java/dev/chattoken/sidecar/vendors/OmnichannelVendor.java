package dev.chattoken.sidecar.vendors;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

import dev.chattoken.sidecar.keys.SigningAlgorithm;
import dev.chattoken.sidecar.keys.SigningKey;

/**
 * Microsoft Dynamics 365 Omnichannel (Contact Center) authenticated live chat, as Microsoft's
 * {@code create-chat-auth-settings.md} defines it: an RS256 JWT (the key pair "must be generated using the RSA256
 * algorithm", 2048 bits in its example), header {@code {alg, typ: "JWT", kid}}, and "at a minimum" the claims
 * {@code iss}, {@code iat}, {@code exp} and {@code sub}; the context variables go in {@code lwicontexts}, "the
 * serialized custom context" (a JSON string), where "only primitive values are allowed for any key". Microsoft
 * verifies with the public key it fetches from a URL: the sidecar's {@code /v1/profiles/{profile}/public-key.pem}.
 * The page hands the token to the widget from the function named in the authentication settings, by callback,
 * within 10 seconds: there is no other widget field.
 */
@ApplicationScoped
public class OmnichannelVendor implements Vendor {

    /** The widget asks for a token when a chat starts, so a token is used at once: short by default. */
    static final Duration DEFAULT_TTL = Duration.ofMinutes(5);
    /** Microsoft states no limit; a longer life only widens the window in which a leaked token starts a chat. */
    static final Duration MAX_TTL = Duration.ofHours(1);
    static final String CONTEXT_CLAIM = "lwicontexts";

    private static final List<Option> OPTIONS = List.of(
            Option.required("issuer", Option.Kind.TEXT, "the iss claim, as entered in the chat authentication settings"),
            Option.keyId(false, "the header kid; default: the key's RFC 7638 thumbprint"),
            Option.ttl(MAX_TTL, "the token lifetime, default 5m, at most 1h"));
    private static final Set<IdentityField> FIELDS = Set.of(IdentityField.USER_ID, IdentityField.CONTEXT);
    /** Writes the context as the request gave it: Jackson keeps a map's order, the request's key order. */
    private static final ObjectWriter JSON = new ObjectMapper().writer();

    @Override
    public String id() {
        return "omnichannel";
    }

    @Override
    public List<Option> options() {
        return OPTIONS;
    }

    @Override
    public VendorProfile configure(ProfileOptions options) {
        return new Profile(options.required("issuer"), options.ttl().orElse(DEFAULT_TTL));
    }

    @Override
    public Example example() {
        return new Example(Map.of("issuer", "contosohelp.com"),
                "{\"user_id\":\"87b4d06c-abc2-e811-a9b0-000d3a10e09e\","
                        + "\"context\":{\"msdyn_cartvalue\":\"10000\",\"msdyn_isvip\":\"false\"}}");
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
            case null -> throw Fields.invalid(path, path + " is null; Omnichannel takes only strings, numbers and "
                    + "booleans: leave it out instead");
            case Map<?, ?> object -> throw Fields.invalid(path, path + " is an object; Omnichannel takes only strings, "
                    + "numbers and booleans");
            case List<?> array -> throw Fields.invalid(path, path + " is an array; Omnichannel takes only strings, "
                    + "numbers and booleans");
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

    private record Profile(String issuer, Duration ttl) implements VendorProfile {

        @Override
        public SigningAlgorithm algorithm() {
            return SigningAlgorithm.RS256;
        }

        @Override
        public Set<IdentityField> acceptedFields() {
            return FIELDS;
        }

        @Override
        public Optional<Duration> maxTokenLifetime() {
            return Optional.of(ttl);
        }

        @Override
        public Optional<String> issuer(Optional<String> keyId) {
            return Optional.of(issuer);
        }

        /** The configured key id, else the key's thumbprint: Microsoft needs the kid to tell several keys apart. */
        @Override
        public Optional<String> kid(SigningKey key, Optional<String> keyId) {
            return VendorProfile.keyIdOrThumbprint(key, keyId);
        }

        @Override
        public TokenContent build(UserIdentity identity, Optional<String> keyId, Instant now) {
            String sub = Fields.required(identity.userId(), IdentityField.USER_ID);
            Optional<String> contexts = identity.context().map(OmnichannelVendor::lwicontexts);
            long iat = now.getEpochSecond();
            long exp = iat + ttl.toSeconds();
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("iss", issuer);
            claims.put("sub", sub);
            claims.put("iat", iat);
            claims.put("exp", exp);
            contexts.ifPresent(c -> claims.put(CONTEXT_CLAIM, c));
            return new TokenContent.Jwt(claims, Optional.of(Instant.ofEpochSecond(exp)));
        }
    }
}
