package dev.chattoken.sidecar.vendors;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chattoken.sidecar.keys.SigningAlgorithm;
import dev.chattoken.sidecar.keys.SigningKey;

/**
 * Twilio access token (twilio.com/docs/iam/access-tokens; errors 20101 and 20157), shaped as twilio-node's
 * {@code AccessToken} writes it: HS256 with an API key's secret, header {@code cty: "twilio-fpa;v=1"} (no
 * {@code kid}: {@code iss} names the key), payload {@code jti = <API key SID>-<iat>}, {@code grants: {identity,
 * chat: {service_sid}}} (the chat grant only with {@code options.chat-service-sid}), {@code iat}, {@code exp}
 * ({@code ttl}, default 1h, at most the 24h Twilio accepts), {@code iss} = the API key SID, {@code sub} = the account
 * SID; no {@code nbf}. Twilio SIDs are two letters and 32 hexadecimal digits (twilio.com/docs/glossary/what-is-a-sid:
 * {@code AC} account, {@code SK} API key, {@code IS} chat service): anything else is refused at startup, and a key id
 * rotated in through {@code key-id-file} is refused like a broken key.
 */
@ApplicationScoped
public class TwilioVendor implements Vendor {

    static final Duration DEFAULT_TTL = Duration.ofHours(1);
    /** "All tokens have a limited lifetime, configurable for up to 24 hours." */
    static final Duration MAX_TTL = Duration.ofHours(24);
    static final String ACCOUNT_SID = "options.account-sid";
    static final String CHAT_SERVICE_SID = "options.chat-service-sid";
    static final String CONTENT_TYPE = "twilio-fpa;v=1";

    private static final Pattern API_KEY_SID = sid("SK");
    private static final Pattern ACCOUNT = sid("AC");
    private static final Pattern CHAT_SERVICE = sid("IS");

    private static final List<Option> OPTIONS = List.of(
            Option.keyId(true, "the API key SID (SK...), sent as iss"),
            Option.required(ACCOUNT_SID, Option.Kind.TEXT, "the account SID (AC...), sent as sub"),
            Option.optional(CHAT_SERVICE_SID, Option.Kind.TEXT, "the Conversations or Chat service SID (IS...): "
                    + "adds the chat grant"),
            Option.ttl(MAX_TTL, "the token lifetime, default 1h, at most 24h"));
    private static final Set<IdentityField> FIELDS = Set.of(IdentityField.USER_ID);

    private static Pattern sid(String prefix) {
        return Pattern.compile(prefix + "[0-9a-fA-F]{32}");
    }

    @Override
    public String id() {
        return "twilio";
    }

    @Override
    public List<Option> options() {
        return OPTIONS;
    }

    @Override
    public VendorProfile configure(ProfileOptions options) {
        options.text(Option.KEY_ID_NAME).flatMap(TwilioVendor::apiKeySidProblem)
                .ifPresent(p -> options.problem(options.key(Option.KEY_ID_NAME) + " " + p));
        String account = options.required(ACCOUNT_SID);
        options.check(account.isEmpty() || ACCOUNT.matcher(account).matches(), options.key(ACCOUNT_SID)
                + " is not a Twilio account SID (AC followed by 32 hexadecimal digits)");
        Optional<String> chatService = options.text(CHAT_SERVICE_SID);
        chatService.ifPresent(sid -> options.check(CHAT_SERVICE.matcher(sid).matches(), options.key(CHAT_SERVICE_SID)
                + " is not a Twilio chat service SID (IS followed by 32 hexadecimal digits)"));
        return new Profile(account, chatService, options.ttl().orElse(DEFAULT_TTL));
    }

    @Override
    public Example example() {
        return new Example(Map.of("key-id", "SK0123456789abcdef0123456789abcdef",
                ACCOUNT_SID, "AC0123456789abcdef0123456789abcdef",
                CHAT_SERVICE_SID, "IS0123456789abcdef0123456789abcdef"), "{\"user_id\":\"ana@example.com\"}");
    }

    /** The value is not in the message: a secret pasted in its place would otherwise reach the log. */
    static Optional<String> apiKeySidProblem(String keyId) {
        return API_KEY_SID.matcher(keyId).matches() ? Optional.empty()
                : Optional.of("is not a Twilio API key SID (SK followed by 32 hexadecimal digits)");
    }

    private record Profile(String accountSid, Optional<String> chatServiceSid, Duration ttl) implements VendorProfile {
        @Override
        public SigningAlgorithm algorithm() {
            return SigningAlgorithm.HS256;
        }

        @Override
        public Set<IdentityField> acceptedFields() {
            return FIELDS;
        }

        @Override
        public Optional<Duration> maxTokenLifetime() {
            return Optional.of(ttl);
        }

        /** The token names its key in {@code iss}, as Twilio's helpers do; it has no {@code kid}. */
        @Override
        public Optional<String> kid(SigningKey key, Optional<String> keyId) {
            return Optional.empty();
        }

        @Override
        public Optional<String> keyIdProblem(String keyId) {
            return apiKeySidProblem(keyId);
        }

        @Override
        public Optional<String> issuer(Optional<String> keyId) {
            return keyId;
        }

        @Override
        public TokenContent build(UserIdentity identity, Optional<String> keyId, Instant now) {
            String identityName = Fields.required(identity.userId(), IdentityField.USER_ID);
            String apiKeySid = keyId.orElseThrow(() -> new IllegalStateException("a twilio profile is loaded with its API key SID"));
            long iat = now.getEpochSecond();
            long exp = iat + ttl.toSeconds();
            Map<String, Object> grants = new LinkedHashMap<>();
            grants.put("identity", identityName);
            chatServiceSid.ifPresent(sid -> grants.put("chat", Map.of("service_sid", sid)));
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("jti", apiKeySid + "-" + iat);
            claims.put("grants", grants);
            claims.put("iat", iat);
            claims.put("exp", exp);
            claims.put("iss", apiKeySid);
            claims.put("sub", accountSid);
            return new TokenContent.Jwt(Map.of("cty", CONTENT_TYPE), claims, Optional.of(Instant.ofEpochSecond(exp)));
        }
    }
}
