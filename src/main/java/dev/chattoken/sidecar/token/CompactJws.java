package dev.chattoken.sidecar.token;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.jose4j.json.JsonUtil;

import dev.chattoken.sidecar.crypto.Signer;
import dev.chattoken.sidecar.keys.SigningAlgorithm;

/**
 * A JWS in compact form, signed by the key's own {@link Signer}: {@code base64url(header) "." base64url(payload)
 * "." base64url(signature)}. The JSON is written by jose4j, as SmallRye JWT wrote it before (the claims as given,
 * in order), and the header members keep the order SmallRye's gave them ({@code kid}, {@code typ}, {@code alg}),
 * so the tokens are byte for byte what earlier versions minted.
 */
final class CompactJws {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private CompactJws() {
    }

    /**
     * @param members header members of the vendor's besides kid, typ and alg (Twilio's {@code cty}), first
     * @param claims  the payload: nested objects are Maps, arrays are Lists, as {@link dev.chattoken.sidecar.vendors.TokenContent} holds them
     */
    static String sign(SigningAlgorithm algorithm, Optional<String> kid, Map<String, Object> members,
            Map<String, Object> claims, Signer signer) {
        Map<String, Object> header = new LinkedHashMap<>(members);
        kid.ifPresent(k -> header.put("kid", k));
        header.put("typ", "JWT");
        header.put("alg", algorithm.name());
        String signingInput = base64url(JsonUtil.toJson(header)) + '.' + base64url(JsonUtil.toJson(claims));
        return signingInput + '.' + BASE64URL.encodeToString(signer.sign(signingInput.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String base64url(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
