package dev.chattoken.sidecar.vendors;

import java.util.Optional;

/** A claim's value for one request, as a profile's rules compute it. */
@FunctionalInterface
public interface ClaimValue {

    /**
     * The claim's value for {@code request}: a String, a Boolean, a Number, a Map or a List; empty leaves it out.
     *
     * @throws InvalidRequestException naming the request field that cannot make it
     */
    Optional<Object> of(Minting request);

    /**
     * The value whatever the request, where it does not depend on one (a constant, an option, the key id): what
     * {@code /v1/verify} holds a token's {@code iss} to. Empty for a value made from the request.
     */
    default Optional<Object> fixed(Optional<String> keyId) {
        return Optional.empty();
    }
}
