package dev.chattoken.sidecar.support;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/** Keys made in the test, written the way OpenSSL writes them. */
public final class TestKeys {

    private TestKeys() {}

    public static KeyPair rsa2048() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] pkcs8Pem(KeyPair pair) {
        return pem("PRIVATE KEY", pair.getPrivate().getEncoded()).getBytes(StandardCharsets.US_ASCII);
    }

    public static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der) + "\n-----END " + label + "-----\n";
    }

    /**
     * The key pair as a private JWK with every member RFC 7518 lists (n, e, d and the CRT values), written by Nimbus.
     */
    public static byte[] jwk(KeyPair pair) {
        return new com.nimbusds.jose.jwk.RSAKey.Builder((RSAPublicKey) pair.getPublic())
                .privateKey((RSAPrivateKey) pair.getPrivate())
                .build()
                .toJSONString()
                .getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * A private JWK with {@code n}, {@code e} and {@code d} only (valid per RFC 7518 6.3.2, and what libcrypto cannot
     * sign with). With {@code d} of another key it is a key whose private half does not belong to its public one.
     */
    public static byte[] jwkWithoutCrt(RSAPublicKey publicKey, BigInteger d) {
        return new com.nimbusds.jose.jwk.RSAKey.Builder(publicKey)
                .privateExponent(com.nimbusds.jose.util.Base64URL.encode(d))
                .build()
                .toJSONString()
                .getBytes(StandardCharsets.US_ASCII);
    }

    public static byte[] jwkWithoutCrt(KeyPair pair) {
        return jwkWithoutCrt(
                (RSAPublicKey) pair.getPublic(), ((RSAPrivateCrtKey) pair.getPrivate()).getPrivateExponent());
    }

    /** A fixture's PKCS#8 private key, read with the JDK (for tests that forge tokens with it). */
    public static RSAPrivateKey fixturePrivateKey(String pkcs8PemFile) throws Exception {
        String pem = Files.readString(Tokens.KEYS.resolve(pkcs8PemFile));
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    }
}
