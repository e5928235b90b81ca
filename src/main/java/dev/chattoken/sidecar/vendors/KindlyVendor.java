package dev.chattoken.sidecar.vendors;

import static dev.chattoken.sidecar.vendors.ClaimSource.field;
import static dev.chattoken.sidecar.vendors.ClaimSource.fromOptions;
import static dev.chattoken.sidecar.vendors.ClaimSource.option;

import dev.chattoken.sidecar.keys.SigningAlgorithm;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Kindly Chat ({@code vendor-docs/kindly.txt}): RS256 with a 2048-bit RSA key. Required claims {@code iat}, {@code exp}
 * (integer seconds, at most 15 minutes apart), {@code iss}, {@code sub} and {@code chat: {id, webhook_domains: [..]}};
 * optional {@code name}, {@code email}, {@code email_verified}, {@code phone_number}, {@code phone_number_verified},
 * {@code picture}; and any extra claim the caller adds that does not replace one of those.
 *
 * <p>Kindly forwards the token to every webhook on {@code chat.webhook_domains}, so the domains decide who receives a
 * bearer token of the user: a wildcard over a single label ({@code *.com}) and names that are not public (IP addresses,
 * single labels such as {@code localhost}, special-use names such as {@code .internal}) are refused unless the profile
 * sets {@code allow-non-public-webhook-domains}; and where the profile names domains, a request may only narrow them,
 * never add one.
 */
@ApplicationScoped
public class KindlyVendor extends SpecifiedVendor {

    /**
     * Claims the caller cannot set through {@code claims}: the ones the sidecar computes, the profile claims that have
     * their own validated request fields, and {@code aud} and {@code azp}, which tell a verifier which party the token
     * is for: set by a request, a Kindly token could pass as one for another service that trusts the same key.
     */
    static final Set<String> RESERVED_CLAIMS = Set.of(
            "iat",
            "exp",
            "nbf",
            "iss",
            "sub",
            "jti",
            "chat",
            "aud",
            "azp",
            "name",
            "email",
            "email_verified",
            "phone_number",
            "phone_number_verified",
            "picture");

    private static final Set<String> AUDIENCE_CLAIMS = Set.of("aud", "azp");
    private static final Set<String> IDENTITY_CLAIMS =
            Set.of("name", "email", "email_verified", "phone_number", "phone_number_verified", "picture");

    /** Special-use names (RFC 6761, 6762, 8375, 9476, ICANN's .internal) and common private suffixes. */
    private static final Set<String> NON_PUBLIC_SUFFIXES = Set.of(
            "localhost",
            "local",
            "localdomain",
            "internal",
            "intranet",
            "lan",
            "home.arpa",
            "test",
            "invalid",
            "onion",
            "alt");

    static final Option ISSUER = Option.required("issuer", Option.Kind.TEXT, "Kindly requires the iss claim");
    static final Option WEBHOOK_DOMAINS = Option.optional(
            "webhook-domains",
            Option.Kind.LIST,
            "the default " + "chat.webhook_domains: host names or *.domain patterns; a request may narrow them");
    static final Option ALLOW_NON_PUBLIC = Option.optional(
            "allow-non-public-webhook-domains",
            Option.Kind.BOOLEAN,
            "true: webhook domains may be IP addresses, single labels or special-use names (default false)");

    public KindlyVendor() {
        super(VendorSpec.jwt("kindly", SigningAlgorithm.RS256)
                // Kindly's header example has none; the kid lets a webhook pick the key from the JWKS after a rotation
                .keyId(KeyIdRule.kidOrThumbprint("the header kid; default: the key's RFC 7638 thumbprint"))
                .issuedAt()
                .expiresAt(Lifetime.upTo(Duration.ofMinutes(15)).byDefault(Duration.ofMinutes(5)))
                .claim("iss", option(ISSUER))
                .claim("sub", field(IdentityField.USER_ID))
                .claim(
                        "chat",
                        fromOptions(
                                List.of(WEBHOOK_DOMAINS, ALLOW_NON_PUBLIC),
                                Set.of(IdentityField.CHAT_ID, IdentityField.WEBHOOK_DOMAINS),
                                KindlyVendor::chat))
                .optionalClaims(
                        IdentityField.NAME,
                        IdentityField.EMAIL,
                        IdentityField.EMAIL_VERIFIED,
                        IdentityField.PHONE_NUMBER,
                        IdentityField.PHONE_NUMBER_VERIFIED,
                        IdentityField.PICTURE)
                .extraClaims(KindlyVendor::checkedExtraClaims)
                .example(
                        Map.of("issuer", "https://shop.example", WEBHOOK_DOMAINS.name(), "example.com,*.example.org"),
                        "{\"user_id\":\"123abc\",\"chat_id\":\"chat-1\"}"));
    }

    /**
     * {@code chat: {id, webhook_domains}}: the profile's domains (checked once, at startup), or the request's within
     * them; as in Kindly's own example, no domains is no {@code webhook_domains}, so no forwarding and no key.
     */
    private static ClaimValue chat(ProfileOptions options) {
        boolean allowNonPublic = options.flag(ALLOW_NON_PUBLIC.name(), false);
        List<String> profileDomains = options.list(WEBHOOK_DOMAINS.name()).stream()
                .map(d -> d.toLowerCase(Locale.ROOT))
                .toList();
        for (String domain : profileDomains) {
            domainProblem(domain, allowNonPublic)
                    .ifPresent(p -> options.problem(options.key(WEBHOOK_DOMAINS.name()) + ": '" + domain + "' " + p));
        }
        return request -> {
            String chatId = Fields.required(request.identity().chatId(), IdentityField.CHAT_ID);
            List<String> domains = request.identity()
                    .webhookDomains()
                    .map(requested -> requestDomains(requested, profileDomains, allowNonPublic))
                    .orElse(profileDomains);
            Map<String, Object> chat = new LinkedHashMap<>();
            chat.put("id", chatId);
            if (!domains.isEmpty()) {
                chat.put("webhook_domains", domains);
            }
            return Optional.of(chat);
        };
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
            return Optional.of(
                    "is a wildcard over a single label: it would send the user's token to any " + name + " domain");
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

    /** The request's domains: each a public pattern (unless allowed), and within the profile's when it has some. */
    private static List<String> requestDomains(
            List<String> requested, List<String> webhookDomains, boolean allowNonPublic) {
        String field = IdentityField.WEBHOOK_DOMAINS.jsonName();
        if (requested.size() > Fields.MAX_WEBHOOK_DOMAINS) {
            throw Fields.invalid(field, field + " holds more than " + Fields.MAX_WEBHOOK_DOMAINS + " domains");
        }
        List<String> domains = requested.stream()
                .map(d -> d == null ? "" : d.toLowerCase(Locale.ROOT))
                .toList();
        for (int i = 0; i < domains.size(); i++) {
            String domain = domains.get(i);
            String path = field + "[" + i + "]";
            Optional<String> problem = domainProblem(domain, allowNonPublic);
            if (problem.isPresent()) {
                throw Fields.invalid(path, path + " " + problem.get());
            }
            if (!webhookDomains.isEmpty() && webhookDomains.stream().noneMatch(p -> covers(p, domain))) {
                throw Fields.invalid(
                        path,
                        path + " is not within the profile's webhook domains: a request may "
                                + "narrow them, not add one");
            }
        }
        return domains;
    }

    /** The caller's extra claims, none of which may replace a claim the sidecar sets. */
    private static Map<String, Object> checkedExtraClaims(Map<String, Object> extra) {
        return ExtraClaims.checked(
                extra,
                RESERVED_CLAIMS,
                name -> IDENTITY_CLAIMS.contains(name)
                        ? "the sidecar sets it from the request field of that name"
                        : AUDIENCE_CLAIMS.contains(name)
                                ? "it names the party the token is for"
                                : "the sidecar sets it");
    }
}
