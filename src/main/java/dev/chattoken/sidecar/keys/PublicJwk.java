package dev.chattoken.sidecar.keys;

import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * The public half of a key as a JWK: {@code kty}, {@code kid}, {@code use}, {@code alg}, and {@code n}, {@code e} for
 * RSA or {@code crv}, {@code x}, {@code y} for EC; with {@code x5c} and {@code x5t#S256} when the profile publishes a
 * certificate of the key.
 */
public final class PublicJwk {

    private PublicJwk() {}

    public static Map<String, Object> of(
            KeyPairKey key, String kid, SigningAlgorithm algorithm, Optional<X509Certificate> certificate) {
        PublicJsonWebKey jwk;
        try {
            jwk = PublicJsonWebKey.Factory.newPublicJwk(key.publicKey());
        } catch (JoseException e) {
            throw new IllegalStateException("an RSA or EC public key has a JWK form", e);
        }
        jwk.setKeyId(kid);
        jwk.setUse("sig");
        jwk.setAlgorithm(algorithm.name());
        certificate.ifPresent(c -> {
            jwk.setCertificateChain(c);
            jwk.setX509CertificateSha256Thumbprint(jwk.getX509CertificateSha256Thumbprint(true));
        });
        return jwk.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }
}
