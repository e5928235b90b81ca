package dev.chattoken.sidecar.keys;

import java.util.Map;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;

/** The public half of an RSA key as a JWK ({@code kty}, {@code kid}, {@code use}, {@code alg}, {@code n}, {@code e}). */
public final class PublicJwk {

    private PublicJwk() {
    }

    public static Map<String, Object> of(RsaKeyPair key, String kid, SigningAlgorithm algorithm) {
        RsaJsonWebKey jwk = new RsaJsonWebKey(key.publicKey());
        jwk.setKeyId(kid);
        jwk.setUse("sig");
        jwk.setAlgorithm(algorithm.name());
        return jwk.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }
}
