package dev.chattoken.sidecar.vendors;

import dev.chattoken.sidecar.keys.SigningAlgorithm;
import dev.chattoken.sidecar.vendors.InvalidRequestException.Reason;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A declared JWT vendor, for a widget nobody has built in: the token is declared in the profile's configuration.
 *
 * <ul>
 *   <li>{@code algorithm} (required): any algorithm the sidecar signs ({@link SigningAlgorithm}); the key file must be
 *       of its family (the loader refuses another).
 *   <li>{@code claims.<name>=<template>} (at least one): a {@link Template} of constant text and {@code {field}}
 *       placeholders. A template that is exactly one placeholder keeps the field's JSON type; a claim whose field the
 *       request lacks is left out. {@code iat}, {@code exp} and {@code jti} are the sidecar's, and {@code nbf} is a
 *       time no template writes. At least one claim must hold a field that names the user
 *       ({@link IdentityField#identifies}: user id, e-mail, phone number), and a request must fill one: a token that
 *       names no user (only a name, or only {@code email_verified}) would fit everyone it describes.
 *   <li>{@code header.<name>=<value>}: extra header members, constant text; {@code alg}, {@code typ} and {@code kid}
 *       are the sidecar's, and {@code crit} and {@code b64} ask the verifier for extensions the sidecar does not
 *       implement.
 *   <li>{@code required-fields}: request fields that must be present (400 missing-field), among those the claims name.
 *   <li>{@code ttl}: the token's lifetime ({@code exp}), by default 1h or {@code max-ttl} when that is shorter: a token
 *       handed to a browser expires. At most {@code max-ttl}, the longest the vendor accepts, which is at most and by
 *       default 24h: a longer-lived identity token is a stolen session for longer.
 *   <li>{@code issued-at} (default true) adds {@code iat}; {@code jwt-id} (default false) adds a random {@code jti} of
 *       128 bits, base64url.
 *   <li>{@code key-id} or {@code key-id-file}: the header {@code kid}.
 * </ul>
 *
 * The request fields accepted are exactly those the claims name; claims are in name order, then {@code iat},
 * {@code exp}, {@code jti}.
 */
@ApplicationScoped
public class JwtVendor extends SpecifiedVendor {

    static final String HEADER = "header";
    static final String CLAIMS = "claims";
    static final String MAX_TTL = "max-ttl";
    static final String ISSUED_AT = "issued-at";
    static final String JWT_ID = "jwt-id";
    /** The longest ttl, and max-ttl's default: a day, as the built-in vendors without a stated limit. */
    static final Duration LONGEST_TTL = Lifetime.UNSTATED_LIMIT;
    /** The ttl when the profile sets none (or max-ttl, when shorter): an hour, as Intercom's and Twilio's examples. */
    static final Duration DEFAULT_TTL = Duration.ofHours(1);

    static final int JWT_ID_BYTES = 16;
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final KeyIdRule KEY_ID = KeyIdRule.kid(false, "sent as the header kid");

    /** The fields a claim may name: the text ones anywhere, true/false ones as a whole template. */
    static final Set<IdentityField> CLAIM_FIELDS = Stream.concat(
                    Template.TEXT_FIELDS.stream(), Template.TYPED_FIELDS.stream())
            .collect(Collectors.toUnmodifiableSet());
    /** The claim fields that name the user. */
    private static final Set<IdentityField> IDENTIFYING =
            CLAIM_FIELDS.stream().filter(IdentityField::identifies).collect(Collectors.toUnmodifiableSet());

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
            Option.required(AlgorithmRule.OPTION, Option.Kind.TEXT, "the JWS algorithm: " + known()),
            KEY_ID.option().orElseThrow(),
            Option.required(
                    CLAIMS,
                    Option.Kind.FAMILY,
                    "claims.<name>=<template>: constant text and {field} "
                            + "placeholders for the request fields " + Template.names(CLAIM_FIELDS)
                            + "; a template that is one "
                            + "placeholder keeps the field's JSON type"),
            Option.optional(
                    HEADER,
                    Option.Kind.FAMILY,
                    "header.<name>=<value>: extra header members, constant text " + "(not alg, typ, kid, crit, b64)"),
            Option.optional(
                    Template.REQUIRED_FIELDS,
                    Option.Kind.LIST,
                    "request fields that must be present, among those the " + "claims name"),
            Option.ttl(LONGEST_TTL, "the token lifetime (exp), default 1h (or max-ttl when shorter), at most max-ttl"),
            Option.optional(
                    MAX_TTL,
                    Option.Kind.DURATION,
                    "the longest lifetime the vendor accepts, the limit of ttl: " + "at most and by default 24h"),
            Option.optional(ISSUED_AT, Option.Kind.BOOLEAN, "adds iat, the time of issue; default true"),
            Option.optional(JWT_ID, Option.Kind.BOOLEAN, "adds jti, a random id (128 bits, base64url); default false"));

    public JwtVendor() {
        super(new VendorSpec(
                "jwt",
                OPTIONS,
                JwtVendor::rules,
                new Example(
                        Map.ofEntries(
                                Map.entry(AlgorithmRule.OPTION, "HS256"),
                                Map.entry(Option.KEY_ID_NAME, "acme-chat-2025"),
                                Map.entry("claims.iss", "https://shop.example"),
                                Map.entry("claims.aud", "chat-vendor"),
                                Map.entry("claims.sub", "{user_id}"),
                                Map.entry("claims.email", "{email}"),
                                Map.entry("claims.email_verified", "{email_verified}"),
                                Map.entry("claims.name", "{name}"),
                                Map.entry(Template.REQUIRED_FIELDS, "user_id"),
                                Map.entry("ttl", "10m"),
                                Map.entry(JWT_ID, "true")),
                        "{\"user_id\":\"customer-42\",\"email\":\"ana@example.com\","
                                + "\"email_verified\":true,\"name\":\"Ana Lima\"}")));
    }

    private static TokenRules rules(ProfileOptions options) {
        SigningAlgorithm algorithm = options.text(AlgorithmRule.OPTION)
                .flatMap(name -> algorithm(name, options))
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
        List<IdentityField> required = Template.requiredFields(
                options,
                Template.REQUIRED_FIELDS,
                claimsRead ? Optional.of(accepted) : Optional.empty(),
                name -> "no claim holds: a required field that is not in the token proves nothing; add "
                        + "a claim with {" + name + "} or remove it");
        Duration ttl = ttl(options);
        List<JwtRules.Part> payload = new ArrayList<>();
        payload.add(new Templates(claims, accepted));
        if (options.flag(ISSUED_AT, true)) {
            payload.add(JwtRules.Part.claim(
                    "iat", request -> Optional.of(request.now().getEpochSecond())));
        }
        payload.add(JwtRules.Part.claim("exp", request -> request.expiresAt().map(Instant::getEpochSecond)));
        if (options.flag(JWT_ID, false)) {
            SecureRandom random = new SecureRandom();
            payload.add(JwtRules.Part.claim("jti", request -> Optional.of(jwtId(random))));
        }
        List<Requirement> requirements = required.stream()
                .map(field -> new Requirement(
                        Set.of(field), field, field.jsonName() + " is required (the profile's required-fields)"))
                .toList();
        return new JwtRules(
                algorithm,
                KEY_ID,
                header,
                requirements,
                payload,
                Optional.of(ttl),
                Optional.empty(),
                List.of(),
                false,
                accepted);
    }

    /** Every algorithm the build signs: the declared vendor keeps no list of its own. */
    private static String known() {
        return Arrays.stream(SigningAlgorithm.values()).map(Enum::name).collect(Collectors.joining(", "));
    }

    private static Optional<SigningAlgorithm> algorithm(String name, ProfileOptions options) {
        Optional<SigningAlgorithm> algorithm = Arrays.stream(SigningAlgorithm.values())
                .filter(a -> a.name().equals(name))
                .findFirst();
        if (algorithm.isEmpty()) {
            options.problem(options.key(AlgorithmRule.OPTION) + " is '" + name
                    + "', which the sidecar does not sign (known: " + known() + ")");
        }
        return algorithm;
    }

    private static Map<String, Object> header(ProfileOptions options) {
        return members(options, HEADER, OWN_HEADER, "a value", (key, value) -> {
            if (value.contains("${")) {
                options.problem(key + " holds ${...}, Quarkus' own configuration expression: a header value is "
                        + "constant text");
            } else if (value.contains("{") || value.contains("}")) {
                options.problem(key + " holds a brace: a header value is constant text, with no {field} placeholder");
            } else {
                return Optional.of(value);
            }
            return Optional.empty();
        });
    }

    private static Map<String, Template> claims(ProfileOptions options) {
        return members(
                options,
                CLAIMS,
                OWN_CLAIMS,
                "a template",
                (key, text) -> Template.parse(text, key, CLAIM_FIELDS, "request field a claim can hold", options));
    }

    /**
     * The members of a family ({@code header.*}, {@code claims.*}) as {@code read} takes them, in name order: a member
     * that is the sidecar's ({@code own}, with why) or empty is refused; {@code read} records its own refusals.
     */
    private static <T> Map<String, T> members(
            ProfileOptions options,
            String family,
            Map<String, String> own,
            String what,
            BiFunction<String, String, Optional<? extends T>> read) {
        Map<String, T> members = new LinkedHashMap<>();
        options.family(family).forEach((name, value) -> {
            String key = options.key(family + "." + name);
            if (own.containsKey(name)) {
                options.problem(key + " may not be set: " + own.get(name));
            } else if (value.isEmpty()) {
                options.problem(key + " is empty: give it " + what + ", or remove it");
            } else {
                read.apply(key, value).ifPresent(member -> members.put(name, member));
            }
        });
        return members;
    }

    /** The profile's ttl, else the default bounded by max-ttl. */
    private static Duration ttl(ProfileOptions options) {
        Optional<Duration> ttl = options.ttl();
        Optional<Duration> max = options.duration(MAX_TTL);
        max.ifPresent(value -> {
            if (value.compareTo(Duration.ofSeconds(1)) < 0
                    || value.getNano() != 0
                    || value.compareTo(LONGEST_TTL) > 0) {
                options.problem(options.key(MAX_TTL) + " must be a whole number of seconds from 1s to "
                        + LONGEST_TTL.toSeconds() + "s (got " + value + ")");
            } else if (ttl.isPresent() && ttl.get().compareTo(value) > 0) {
                options.problem(options.key("ttl") + " is " + ttl.get().toSeconds() + "s, longer than max-ttl ("
                        + value.toSeconds() + "s)");
            }
        });
        return ttl.orElseGet(() -> max.filter(m -> m.compareTo(DEFAULT_TTL) < 0).orElse(DEFAULT_TTL));
    }

    /** A random {@code jti} of {@value #JWT_ID_BYTES} bytes, base64url. */
    private static String jwtId(SecureRandom random) {
        byte[] id = new byte[JWT_ID_BYTES];
        random.nextBytes(id);
        return BASE64URL.encodeToString(id);
    }

    /**
     * The profile's templated claims, in name order; a claim whose field the request lacks is left out. At least one
     * claim holding a field that identifies the user must be written: a token that names no user would fit everyone it
     * describes.
     *
     * @param templates the templates by claim name, in name order
     * @param accepted the request fields the claims name
     */
    private record Templates(Map<String, Template> templates, Set<IdentityField> accepted) implements JwtRules.Part {

        Templates {
            templates = Collections.unmodifiableMap(new LinkedHashMap<>(templates));
            accepted = Set.copyOf(accepted);
        }

        @Override
        public void writeTo(Map<String, Object> payload, Minting request) {
            boolean namesUser = false;
            for (Map.Entry<String, Template> claim : templates.entrySet()) {
                Optional<Object> value = claim.getValue().render(request.identity());
                value.ifPresent(v -> payload.put(claim.getKey(), v));
                namesUser |=
                        value.isPresent() && claim.getValue().fields().stream().anyMatch(IdentityField::identifies);
            }
            if (!namesUser) {
                Set<IdentityField> identifying =
                        accepted.stream().filter(IdentityField::identifies).collect(Collectors.toSet());
                IdentityField first = identifying.stream().sorted().findFirst().orElseThrow();
                throw new InvalidRequestException(
                        Reason.MISSING_FIELD,
                        first.jsonName(),
                        "the request has none of the "
                                + "fields that identify the user in the profile's claims ("
                                + Template.names(identifying)
                                + "): the token would name no user");
            }
        }

        /** A constant {@code iss} is what {@code /v1/verify} holds the profile's tokens to. */
        @Override
        public Optional<String> issuer(Optional<String> keyId) {
            return Optional.ofNullable(templates.get("iss")).flatMap(Template::constant);
        }
    }
}
