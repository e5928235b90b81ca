package dev.chattoken.sidecar.vendors;

import static dev.chattoken.sidecar.vendors.ClaimSource.fromOptions;
import static dev.chattoken.sidecar.vendors.ClaimSource.fromRequest;
import static dev.chattoken.sidecar.vendors.ClaimSource.keyId;
import static dev.chattoken.sidecar.vendors.ClaimSource.option;

import dev.chattoken.sidecar.keys.SigningAlgorithm;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Twilio access token (twilio.com/docs/iam/access-tokens; errors 20101 and 20157), shaped as twilio-node's
 * {@code AccessToken} writes it: HS256 with an API key's secret, no {@code kid} ({@code iss} names the key), no
 * {@code nbf}. Twilio SIDs are two letters and 32 hexadecimal digits (twilio.com/docs/glossary/what-is-a-sid:
 * {@code AC} account, {@code SK} API key, {@code IS} chat service): anything else is refused at startup, and a key id
 * rotated in through {@code key-id-file} is refused like a broken key.
 */
@ApplicationScoped
public class TwilioVendor extends SpecifiedVendor {

    static final Option API_KEY_SID = Option.keyId(true, "the API key SID (SK...), sent as iss")
            .matching(sid("SK"), "a Twilio API key SID (SK followed by 32 hexadecimal digits)");
    static final Option ACCOUNT_SID = Option.required(
                    "options.account-sid", Option.Kind.TEXT, "the account SID " + "(AC...), sent as sub")
            .matching(sid("AC"), "a Twilio account SID (AC followed by 32 hexadecimal digits)");
    static final Option CHAT_SERVICE_SID = Option.optional(
                    "options.chat-service-sid",
                    Option.Kind.TEXT,
                    "the " + "Conversations or Chat service SID (IS...): adds the chat grant")
            .matching(sid("IS"), "a Twilio chat service SID (IS followed by 32 hexadecimal digits)");

    public TwilioVendor() {
        super(VendorSpec.jwt("twilio", SigningAlgorithm.HS256)
                .keyId(KeyIdRule.inClaims(API_KEY_SID))
                .header("cty", "twilio-fpa;v=1")
                .claim(
                        "jti",
                        fromRequest(
                                Set.of(),
                                request -> Optional.of(request.keyId().orElseThrow() + "-"
                                        + request.now().getEpochSecond())))
                .claim(
                        "grants",
                        fromOptions(List.of(CHAT_SERVICE_SID), Set.of(IdentityField.USER_ID), TwilioVendor::grants))
                .issuedAt()
                // "All tokens have a limited lifetime, configurable for up to 24 hours"; twilio-node's default is 1h
                .expiresAt(Lifetime.upTo(Duration.ofHours(24)).byDefault(Duration.ofHours(1)))
                .claim("iss", keyId())
                .claim("sub", option(ACCOUNT_SID))
                .example(
                        Map.of(
                                API_KEY_SID.name(),
                                "SK0123456789abcdef0123456789abcdef",
                                ACCOUNT_SID.name(),
                                "AC0123456789abcdef0123456789abcdef",
                                CHAT_SERVICE_SID.name(),
                                "IS0123456789abcdef0123456789abcdef"),
                        "{\"user_id\":\"ana@example.com\"}"));
    }

    /** {@code {identity: <user_id>, chat: {service_sid}}}, the chat grant only with a chat service. */
    private static ClaimValue grants(ProfileOptions options) {
        Optional<String> chatService = options.text(CHAT_SERVICE_SID.name());
        return request -> {
            Map<String, Object> grants = new LinkedHashMap<>();
            grants.put("identity", Fields.required(request.identity().userId(), IdentityField.USER_ID));
            chatService.ifPresent(sid -> grants.put("chat", Map.of("service_sid", sid)));
            return Optional.of(grants);
        };
    }

    private static String sid(String prefix) {
        return prefix + "[0-9a-fA-F]{32}";
    }
}
