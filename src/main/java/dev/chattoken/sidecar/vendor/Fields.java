package dev.chattoken.sidecar.vendor;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.chattoken.sidecar.vendor.InvalidRequestException.Reason;

/** Format rules for request fields, shared by the vendors that use a field. */
public final class Fields {

    /** Identifiers, names and e-mails are far shorter; the bound keeps tokens small enough for a URL or header. */
    public static final int MAX_TEXT_LENGTH = 1024;
    public static final int MAX_WEBHOOK_DOMAINS = 32;

    private static final Pattern CONTROL = Pattern.compile("\\p{Cc}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private Fields() {
    }

    public static String required(Optional<String> value, IdentityField field) {
        return text(value.orElseThrow(() -> missing(field)), field);
    }

    public static Optional<String> optional(Optional<String> value, IdentityField field) {
        return value.map(v -> text(v, field));
    }

    private static String text(String value, IdentityField field) {
        if (value.isBlank()) {
            throw new InvalidRequestException(Reason.MISSING_FIELD, field.jsonName(), field.jsonName() + " is blank");
        }
        if (value.length() > MAX_TEXT_LENGTH) {
            throw invalid(field.jsonName(), field.jsonName() + " is longer than " + MAX_TEXT_LENGTH + " characters");
        }
        if (CONTROL.matcher(value).find()) {
            throw invalid(field.jsonName(), field.jsonName() + " contains control characters");
        }
        return value;
    }

    public static Optional<String> email(Optional<String> value) {
        return optional(value, IdentityField.EMAIL).map(email -> {
            if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
                throw invalid(IdentityField.EMAIL.jsonName(), "email is not an e-mail address");
            }
            return email;
        });
    }

    /** An absolute {@code https} URL with a host, as a publicly reachable avatar needs. */
    public static Optional<String> httpsUrl(Optional<String> value, IdentityField field) {
        return optional(value, field).map(url -> {
            try {
                URI uri = new URI(url);
                if ("https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null && !uri.getHost().isEmpty()) {
                    return url;
                }
            } catch (URISyntaxException e) {
                // reported below
            }
            throw invalid(field.jsonName(), field.jsonName() + " must be an absolute https:// URL");
        });
    }

    /** Host names or {@code *.}-patterns ({@code example.com}, {@code *.example.org}); no schemes, ports or paths. */
    public static List<String> domainPatterns(List<String> domains, String field) {
        if (domains.size() > MAX_WEBHOOK_DOMAINS) {
            throw invalid(field, field + " holds more than " + MAX_WEBHOOK_DOMAINS + " domains");
        }
        for (int i = 0; i < domains.size(); i++) {
            if (!isDomainPattern(domains.get(i))) {
                throw invalid(field + "[" + i + "]",
                        field + "[" + i + "] is not a domain name or *.domain pattern (no scheme, port or path)");
            }
        }
        return List.copyOf(domains);
    }

    public static boolean isDomainPattern(String domain) {
        if (domain == null || domain.length() > 255) {
            return false;
        }
        String host = domain.toLowerCase(Locale.ROOT);
        if (host.startsWith("*.")) {
            host = host.substring(2);
        }
        if (host.isEmpty() || host.length() > 253) {
            return false;
        }
        for (String label : host.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    static InvalidRequestException missing(IdentityField field) {
        return new InvalidRequestException(Reason.MISSING_FIELD, field.jsonName(), field.jsonName() + " is required");
    }

    static InvalidRequestException invalid(String field, String detail) {
        return new InvalidRequestException(Reason.INVALID_FIELD, field, detail);
    }
}
