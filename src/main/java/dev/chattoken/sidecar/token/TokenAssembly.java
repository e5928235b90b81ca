package dev.chattoken.sidecar.token;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import dev.chattoken.sidecar.keys.KeyRing;
import dev.chattoken.sidecar.profile.Profile;
import dev.chattoken.sidecar.vendors.IdentityField;
import dev.chattoken.sidecar.vendors.InvalidRequestException;
import dev.chattoken.sidecar.vendors.TokenContent;
import dev.chattoken.sidecar.vendors.UserIdentity;

/**
 * Makes one token of a profile, nothing else (no metrics, no log): refuses the fields the profile does not use, lets
 * the profile build what is signed, and signs it with the current key's own signer. The key, its id and its signer
 * are read in one step, so a token never pairs a key with another key's id.
 */
public final class TokenAssembly {

    private TokenAssembly() {
    }

    /** @param now the request's time, in whole seconds */
    public static MintedToken mint(Profile profile, UserIdentity identity, Instant now) {
        refuseUnusedFields(profile, identity);
        KeyRing.State keys = profile.keys().state();
        TokenContent content = profile.rules().build(identity, keys.keyId(), now);
        Optional<String> kid = Optional.empty();
        String token = switch (content) {
            case TokenContent.Jwt jwt -> {
                kid = profile.kid(keys.current(), keys.keyId());
                yield CompactJws.sign(profile.rules().algorithm(), kid, jwt.header(), jwt.claims(), keys.signer());
            }
            case TokenContent.Hmac hmac -> { // the profile's HS256 signer is HMAC-SHA256 of the bytes it is given
                byte[] mac = keys.signer().sign(hmac.message().getBytes(StandardCharsets.UTF_8));
                yield switch (hmac.encoding()) {
                    case HEX -> HexFormat.of().formatHex(mac);
                    case BASE64 -> Base64.getEncoder().encodeToString(mac);
                };
            }
        };
        return new MintedToken(token, profile.name(), profile.vendor().id(), kid, content.expiresAt(),
                profile.rules().widgetFields(identity, token));
    }

    private static void refuseUnusedFields(Profile profile, UserIdentity identity) {
        for (IdentityField field : identity.present()) { // EnumSet: always the same first field for the same body
            if (!profile.rules().acceptedFields().contains(field)) {
                throw new InvalidRequestException(InvalidRequestException.Reason.UNSUPPORTED_FIELD, field.jsonName(),
                        field.jsonName() + " is not part of a " + profile.vendor().id() + " token; leave it out");
            }
        }
    }
}
