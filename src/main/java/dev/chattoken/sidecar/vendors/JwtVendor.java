package dev.chattoken.sidecar.vendors;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chattoken.sidecar.keys.SigningAlgorithm;
import dev.chattoken.sidecar.vendors.InvalidRequestException.Reason;

/**
 * A declared JWT vendor, for a widget nobody has built in: the token is declared in the profile's configuration.
 *
 * <ul>
 * <li>{@code algorithm} (required): any algorithm the sidecar signs ({@link SigningAlgorithm}); the key file must
 * be of its family (the loader refuses another).</li>
 * <li>{@code claims.<name>=<template>} (at least one): a {@link Template} of constant text and {@code {field}}
 * placeholders. A template that is exactly one placeholder keeps the field's JSON type; a claim whose field the
 * request lacks is left out. {@code iat}, {@code exp} and {@code jti} are the sidecar's, and {@code nbf} is a time no
 * template writes. At least one claim must hold a field that names the user ({@link IdentityField#identifies}: user
 * id, e-mail, phone number), and a request must fill one: a token that names no user (only a name, or only
 * {@code email_verified}) would fit everyone it describes.</li>
 * <li>{@code header.<name>=<value>}: extra header members, constant text; {@code alg}, {@code typ} and {@code kid}
 * are the sidecar's, and {@code crit} and {@code b64} ask the verifier for extensions the sidecar does not
 * implement.</li>
 * <li>{@code required-fields}: request fields that must be present (400 missing-field), among those the claims
 * name.</li>
 * <li>{@code ttl}: the token's lifetime ({@code exp}), by default 1h or {@code max-ttl} when that is shorter: a token
 * handed to a browser expires. At most {@code max-ttl}, the longest the vendor accepts, which is at most and by default
 * 24h: a longer-lived identity token is a stolen session for longer.</li>
 * <li>{@code issued-at} (default true) adds {@code iat}; {@code jwt-id} (default false) adds a random {@code jti}
 * of 128 bits, base64url.</li>
 * <li>{@code key-id} or {@code key-id-file}: the header {@code kid}.</li>
 * </ul>
 * The request fields accepted are exactly those the claims name; claims are in name order, then {@code iat},
 * {@code exp}, {@code jti}.
 */
@ApplicationScoped
public class JwtVendor implements Vendor {

    static final String ALGORITHM = "algorithm";
    static final String HEADER = "header";
    static final String CLAIMS = "claims";
    static final String REQUIRED_FIELDS = "required-fields";
    static final String MAX_TTL = "max-ttl";
    static final String ISSUED_AT = "issued-at";
    static final String JWT_ID = "jwt-id";
    /** The longest ttl, and max-ttl's default: a day, as the built-in vendors without a stated limit. */
    static final Duration LONGEST_TTL = Duration.ofHours(24);
    /** The ttl when the profile sets none (or max-ttl, when shorter): an hour, as Intercom's and Twilio's examples. */
    static final Duration DEFAULT_TTL = Duration.ofHours(1);
    static final int JWT_ID_BYTES = 16;

    /** The fields a claim may name: the text ones anywhere, true/false ones as a whole template. */
    static final Set<IdentityField> CLAIM_FIELDS = Stream.concat(Template.TEXT_FIELDS.stream(),
            Template.TYPED_FIELDS.stream()).collect(Collectors.toUnmodifiableSet());
    /** The claim fields that name the user. */
    private static final Set<IdentityField> IDENTIFYING = CLAIM_FIELDS.stream().filter(IdentityField::identifies)
            .collect(Collectors.toUnmodifiableSet());

    /** Header members that are not the profile's to set, and why. */
    private static final Map<String, String> OWN_HEADER = Map.of(
            "alg", "the sidecar sets it from algorithm",
            "typ", "the sidecar sets it (JWT)",
            "kid", "the sidecar sets it from key-id or key-id-file",
            "crit", "it names extensions a verifier must understand, and the sidecar implements none",
            "b64", "it changes what the signature covers (RFC 7797), which the sidecar does not do");
    /** Claims that are not the profile's to template, and why. */
    private static final Map<String, String> OWN_CLAIMS = Map.of(
            "iat", "the sidecar sets it (issued-at)",
            "exp", "the sidecar sets it (ttl)",
            "jti", "the sidecar sets it (jwt-id)",
            "nbf", "it is a time in seconds, which no template writes");

    private static final List<Option> OPTIONS = List.of(
            Option.required(ALGORITHM, Option.Kind.TEXT, "the JWS algorithm: " + known()),
            Option.keyId(false, "sent as the header kid"),
            Option.required(CLAIMS, Option.Kind.FAMILY, "claims.<name>=<template>: constant text and {field} "
                    + "placeholders for the request fields " + Template.names(CLAIM_FIELDS) + "; a template that is one "
                    + "placeholder keeps the field's JSON type"),
            Option.optional(HEADER, Option.Kind.FAMILY, "header.<name>=<value>: extra header members, constant text "
                    + "(not alg, typ, kid, crit, b64)"),
            Option.optional(REQUIRED_FIELDS, Option.Kind.LIST, "request fields that must be present, among those the "
                    + "claims name"),
            Option.ttl(LONGEST_TTL, "the token lifetime (exp), default 1h (or max-ttl when shorter), at most max-ttl"),
            Option.optional(MAX_TTL, Option.Kind.DURATION, "the longest lifetime the vendor accepts, the limit of ttl: "
                    + "at most and by default 24h"),
            Option.optional(ISSUED_AT, Option.Kind.BOOLEAN, "adds iat, the time of issue; default true"),
            Option.optional(JWT_ID, Option.Kind.BOOLEAN, "adds jti, a random id (128 bits, base64url); default false"));

    @Override
    public String id() {
        return "jwt";
    }

    @Override
    public List<Option> options() {
        return OPTIONS;
    }

    @Override
    public VendorProfile configure(ProfileOptions options) {
        SigningAlgorithm algorithm = options.text(ALGORITHM).flatMap(name -> algorithm(name, options))
                .orElse(SigningAlgorithm.HS256); // used only when no problem was recorded
        Map<String, Object> header = header(options);
        Map<String, Template> claims = claims(options);
        Set<IdentityField> accepted = new LinkedHashSet<>();
        claims.values().forEach(template -> accepted.addAll(template.fields()));
        boolean claimsRead = claims.size() == options.family(CLAIMS).size(); // else a claim's fields are unknown
        if (claimsRead && !claims.isEmpty() && accepted.stream().noneMatch(IdentityField::identifies)) {
            options.problem(options.key(CLAIMS + ".*") + " name no field that identifies the user ("
                    + Template.names(IDENTIFYING) + "): every user they describe would get the same token");
        }
        List<IdentityField> required = required(options, claimsRead ? Optional.of(accepted) : Optional.empty());
        Duration ttl = ttl(options);
        boolean issuedAt = options.flag(ISSUED_AT, true);
        Optional<SecureRandom> jwtIds = options.flag(JWT_ID, false) ? Optional.of(new SecureRandom()) : Optional.empty();
        return new Profile(algorithm, header, claims, accepted, required, ttl, issuedAt, jwtIds);
    }

    @Override
    public Example example() {
        return new Example(Map.ofEntries(Map.entry(ALGORITHM, "HS256"), Map.entry(Option.KEY_ID_NAME, "acme-chat-2025"),
                Map.entry("claims.iss", "https://shop.example"), Map.entry("claims.aud", "chat-vendor"),
                Map.entry("claims.sub", "{user_id}"), Map.entry("claims.email", "{email}"),
                Map.entry("claims.email_verified", "{email_verified}"), Map.entry("claims.name", "{name}"),
                Map.entry(REQUIRED_FIELDS, "user_id"), Map.entry("ttl", "10m"), Map.entry(JWT_ID, "true")),
                "{\"user_id\":\"customer-42\",\"email\":\"ana@example.com\",\"email_verified\":true,\"name\":\"Ana Lima\"}");
    }

    /** Every algorithm the build signs: the declared vendor keeps no list of its own. */
    private static String known() {
        return Arrays.stream(SigningAlgorithm.values()).map(Enum::name).collect(Collectors.joining(", "));
    }

    private static Optional<SigningAlgorithm> algorithm(String name, ProfileOptions options) {
        Optional<SigningAlgorithm> algorithm = Arrays.stream(SigningAlgorithm.values()).filter(a -> a.name().equals(name))
                .findFirst();
        if (algorithm.isEmpty()) {
            options.problem(options.key(ALGORITHM) + " is '" + name + "', which the sidecar does not sign (known: "
                    + known() + ")");
        }
        return algorithm;
    }

    private static Map<String, Object> header(ProfileOptions options) {
        Map<String, Object> header = new LinkedHashMap<>();
        options.family(HEADER).forEach((name, value) -> {
            String key = options.key(HEADER + "." + name);
            if (OWN_HEADER.containsKey(name)) {
                options.problem(key + " may not be set: " + OWN_HEADER.get(name));
            } else if (value.isEmpty()) {
                options.problem(key + " is empty: give it a value, or remove it");
            } else if (value.contains("${")) {
                options.problem(key + " holds ${...}, Quarkus' own configuration expression: a header value is "
                        + "constant text");
            } else if (value.contains("{") || value.contains("}")) {
                options.problem(key + " holds a brace: a header value is constant text, with no {field} placeholder");
            } else {
                header.put(name, value);
            }
        });
        return header;
    }

    private static Map<String, Template> claims(ProfileOptions options) {
        Map<String, Template> claims = new LinkedHashMap<>();
        options.family(CLAIMS).forEach((name, text) -> {
            String key = options.key(CLAIMS + "." + name);
            if (OWN_CLAIMS.containsKey(name)) {
                options.problem(key + " may not be set: " + OWN_CLAIMS.get(name));
            } else if (text.isEmpty()) {
                options.problem(key + " is empty: give it a template, or remove it");
            } else {
                Template.parse(text, key, CLAIM_FIELDS, "request field a claim can hold", options)
                        .ifPresent(template -> claims.put(name, template));
            }
        });
        return claims;
    }

    /** @param named the fields the claims name; empty when the claims could not be read */
    private static List<IdentityField> required(ProfileOptions options, Optional<Set<IdentityField>> named) {
        Set<IdentityField> required = new LinkedHashSet<>();
        for (String name : options.list(REQUIRED_FIELDS)) {
            Optional<IdentityField> field = Template.field(name);
            if (field.isEmpty()) {
                options.problem(options.key(REQUIRED_FIELDS) + " names '" + name + "', which is not a request field");
            } else if (named.isPresent() && !named.get().contains(field.get())) {
                options.problem(options.key(REQUIRED_FIELDS) + " names " + name + ", which no claim holds: a required "
                        + "field that is not in the token proves nothing; add a claim with {" + name + "} or remove it");
            } else {
                required.add(field.get());
            }
        }
        return List.copyOf(required);
    }

    /** The profile's ttl, else the default bounded by max-ttl. */
    private static Duration ttl(ProfileOptions options) {
        Optional<Duration> ttl = options.ttl();
        Optional<Duration> max = options.duration(MAX_TTL);
        max.ifPresent(value -> {
            if (value.compareTo(Duration.ofSeconds(1)) < 0 || value.getNano() != 0 || value.compareTo(LONGEST_TTL) > 0) {
                options.problem(options.key(MAX_TTL) + " must be a whole number of seconds from 1s to "
                        + LONGEST_TTL.toSeconds() + "s (got " + value + ")");
            } else if (ttl.isPresent() && ttl.get().compareTo(value) > 0) {
                options.problem(options.key("ttl") + " is " + ttl.get().toSeconds() + "s, longer than max-ttl ("
                        + value.toSeconds() + "s)");
            }
        });
        return ttl.orElseGet(() -> max.filter(m -> m.compareTo(DEFAULT_TTL) < 0).orElse(DEFAULT_TTL));
    }

    /**
     * @param header   constant members, in name order
     * @param claims   the templates by claim name, in name order
     * @param accepted the request fields the claims name
     * @param required the fields a request must have
     * @param jwtIds   the source of {@code jti}s, when the profile adds them
     */
    private record Profile(SigningAlgorithm algorithm, Map<String, Object> header, Map<String, Template> claims,
            Set<IdentityField> acceptedFields, List<IdentityField> required, Duration ttl, boolean issuedAt,
            Optional<SecureRandom> jwtIds) implements VendorProfile {

        private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

        Profile {
            header = Collections.unmodifiableMap(new LinkedHashMap<>(header));
            claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims));
            acceptedFields = Set.copyOf(acceptedFields);
        }

        @Override
        public Optional<Duration> maxTokenLifetime() {
            return Optional.of(ttl);
        }

        /** A constant {@code iss} is what {@code /v1/verify} holds the profile's tokens to. */
        @Override
        public Optional<String> issuer(Optional<String> keyId) {
            return Optional.ofNullable(claims.get("iss")).flatMap(Template::constant);
        }

        @Override
        public TokenContent build(UserIdentity identity, Optional<String> keyId, Instant now) {
            Set<IdentityField> present = identity.present();
            for (IdentityField field : required) {
                if (!present.contains(field)) {
                    throw new InvalidRequestException(Reason.MISSING_FIELD, field.jsonName(), field.jsonName()
                            + " is required (the profile's required-fields)");
                }
            }
            Map<String, Object> payload = new LinkedHashMap<>();
            boolean namesUser = false;
            for (Map.Entry<String, Template> claim : claims.entrySet()) {
                Optional<Object> value = claim.getValue().render(identity);
                value.ifPresent(v -> payload.put(claim.getKey(), v));
                namesUser |= value.isPresent() && claim.getValue().fields().stream().anyMatch(IdentityField::identifies);
            }
            if (!namesUser) {
                Set<IdentityField> identifying = acceptedFields.stream().filter(IdentityField::identifies)
                        .collect(Collectors.toSet());
                IdentityField first = identifying.stream().sorted().findFirst().orElseThrow();
                throw new InvalidRequestException(Reason.MISSING_FIELD, first.jsonName(), "the request has none of the "
                        + "fields that identify the user in the profile's claims (" + Template.names(identifying)
                        + "): the token would name no user");
            }
            if (issuedAt) {
                payload.put("iat", now.getEpochSecond());
            }
            Instant expiresAt = now.plus(ttl);
            payload.put("exp", expiresAt.getEpochSecond());
            jwtIds.ifPresent(random -> {
                byte[] id = new byte[JWT_ID_BYTES];
                random.nextBytes(id);
                payload.put("jti", BASE64URL.encodeToString(id));
            });
            return new TokenContent.Jwt(header, payload, Optional.of(expiresAt));
        }
    }
}
