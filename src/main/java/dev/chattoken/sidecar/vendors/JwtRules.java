package dev.chattoken.sidecar.vendors;

import dev.chattoken.sidecar.keys.SigningAlgorithm;
import dev.chattoken.sidecar.keys.SigningKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rules of a profile whose token is a JWT: what its vendor's document says ({@link JwtSpec}), with the profile's
 * options read. A request is checked against {@link #requirements}, then each part of {@link #payload} writes its
 * claims, in order; nothing else is added.
 *
 * @param keyId how the header {@code kid} is made, and the form of an id read from {@code key-id-file}
 * @param header header members besides {@code alg}, {@code typ} and {@code kid} (Twilio's {@code cty})
 * @param ttl the token's lifetime: {@code exp} is the request's time plus it; empty: no {@code exp}
 * @param acceptedAge how long the vendor accepts a token without {@code exp} after its {@code iat} (Kustomer)
 * @param widget the answer's members besides {@code token}
 * @param acceptedFields the request fields the parts take; any other is refused
 */
public record JwtRules(
        SigningAlgorithm algorithm,
        KeyIdRule keyId,
        Map<String, Object> header,
        List<Requirement> requirements,
        List<Part> payload,
        Optional<Duration> ttl,
        Optional<Duration> acceptedAge,
        List<WidgetField> widget,
        boolean publishesCertificate,
        Set<IdentityField> acceptedFields)
        implements TokenRules {

    /** What a part of the payload writes for a request: one claim, or several (a request's extra claims). */
    @FunctionalInterface
    public interface Part {

        void writeTo(Map<String, Object> payload, Minting request);

        /** The {@code iss} this part writes whatever the request, if it writes one. */
        default Optional<String> issuer(Optional<String> keyId) {
            return Optional.empty();
        }

        /** One claim, left out when its value is empty. */
        static Part claim(String name, ClaimValue value) {
            return new Part() {
                @Override
                public void writeTo(Map<String, Object> payload, Minting request) {
                    Optional<Object> claim = value.of(request);
                    if (claim.isPresent()) {
                        payload.put(name, claim.get());
                    }
                }

                @Override
                public Optional<String> issuer(Optional<String> keyId) {
                    return name.equals("iss")
                            ? value.fixed(keyId)
                                    .filter(String.class::isInstance)
                                    .map(String.class::cast)
                            : Optional.empty();
                }
            };
        }
    }

    public JwtRules {
        header = Collections.unmodifiableMap(new LinkedHashMap<>(header));
        requirements = List.copyOf(requirements);
        payload = List.copyOf(payload);
        widget = List.copyOf(widget);
        acceptedFields = Set.copyOf(acceptedFields);
    }

    @Override
    public boolean signsJwt() {
        return true;
    }

    @Override
    public TokenContent build(UserIdentity identity, Optional<String> keyId, Instant now) {
        // indexed loops and no lambdas: this runs for every token, on the event loop
        for (int i = 0; i < requirements.size(); i++) {
            requirements.get(i).check(identity);
        }
        Optional<Instant> expiresAt = ttl.isPresent()
                ? Optional.of(
                        Instant.ofEpochSecond(now.getEpochSecond() + ttl.get().toSeconds()))
                : Optional.empty();
        Minting request = new Minting(identity, keyId, now, expiresAt);
        Map<String, Object> claims = new LinkedHashMap<>();
        for (int i = 0; i < payload.size(); i++) {
            payload.get(i).writeTo(claims, request);
        }
        return new TokenContent.Jwt(header, claims, expiresAt);
    }

    @Override
    public Optional<String> kid(SigningKey key, Optional<String> issued) {
        return keyId.kid(key, issued);
    }

    @Override
    public Optional<Duration> maxTokenLifetime() {
        return ttl.or(() -> acceptedAge);
    }

    /** Whether every token has {@code exp}: not where the vendor judges tokens by their {@code iat} (Kustomer). */
    @Override
    public boolean alwaysExpires() {
        return ttl.isPresent();
    }

    @Override
    public Optional<String> keyIdProblem(String issued) {
        return keyId.problem(issued);
    }

    @Override
    public Optional<String> issuer(Optional<String> issued) {
        return payload.stream().flatMap(part -> part.issuer(issued).stream()).findFirst();
    }

    @Override
    public Map<String, String> widgetFields(UserIdentity identity, String token) {
        if (widget.isEmpty()) {
            return Map.of();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        widget.forEach(field -> fields.put(field.name(), field.value(identity, token)));
        return fields;
    }
}
