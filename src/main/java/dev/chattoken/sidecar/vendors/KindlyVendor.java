package dev.chattoken.sidecar.vendors;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chattoken.sidecar.keys.SigningAlgorithm;
import dev.chattoken.sidecar.keys.SigningKey;
import dev.chattoken.sidecar.vendors.InvalidRequestException.Reason;

/**
 * Kindly Chat ({@code vendor-docs/kindly.txt}): RS256 with a 2048-bit RSA key. Required claims {@code iat},
 * {@code exp} (integer seconds, at most 15 minutes apart), {@code iss}, {@code sub} and
 * {@code chat: {id, webhook_domains: [..]}}; optional {@code name}, {@code email}, {@code email_verified},
 * {@code phone_number}, {@code phone_number_verified}, {@code picture}; and any extra claim the caller adds
 * that does not replace one of those.
 *
 * <p>Kindly forwards the token to every webhook on {@code chat.webhook_domains}, so the domains decide who receives
 * a bearer token of the user: a wildcard over a single label ({@code *.com}) and names that are not public
 * (IP addresses, single labels such as {@code localhost}, special-use names such as {@code .internal}) are refused
 * unless the profile sets {@code allow-non-public-webhook-domains}; and where the profile names domains, a request
 * may only narrow them, never add one.
 */
@ApplicationScoped
public class KindlyVendor implements Vendor {

    static final Duration DEFAULT_TTL = Duration.ofMinutes(5);
    static final Duration MAX_TTL = Duration.ofMinutes(15);

    /**
     * Claims the caller cannot set through {@code claims}: the ones the sidecar computes, the profile claims that have
     * their own validated request fields, and {@code aud} and {@code azp}, which tell a verifier which party the token
     * is for: set by a request, a Kindly token could pass as one for another service that trusts the same key.
     */
    static final Set<String> RESERVED_CLAIMS = Set.of("iat", "exp", "nbf", "iss", "sub", "jti", "chat", "aud", "azp",
            "name", "email", "email_verified", "phone_number", "phone_number_verified", "picture");
    private static final Set<String> AUDIENCE_CLAIMS = Set.of("aud", "azp");
    private static final Set<String> IDENTITY_CLAIMS = Set.of("name", "email", "email_verified", "phone_number",
            "phone_number_verified", "picture");
    static final int MAX_EXTRA_CLAIMS = 32;
    static final int MAX_CLAIM_NAME_LENGTH = 128;

    /** Special-use names (RFC 6761, 6762, 8375, 9476, ICANN's .internal) and common private suffixes. */
    private static final Set<String> NON_PUBLIC_SUFFIXES = Set.of("localhost", "local", "localdomain", "internal",
            "intranet", "lan", "home.arpa", "test", "invalid", "onion", "alt");

    static final String WEBHOOK_DOMAINS = "webhook-domains";
    static final String ALLOW_NON_PUBLIC = "allow-non-public-webhook-domains";

    private static final List<Option> OPTIONS = List.of(
            Option.required("issuer", Option.Kind.TEXT, "Kindly requires the iss claim"),
            Option.keyId(false, "the header kid; default: the key's RFC 7638 thumbprint"),
            Option.ttl(MAX_TTL, "the token lifetime, default 5m, at most 15m"),
            Option.optional(WEBHOOK_DOMAINS, Option.Kind.LIST, "the default chat.webhook_domains: host names or *.domain "
                    + "patterns; a request may narrow them"),
            Option.optional(ALLOW_NON_PUBLIC, Option.Kind.BOOLEAN, "true: webhook domains may be IP addresses, single "
                    + "labels or special-use names (default false)"));
    private static final Set<IdentityField> FIELDS = Set.of(IdentityField.USER_ID, IdentityField.EMAIL, IdentityField.NAME,
            IdentityField.PHONE_NUMBER, IdentityField.EMAIL_VERIFIED, IdentityField.PHONE_NUMBER_VERIFIED,
            IdentityField.PICTURE, IdentityField.CHAT_ID, IdentityField.WEBHOOK_DOMAINS, IdentityField.CLAIMS);

    @Override
    public String id() {
        return "kindly";
    }

    @Override
    public List<Option> options() {
        return OPTIONS;
    }

    @Override
    public VendorProfile configure(ProfileOptions options) {
        boolean allowNonPublic = options.flag(ALLOW_NON_PUBLIC, false);
        List<String> domains = options.list(WEBHOOK_DOMAINS).stream().map(d -> d.toLowerCase(Locale.ROOT)).toList();
        for (String domain : domains) {
            domainProblem(domain, allowNonPublic).ifPresent(p -> options.problem(options.key(WEBHOOK_DOMAINS) + ": '"
                    + domain + "' " + p));
        }
        Duration ttl = options.ttl().orElse(DEFAULT_TTL);
        return new Profile(options.required("issuer"), ttl, domains, allowNonPublic);
    }

    @Override
    public Example example() {
        return new Example(Map.of("issuer", "https://shop.example", WEBHOOK_DOMAINS, "example.com,*.example.org"),
                "{\"user_id\":\"123abc\",\"chat_id\":\"chat-1\"}");
    }

    /** Why a webhook domain is refused; empty when it may receive tokens. */
    static Optional<String> domainProblem(String domain, boolean allowNonPublic) {
        if (!Fields.isDomainPattern(domain)) {
            return Optional.of("is not a domain name or *.domain pattern (no scheme, port or path)");
        }
        String host = domain.toLowerCase(Locale.ROOT);
        boolean wildcard = host.startsWith("*.");
        String name = wildcard ? host.substring(2) : host;
        if (wildcard && !name.contains(".")) {
            return Optional.of("is a wildcard over a single label: it would send the user's token to any " + name + " domain");
        }
        if (!allowNonPublic && !isPublic(name)) {
            return Optional.of("is not a public domain name (an IP address, a single label or a special-use name); "
                    + "allow-non-public-webhook-domains=true on the profile allows it");
        }
        return Optional.empty();
    }

    private static boolean isPublic(String name) {
        if (!name.contains(".")) {
            return false;
        }
        String last = name.substring(name.lastIndexOf('.') + 1);
        if (last.chars().allMatch(Character::isDigit)) {
            return false; // an IPv4 address, or a name no resolver would treat as one
        }
        return NON_PUBLIC_SUFFIXES.stream().noneMatch(suffix -> name.equals(suffix) || name.endsWith("." + suffix));
    }

    /** Whether the profile's {@code pattern} covers {@code domain}: the same name, or a subdomain of a wildcard's. */
    static boolean covers(String pattern, String domain) {
        if (pattern.equals(domain)) {
            return true;
        }
        if (!pattern.startsWith("*.")) {
            return false;
        }
        String base = pattern.substring(1); // ".example.org"
        String name = domain.startsWith("*.") ? domain.substring(1) : domain;
        return name.endsWith(base) && name.length() > base.length();
    }

    private record Profile(String issuer, Duration ttl, List<String> webhookDomains, boolean allowNonPublic)
            implements VendorProfile {

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

        /** The configured key id, else the key's RFC 7638 thumbprint, so a webhook can pick the key from the JWKS. */
        @Override
        public Optional<String> kid(SigningKey key, Optional<String> keyId) {
            return VendorProfile.keyIdOrThumbprint(key, keyId);
        }

        @Override
        public TokenContent build(UserIdentity identity, Optional<String> keyId, Instant now) {
            String sub = Fields.required(identity.userId(), IdentityField.USER_ID);
            String chatId = Fields.required(identity.chatId(), IdentityField.CHAT_ID);
            List<String> domains = identity.webhookDomains().map(this::requestDomains).orElse(webhookDomains);
            long iat = now.getEpochSecond();
            long exp = iat + ttl.toSeconds();

            Map<String, Object> chat = new LinkedHashMap<>();
            chat.put("id", chatId);
            if (!domains.isEmpty()) { // as in Kindly's own example: no domains, no forwarding, no key
                chat.put("webhook_domains", domains);
            }
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("iat", iat);
            claims.put("exp", exp);
            claims.put("iss", issuer);
            claims.put("sub", sub);
            claims.put("chat", chat);
            Fields.optional(identity.name(), IdentityField.NAME).ifPresent(v -> claims.put("name", v));
            Fields.email(identity.email()).ifPresent(v -> claims.put("email", v));
            identity.emailVerified().ifPresent(v -> claims.put("email_verified", v));
            Fields.optional(identity.phoneNumber(), IdentityField.PHONE_NUMBER).ifPresent(v -> claims.put("phone_number", v));
            identity.phoneNumberVerified().ifPresent(v -> claims.put("phone_number_verified", v));
            Fields.httpsUrl(identity.picture(), IdentityField.PICTURE).ifPresent(v -> claims.put("picture", v));
            identity.claims().ifPresent(extra -> claims.putAll(checkedExtraClaims(extra)));
            return new TokenContent.Jwt(claims, Optional.of(Instant.ofEpochSecond(exp)));
        }

        /** The request's domains: each a public pattern (unless allowed), and within the profile's when it has some. */
        private List<String> requestDomains(List<String> requested) {
            String field = IdentityField.WEBHOOK_DOMAINS.jsonName();
            if (requested.size() > Fields.MAX_WEBHOOK_DOMAINS) {
                throw Fields.invalid(field, field + " holds more than " + Fields.MAX_WEBHOOK_DOMAINS + " domains");
            }
            List<String> domains = requested.stream().map(d -> d == null ? "" : d.toLowerCase(Locale.ROOT)).toList();
            for (int i = 0; i < domains.size(); i++) {
                String domain = domains.get(i);
                String path = field + "[" + i + "]";
                Optional<String> problem = domainProblem(domain, allowNonPublic);
                if (problem.isPresent()) {
                    throw Fields.invalid(path, path + " " + problem.get());
                }
                if (!webhookDomains.isEmpty() && webhookDomains.stream().noneMatch(p -> covers(p, domain))) {
                    throw Fields.invalid(path, path + " is not within the profile's webhook domains: a request may "
                            + "narrow them, not add one");
                }
            }
            return domains;
        }
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
                        "claims may not set '" + name + "': " + (IDENTITY_CLAIMS.contains(name)
                                ? "the sidecar sets it from the request field of that name"
                                : AUDIENCE_CLAIMS.contains(name) ? "it names the party the token is for" : "the sidecar sets it"));
            }
            if (name.isBlank() || name.length() > MAX_CLAIM_NAME_LENGTH) {
                throw Fields.invalid(field, "claim names must be 1 to " + MAX_CLAIM_NAME_LENGTH + " characters");
            }
            if (Fields.hasLoneSurrogate(name)) {
                throw Fields.invalid("claims", "a claim name contains an unpaired surrogate");
            }
            Fields.refusePrototypeName(name, field);
            checked.put(name, Fields.claimValue(value, field));
        });
        return checked;
    }
}
