package dev.chattoken.sidecar.vendor;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chattoken.sidecar.keys.RsaKeyPair;
import dev.chattoken.sidecar.keys.SigningAlgorithm;
import dev.chattoken.sidecar.keys.SigningKey;
import dev.chattoken.sidecar.profile.ProfileSettings;
import dev.chattoken.sidecar.vendor.InvalidRequestException.Reason;

/**
 * Kindly Chat ({@code vendor-docs/kindly.txt}): RS256 with a 2048-bit RSA key. Required claims {@code iat},
 * {@code exp} (integer seconds, at most 15 minutes apart), {@code iss}, {@code sub} and
 * {@code chat: {id, webhook_domains: [..]}}; optional {@code name}, {@code email}, {@code email_verified},
 * {@code phone_number}, {@code phone_number_verified}, {@code picture}; and any extra claim the caller adds
 * that does not replace one of those.
 */
@ApplicationScoped
public class KindlyVendor implements Vendor {

    private static final Set<IdentityField> ACCEPTED_FIELDS = Set.of(IdentityField.values());

    static final Duration DEFAULT_TTL = Duration.ofMinutes(5);
    static final Duration MAX_TTL = Duration.ofMinutes(15);

    /**
     * Claims the caller cannot set through {@code claims}: the ones the sidecar computes, and the profile claims
     * that have their own validated request fields.
     */
    static final Set<String> RESERVED_CLAIMS = Set.of("iat", "exp", "nbf", "iss", "sub", "jti", "chat",
            "name", "email", "email_verified", "phone_number", "phone_number_verified", "picture");
    private static final Set<String> IDENTITY_CLAIMS = Set.of("name", "email", "email_verified", "phone_number",
            "phone_number_verified", "picture");
    static final int MAX_EXTRA_CLAIMS = 32;
    static final int MAX_CLAIM_NAME_LENGTH = 128;

    @Override
    public String id() {
        return "kindly";
    }

    @Override
    public SigningAlgorithm algorithm() {
        return SigningAlgorithm.RS256;
    }

    @Override
    public Set<IdentityField> acceptedFields() {
        return ACCEPTED_FIELDS;
    }

    @Override
    public List<String> checkProfile(ProfileSettings profile) {
        return ProfileRules.of(profile, id())
                .require("issuer", profile.issuer(), "Kindly requires the iss claim")
                .ttlAtMost(MAX_TTL)
                .check(profile.webhookDomains().stream().allMatch(Fields::isDomainPattern),
                        profile.key("webhook-domains") + " must hold domain names or *.domain patterns")
                .problems();
    }

    @Override
    public Optional<Duration> maxTokenLifetime(ProfileSettings profile) {
        return Optional.of(profile.ttl().orElse(DEFAULT_TTL));
    }

    /** The configured key id, else the key's RFC 7638 thumbprint, so a webhook can pick the key from the JWKS. */
    @Override
    public Optional<String> keyId(ProfileSettings profile, SigningKey key) {
        return profile.keyId().or(() -> key instanceof RsaKeyPair rsa ? Optional.of(rsa.thumbprint()) : Optional.empty());
    }

    @Override
    public TokenContent build(UserIdentity identity, ProfileSettings profile, Instant now) {
        String sub = Fields.required(identity.userId(), IdentityField.USER_ID);
        String chatId = Fields.required(identity.chatId(), IdentityField.CHAT_ID);
        List<String> webhookDomains = identity.webhookDomains()
                .map(domains -> Fields.domainPatterns(domains, IdentityField.WEBHOOK_DOMAINS.jsonName()))
                .orElse(profile.webhookDomains());
        long iat = now.getEpochSecond();
        long exp = iat + profile.ttl().orElse(DEFAULT_TTL).toSeconds();

        Map<String, Object> chat = new LinkedHashMap<>();
        chat.put("id", chatId);
        if (!webhookDomains.isEmpty()) { // as in Kindly's own example: no domains, no forwarding, no key
            chat.put("webhook_domains", webhookDomains);
        }
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iat", iat);
        claims.put("exp", exp);
        claims.put("iss", profile.issuer().orElseThrow());
        claims.put("sub", sub);
        claims.put("chat", chat);
        Fields.optional(identity.name(), IdentityField.NAME).ifPresent(v -> claims.put("name", v));
        Fields.email(identity.email()).ifPresent(v -> claims.put("email", v));
        identity.emailVerified().ifPresent(v -> claims.put("email_verified", v));
        Fields.optional(identity.phoneNumber(), IdentityField.PHONE_NUMBER).ifPresent(v -> claims.put("phone_number", v));
        identity.phoneNumberVerified().ifPresent(v -> claims.put("phone_number_verified", v));
        Fields.httpsUrl(identity.picture(), IdentityField.PICTURE).ifPresent(v -> claims.put("picture", v));
        identity.claims().ifPresent(extra -> claims.putAll(checkedExtraClaims(extra)));
        return new TokenContent(claims, Optional.of(Instant.ofEpochSecond(exp)));
    }

    private static Map<String, Object> checkedExtraClaims(Map<String, Object> extra) {
        if (extra.size() > MAX_EXTRA_CLAIMS) {
            throw Fields.invalid("claims", "claims holds more than " + MAX_EXTRA_CLAIMS + " entries");
        }
        Map<String, Object> checked = new LinkedHashMap<>();
        extra.forEach((name, value) -> {
            String field = "claims." + name;
            if (RESERVED_CLAIMS.contains(name)) {
                throw new InvalidRequestException(Reason.RESERVED_CLAIM, field,
                        "claims may not set '" + name + "': the sidecar sets it" + (isIdentityClaim(name)
                                ? " from the request field of that name" : ""));
            }
            if (name.isBlank() || name.length() > MAX_CLAIM_NAME_LENGTH) {
                throw Fields.invalid(field, "claim names must be 1 to " + MAX_CLAIM_NAME_LENGTH + " characters");
            }
            if (Fields.hasLoneSurrogate(name)) {
                throw Fields.invalid("claims", "a claim name contains an unpaired surrogate");
            }
            checked.put(name, Fields.claimValue(value, field));
        });
        return checked;
    }

    private static boolean isIdentityClaim(String name) {
        return IDENTITY_CLAIMS.contains(name);
    }
}
