package dev.chattoken.sidecar.vendors;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A JWT vendor's token as its document states it, declared in the order the document gives it: the algorithm, the key
 * id, header members, each claim and where it comes from, the time rules, the widget's answer fields. The profile
 * options the vendor reads, and the request fields it takes, follow from the declaration; {@link #example} ends it.
 * Each profile's {@link JwtRules} are this declaration with the profile's options read.
 */
public final class JwtSpec {

    private static final String ISSUED_AT = "iat";
    private static final String EXPIRES_AT = "exp";

    private final String id;
    private final AlgorithmRule algorithm;
    private KeyIdRule keyId = KeyIdRule.none();
    private final Map<String, Object> header = new LinkedHashMap<>();
    private final List<Declared> payload = new ArrayList<>();
    private final List<Requirement> requirements = new ArrayList<>();
    private Optional<Lifetime> lifetime = Optional.empty();
    private boolean issuedAt;
    private Optional<Duration> acceptedAge = Optional.empty();
    private final List<WidgetField> widget = new ArrayList<>();
    private boolean publishesCertificate;

    /**
     * A part of the payload as declared: the options it reads, the request fields it takes, and the part it is for a
     * profile.
     */
    private record Declared(
            List<Option> options, Set<IdentityField> fields, Function<ProfileOptions, JwtRules.Part> part) {}

    JwtSpec(String id, AlgorithmRule algorithm) {
        this.id = id;
        this.algorithm = algorithm;
    }

    /** What the vendor does with the id issued with the key (default: the tokens carry none). */
    public JwtSpec keyId(KeyIdRule rule) {
        this.keyId = rule;
        return this;
    }

    /** A constant header member besides {@code alg}, {@code typ} and {@code kid}. */
    public JwtSpec header(String name, String value) {
        header.put(name, value);
        return this;
    }

    /** The next claim of the payload. */
    public JwtSpec claim(String name, ClaimSource source) {
        payload.add(new Declared(
                source.options(), source.fields(), options -> JwtRules.Part.claim(name, source.configure(options))));
        return this;
    }

    /** Claims named as the request fields they hold ({@code email}, {@code email_verified}), each when given. */
    public JwtSpec optionalClaims(IdentityField... fields) {
        for (IdentityField field : fields) {
            claim(field.jsonName(), ClaimSource.optional(field));
        }
        return this;
    }

    /** {@code iat}, the request's time in seconds. */
    public JwtSpec issuedAt() {
        issuedAt = true;
        return claim(
                ISSUED_AT,
                ClaimSource.fromRequest(
                        Set.of(), request -> Optional.of(request.now().getEpochSecond())));
    }

    /** {@code exp}, the request's time plus the profile's lifetime, by {@code lifetime}'s rule. */
    public JwtSpec expiresAt(Lifetime rule) {
        this.lifetime = Optional.of(rule);
        return claim(
                EXPIRES_AT,
                ClaimSource.fromRequest(Set.of(), request -> request.expiresAt().map(Instant::getEpochSecond)));
    }

    /** A token without {@code exp} that the vendor accepts for {@code age} after its {@code iat} (Kustomer). */
    public JwtSpec acceptedFor(Duration age) {
        this.acceptedAge = Optional.of(age);
        return this;
    }

    /**
     * The request's extra claims ({@code claims}), each written as the vendor's rule returns them: the rule refuses
     * (400, naming the claim) what the vendor does not take, and returns the claims in the order they are written.
     */
    public JwtSpec extraClaims(UnaryOperator<Map<String, Object>> checked) {
        payload.add(new Declared(
                List.of(),
                Set.of(IdentityField.CLAIMS),
                options -> (claims, request) ->
                        request.identity().claims().ifPresent(extra -> claims.putAll(checked.apply(extra)))));
        return this;
    }

    /** A request must have {@code named} or {@code other}; without either it is refused naming {@code named}. */
    public JwtSpec requireOneOf(IdentityField named, IdentityField other, String detail) {
        requirements.add(new Requirement(Set.of(named, other), named, detail));
        return this;
    }

    /** A member of the answer besides {@code token}. */
    public JwtSpec widgetField(WidgetField field) {
        widget.add(field);
        return this;
    }

    /** The profile's JWKS carries a self-signed certificate of each key ({@code x5c}). */
    public JwtSpec publishesCertificate() {
        this.publishesCertificate = true;
        return this;
    }

    /** Ends the declaration with a profile and a request that work. */
    public VendorSpec example(Map<String, String> options, String request) {
        Declaration declaration = new Declaration(
                algorithm,
                keyId,
                new LinkedHashMap<>(header),
                List.copyOf(payload),
                List.copyOf(requirements),
                lifetime,
                acceptedAge,
                List.copyOf(widget),
                publishesCertificate,
                fields());
        return new VendorSpec(id, options(), declaration::configure, new Example(options, request));
    }

    private List<Option> options() {
        Set<Option> options = new LinkedHashSet<>();
        algorithm.option().ifPresent(options::add);
        keyId.option().ifPresent(options::add);
        payload.forEach(part -> options.addAll(part.options()));
        lifetime.ifPresent(rule -> options.add(rule.option(issuedAt ? "iat, exp" : "exp")));
        return List.copyOf(options);
    }

    private Set<IdentityField> fields() {
        Set<IdentityField> fields = EnumSet.noneOf(IdentityField.class);
        payload.forEach(part -> fields.addAll(part.fields()));
        requirements.forEach(requirement -> fields.addAll(requirement.anyOf()));
        widget.forEach(field -> field.field().ifPresent(fields::add));
        return fields;
    }

    /** The declaration, frozen: what each profile of the vendor is configured from. */
    private record Declaration(
            AlgorithmRule algorithm,
            KeyIdRule keyId,
            Map<String, Object> header,
            List<Declared> payload,
            List<Requirement> requirements,
            Optional<Lifetime> lifetime,
            Optional<Duration> acceptedAge,
            List<WidgetField> widget,
            boolean publishesCertificate,
            Set<IdentityField> fields) {

        TokenRules configure(ProfileOptions options) {
            return new JwtRules(
                    algorithm.configure(options),
                    keyId,
                    header,
                    requirements,
                    payload.stream().map(part -> part.part().apply(options)).toList(),
                    lifetime.map(rule -> options.ttl().orElse(rule.byDefault())),
                    acceptedAge,
                    widget,
                    publishesCertificate,
                    fields);
        }
    }
}
