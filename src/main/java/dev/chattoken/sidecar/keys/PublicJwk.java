package dev.chattoken.sidecar.keys;

import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;

/**
 * The public half of an RSA key as a JWK ({@code kty}, {@code kid}, {@code use}, {@code alg}, {@code n}, {@code e}),
 * with {@code x5c} and {@code x5t#S256} when the profile publishes a certificate of the key.
 */
public final class PublicJwk {

    private PublicJwk() {
    }

    public static Map<String, Object> of(RsaKeyPair key, String kid, SigningAlgorithm algorithm,
            Optional<X509Certificate> certificate) {
        RsaJsonWebKey jwk = new RsaJsonWebKey(key.publicKey());
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
