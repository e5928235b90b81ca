package dev.chattoken.sidecar.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.lang.HashUtil;
import org.jose4j.lang.JoseException;

/**
 * RSA private key files in the three forms vendors' docs and tools produce: PEM PKCS#8 ({@code BEGIN PRIVATE KEY},
 * OpenSSL 3), PEM PKCS#1 ({@code BEGIN RSA PRIVATE KEY}, older OpenSSL and the Kindly doc; SmallRye does not read it),
 * both read by {@link PemPrivateKeys}, and a JWK (a single key, or a set holding exactly one).
 */
final class RsaPrivateKeys {

    private RsaPrivateKeys() {}

    static RsaKeyPair parse(byte[] content) throws KeyFileException {
        String text = new String(content, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            throw new KeyFileException("is empty: expected an RSA private key (PEM or JWK)");
        }
        if (text.startsWith("{")) {
            return fromJwk(text);
        }
        if (!text.contains("-----BEGIN ")) {
            throw new KeyFileException("is neither a PEM private key nor a JWK");
        }
        PemPrivateKeys.Read pem = PemPrivateKeys.read(text, "RSA");
        return switch (pem.label()) {
            case "PRIVATE KEY" -> fromPkcs8(pem.key(), "PKCS#8");
            case "RSA PRIVATE KEY" -> fromPkcs8(pem.key(), "PKCS#1");
            default ->
                throw new KeyFileException("holds an " + pem.label() + " block, but the profile signs with RSA "
                        + "(RS256, RS384, RS512, PS256) and needs an RSA key");
        };
    }

    private static RsaKeyPair fromPkcs8(PrivateKeyInfo info, String form) throws KeyFileException {
        PrivateKey key;
        try {
            key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw new KeyFileException(
                    "is not a valid " + form + " RSA private key (corrupt, or a key of another type)");
        }
        if (!(key instanceof RSAPrivateCrtKey crt)) {
            throw new KeyFileException("holds an RSA key without its public exponent (not a CRT key)");
        }
        try {
            RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
            return pair(crt, publicKey);
        } catch (GeneralSecurityException e) {
            throw new KeyFileException("holds an RSA key whose public half is invalid");
        }
    }

    private static RsaKeyPair fromJwk(String json) throws KeyFileException {
        JsonWebKey jwk;
        try {
            jwk = single(json);
        } catch (JoseException | RuntimeException e) {
            throw new KeyFileException("is not a valid JWK (" + e.getClass().getSimpleName() + ")");
        }
        if (!(jwk instanceof RsaJsonWebKey rsa)) {
            throw new KeyFileException("holds a JWK of type '" + jwk.getKeyType()
                    + "', but the profile signs with RSA (RS256, RS384, RS512, PS256) and needs an RSA key");
        }
        RSAPrivateKey privateKey = rsa.getRsaPrivateKey();
        if (privateKey == null) {
            throw new KeyFileException("holds a public JWK (no 'd'), but signing needs the RSA private key");
        }
        return pair(privateKey, rsa.getRsaPublicKey());
    }

    private static JsonWebKey single(String json) throws JoseException, KeyFileException {
        if (json.contains("\"keys\"")) {
            List<JsonWebKey> keys = new JsonWebKeySet(json).getJsonWebKeys();
            if (keys.size() != 1) {
                throw new KeyFileException("holds a JWK set of " + keys.size() + " keys; mount exactly one key");
            }
            return keys.get(0);
        }
        return JsonWebKey.Factory.newJwk(json);
    }

    private static RsaKeyPair pair(RSAPrivateKey privateKey, RSAPublicKey publicKey) throws KeyFileException {
        if (!privateKey.getModulus().equals(publicKey.getModulus())) {
            throw new KeyFileException("holds a private and a public key that do not match");
        }
        int bits = publicKey.getModulus().bitLength();
        if (bits < RsaKeyPair.MIN_BITS) {
            throw new KeyFileException(
                    "holds a " + bits + "-bit RSA key; at least " + RsaKeyPair.MIN_BITS + " bits are required");
        }
        String thumbprint;
        try {
            thumbprint = new RsaJsonWebKey(publicKey).calculateBase64urlEncodedThumbprint(HashUtil.SHA_256);
        } catch (RuntimeException e) {
            throw new KeyFileException("holds an RSA key whose thumbprint cannot be computed");
        }
        return new RsaKeyPair(privateKey, publicKey, thumbprint, Fingerprints.ofPublicKey(publicKey));
    }
}
