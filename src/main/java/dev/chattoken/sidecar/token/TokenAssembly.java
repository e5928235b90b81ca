package dev.chattoken.sidecar.token;

import dev.chattoken.sidecar.keys.KeyRing;
import dev.chattoken.sidecar.keys.SigningAlgorithm;
import dev.chattoken.sidecar.profile.Profile;
import dev.chattoken.sidecar.vendors.IdentityField;
import dev.chattoken.sidecar.vendors.InvalidRequestException;
import dev.chattoken.sidecar.vendors.TokenContent;
import dev.chattoken.sidecar.vendors.UserIdentity;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes one token of a profile, nothing else (no metrics, no log): refuses the fields the profile does not use, lets
 * the profile build what is signed, and signs it with the current key's own signer. The key, its id and its signer are
 * read in one step, so a token never pairs a key with another key's id. Each profile's encoded JWS header is kept while
 * its key (and so its {@code kid}) stays: it is the same for every token until a rotation.
 */
public final class TokenAssembly {

    /** A profile's JWS header as last encoded, with what it was made of. */
    private record Header(
            SigningAlgorithm algorithm, Optional<String> kid, Map<String, Object> members, String base64url) {
        boolean isFor(SigningAlgorithm algorithm, Optional<String> kid, Map<String, Object> members) {
            return this.algorithm == algorithm && this.kid.equals(kid) && this.members.equals(members);
        }
    }

    private final Map<String, Header> headers = new ConcurrentHashMap<>();

    /** @param now the request's time, in whole seconds */
    public MintedToken mint(Profile profile, UserIdentity identity, Instant now) {
        refuseUnusedFields(profile, identity);
        KeyRing.State keys = profile.keys().state();
        TokenContent content = profile.rules().build(identity, keys.keyId(), now);
        Optional<String> kid = Optional.empty();
        String token = switch (content) {
            case TokenContent.Jwt jwt -> {
                kid = profile.kid(keys.current(), keys.keyId());
                yield CompactJws.sign(header(profile, kid, jwt.header()), jwt.claims(), keys.signer());
            }
            case TokenContent.Hmac hmac -> { // the profile's HS256 signer is HMAC-SHA256 of the bytes it is given
                byte[] mac = keys.signer().sign(hmac.message().getBytes(StandardCharsets.UTF_8));
                yield switch (hmac.encoding()) {
                    case HEX -> HexFormat.of().formatHex(mac);
                    case BASE64 -> Base64.getEncoder().encodeToString(mac);
                };
            }
        };
        return new MintedToken(
                token,
                profile.name(),
                profile.vendor().id(),
                kid,
                content.expiresAt(),
                profile.rules().widgetFields(identity, token));
    }

    private String header(Profile profile, Optional<String> kid, Map<String, Object> members) {
        SigningAlgorithm algorithm = profile.rules().algorithm();
        Header last = headers.get(profile.name());
        if (last == null || !last.isFor(algorithm, kid, members)) {
            last = new Header(algorithm, kid, members, CompactJws.header(algorithm, kid, members));
            headers.put(profile.name(), last);
        }
        return last.base64url();
    }

    /** Refuses, by name, the first request field the profile's tokens have no place for. */
    static void refuseUnusedFields(Profile profile, UserIdentity identity) {
        for (IdentityField field : identity.present()) { // EnumSet: always the same first field for the same body
            if (!profile.rules().acceptedFields().contains(field)) {
                throw new InvalidRequestException(
                        InvalidRequestException.Reason.UNSUPPORTED_FIELD,
                        field.jsonName(),
                        field.jsonName() + " is not part of a "
                                + profile.vendor().id() + " token; leave it out");
            }
        }
    }
}
