package dev.chattoken.sidecar.keys;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.lang.HashUtil;
import org.jose4j.lang.JoseException;

/**
 * RSA private key files in the three forms vendors' docs and tools produce: PEM PKCS#8
 * ({@code BEGIN PRIVATE KEY}, OpenSSL 3), PEM PKCS#1 ({@code BEGIN RSA PRIVATE KEY}, older OpenSSL and the Kindly
 * doc; SmallRye does not read it) and a JWK (a single key, or a set holding exactly one).
 */
final class RsaPrivateKeys {

    private static final Pattern PEM_BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);

    /** DER of AlgorithmIdentifier { rsaEncryption (1.2.840.113549.1.1.1), NULL }. */
    private static final byte[] RSA_ALGORITHM_IDENTIFIER = {
            0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00 };

    private RsaPrivateKeys() {
    }

    static RsaKeyPair parse(byte[] content) throws KeyFileException {
        String text = new String(content, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            throw new KeyFileException("is empty: expected an RSA private key (PEM or JWK)");
        }
        if (text.startsWith("{")) {
            return fromJwk(text);
        }
        Matcher pem = PEM_BLOCK.matcher(text);
        if (!pem.find()) {
            throw new KeyFileException(text.startsWith("-----BEGIN")
                    ? "holds a truncated PEM block (no matching END line)"
                    : "is neither a PEM private key nor a JWK");
        }
        String label = pem.group(1);
        String body = pem.group(2);
        return switch (label) {
            case "PRIVATE KEY" -> fromPkcs8(base64(body), "PKCS#8");
            case "RSA PRIVATE KEY" -> {
                if (body.contains("ENCRYPTED")) {
                    throw new KeyFileException("holds an encrypted PKCS#1 key: mount the key without a passphrase");
                }
                yield fromPkcs8(pkcs1ToPkcs8(base64(body)), "PKCS#1");
            }
            case "ENCRYPTED PRIVATE KEY" ->
                throw new KeyFileException("holds an encrypted PKCS#8 key: mount the key without a passphrase");
            case "PUBLIC KEY", "RSA PUBLIC KEY", "CERTIFICATE" ->
                throw new KeyFileException("holds a " + label.toLowerCase() + ", but signing needs the RSA private key");
            case "EC PRIVATE KEY", "OPENSSH PRIVATE KEY", "DSA PRIVATE KEY" ->
                throw new KeyFileException("holds an " + label + " block, but the profile signs with RSA (RS256, RS384, RS512, PS256) and needs an RSA key");
            default -> throw new KeyFileException("holds a PEM '" + label + "' block, not an RSA private key");
        };
    }

    private static RsaKeyPair fromPkcs8(byte[] der, String form) throws KeyFileException {
        PrivateKey key;
        try {
            key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new KeyFileException("is not a valid " + form + " RSA private key (corrupt, or a key of another type)");
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
            throw new KeyFileException("holds a JWK of type '" + jwk.getKeyType() + "', but the profile signs with RSA (RS256, RS384, RS512, PS256) and needs an RSA key");
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
            throw new KeyFileException("holds a " + bits + "-bit RSA key; at least " + RsaKeyPair.MIN_BITS + " bits are required");
        }
        String thumbprint;
        try {
            thumbprint = new RsaJsonWebKey(publicKey).calculateBase64urlEncodedThumbprint(HashUtil.SHA_256);
        } catch (RuntimeException e) {
            throw new KeyFileException("holds an RSA key whose thumbprint cannot be computed");
        }
        return new RsaKeyPair(privateKey, publicKey, thumbprint, Fingerprints.ofPublicKey(publicKey));
    }

    private static byte[] base64(String pemBody) throws KeyFileException {
        StringBuilder b64 = new StringBuilder(pemBody.length());
        for (String line : pemBody.split("\\R")) {
            if (!line.contains(":")) { // RFC 1421 headers (Proc-Type, DEK-Info) are not key data
                b64.append(line.strip());
            }
        }
        try {
            return Base64.getDecoder().decode(b64.toString());
        } catch (IllegalArgumentException e) {
            throw new KeyFileException("holds a PEM block whose body is not valid base64");
        }
    }

    /**
     * Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo, which the JDK's KeyFactory reads:
     * {@code SEQUENCE { INTEGER 0, AlgorithmIdentifier rsaEncryption, OCTET STRING pkcs1 }}.
     */
    static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
        ByteArrayOutputStream inner = new ByteArrayOutputStream(pkcs1.length + 32);
        inner.writeBytes(new byte[] { 0x02, 0x01, 0x00 });
        inner.writeBytes(RSA_ALGORITHM_IDENTIFIER);
        inner.write(0x04);
        inner.writeBytes(derLength(pkcs1.length));
        inner.writeBytes(pkcs1);
        ByteArrayOutputStream outer = new ByteArrayOutputStream(inner.size() + 8);
        outer.write(0x30);
        outer.writeBytes(derLength(inner.size()));
        outer.writeBytes(inner.toByteArray());
        return outer.toByteArray();
    }

    private static byte[] derLength(int length) {
        if (length < 0x80) {
            return new byte[] { (byte) length };
        }
        int bytes = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
        byte[] encoded = new byte[bytes + 1];
        encoded[0] = (byte) (0x80 | bytes);
        for (int i = bytes; i > 0; i--) {
            encoded[i] = (byte) length;
            length >>>= 8;
        }
        return encoded;
    }
}
