package dev.chattoken.sidecar.vendors;

import dev.chattoken.sidecar.vendors.InvalidRequestException.Reason;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** What every vendor that takes a request's extra claims ({@code claims}) holds them to, before its own rules. */
final class ExtraClaims {

    static final int MAX_CLAIMS = 32;
    static final int MAX_NAME_LENGTH = 128;

    private ExtraClaims() {}

    /**
     * The request's extra claims as they will be written, in the request's order, or a refusal naming the claim: at
     * most {@value #MAX_CLAIMS}, names of 1 to {@value #MAX_NAME_LENGTH} characters without an unpaired surrogate and
     * not {@code __proto__} (nor inside a value), none of {@code reserved} (400 reserved-claim), values as
     * {@link Fields#claimValue} takes them (nothing that would change on its way into the token).
     *
     * @param why completes "claims may not set 'x': " for a reserved name
     */
    static Map<String, Object> checked(Map<String, Object> claims, Set<String> reserved, Function<String, String> why) {
        if (claims.size() > MAX_CLAIMS) {
            throw Fields.invalid("claims", "claims holds more than " + MAX_CLAIMS + " entries");
        }
        Map<String, Object> checked = new LinkedHashMap<>();
        claims.forEach((name, value) -> {
            String field = "claims." + name;
            if (reserved.contains(name)) {
                throw new InvalidRequestException(
                        Reason.RESERVED_CLAIM, field, "claims may not set '" + name + "': " + why.apply(name));
            }
            if (name.isBlank() || name.length() > MAX_NAME_LENGTH) {
                throw Fields.invalid(field, "claim names must be 1 to " + MAX_NAME_LENGTH + " characters");
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
