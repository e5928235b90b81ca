package dev.chattoken.sidecar.token;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.chattoken.sidecar.crypto.Signer;
import dev.chattoken.sidecar.keys.SigningAlgorithm;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A JWS in compact form, signed by the key's own {@link Signer}: {@code base64url(header) "." base64url(payload) "."
 * base64url(signature)}. The header members keep the order SmallRye JWT gave them ({@code kid}, {@code typ},
 * {@code alg}) after the vendor's own, and the claims keep the order the vendor put them in. The JSON is written by
 * Jackson straight to UTF-8 bytes: jose4j's writer (json-simple, a synchronized {@code StringBuffer} per value) costs
 * several times what Jackson does on the request path (README "Framework defaults replaced"). The JSON means the same;
 * its bytes differ only where json-simple escapes what JSON does not require ({@code /} as {@code \/}, some non-ASCII
 * ranges as {@code \\uXXXX}).
 */
final class CompactJws {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    /** Immutable once built and thread-safe: one writer for every token. */
    private static final ObjectWriter JSON = new ObjectMapper().writer();

    private CompactJws() {}

    /**
     * The base64url of a token's header: fixed for a profile while its key stays, so that it is made once per key
     * ({@link TokenAssembly}).
     *
     * @param members header members of the vendor's besides kid, typ and alg (Twilio's {@code cty}), first
     */
    static String header(SigningAlgorithm algorithm, Optional<String> kid, Map<String, Object> members) {
        Map<String, Object> header = new LinkedHashMap<>(members);
        kid.ifPresent(k -> header.put("kid", k));
        header.put("typ", "JWT");
        header.put("alg", algorithm.name());
        return BASE64URL.encodeToString(json(header));
    }

    /**
     * @param header the header's base64url ({@link #header})
     * @param claims the payload: nested objects are Maps, arrays are Lists, as
     *     {@link dev.chattoken.sidecar.vendors.TokenContent} holds them
     */
    static String sign(String header, Map<String, Object> claims, Signer signer) {
        String signingInput = header + '.' + BASE64URL.encodeToString(json(claims));
        return signingInput
                + '.'
                + BASE64URL.encodeToString(signer.sign(signingInput.getBytes(StandardCharsets.US_ASCII)));
    }

    private static byte[] json(Map<String, Object> value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (
                JsonProcessingException e) { // Maps, Lists, strings, numbers and booleans: nothing Jackson cannot write
            throw new IllegalStateException(
                    "a token's JSON could not be written: " + e.getClass().getSimpleName());
        }
    }
}
