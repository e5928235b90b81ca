package dev.chattoken.sidecar.vendors;

import java.util.Set;

/**
 * A rule on a request beyond each claim's own: at least one of {@link #anyOf} is present, else 400 missing-field naming
 * {@link #named} (Kustomer identifies the customer by {@code user_id} or {@code email}; a declared {@code jwt}'s
 * {@code required-fields}).
 */
public record Requirement(Set<IdentityField> anyOf, IdentityField named, String detail) {

    public Requirement {
        anyOf = Set.copyOf(anyOf);
    }

    void check(UserIdentity identity) {
        Set<IdentityField> present = identity.present();
        if (anyOf.stream().noneMatch(present::contains)) {
            throw new InvalidRequestException(InvalidRequestException.Reason.MISSING_FIELD, named.jsonName(), detail);
        }
    }
}
