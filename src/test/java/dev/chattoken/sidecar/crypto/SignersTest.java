package dev.chattoken.sidecar.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.util.Base64URL;
import dev.chattoken.sidecar.support.TestKeys;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPrivateKeySpec;
import java.util.Optional;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Each key's signer is proven when it is made: a key whose signatures would not verify gets none. */
class SignersTest {

    private static final Signers JDK = Signers.jdk();

    private static RSAPrivateKey withoutCrt(BigInteger n, BigInteger d) throws Exception {
        return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateKeySpec(n, d));
    }

    private static JWSObject signed(Signer signer, JWSAlgorithm algorithm) throws Exception {
        JWSObject jws = new JWSObject(new JWSHeader(algorithm), new Payload("{\"sub\":\"u\"}"));
        byte[] signature = signer.sign(jws.getSigningInput());
        return new JWSObject(
                jws.getHeader().toBase64URL(), jws.getPayload().toBase64URL(), Base64URL.encode(signature));
    }

    @Test
    void anRsaKeySignsThroughItsSignerAndNimbusVerifies() throws Exception {
        KeyPair pair = TestKeys.rsa2048();
        Signer signer = JDK.rsa((RSAPrivateKey) pair.getPrivate(), (RSAPublicKey) pair.getPublic(), RsaAlgorithm.RS256);
        assertEquals("the JDK", signer.implementation());
        assertEquals(Optional.empty(), signer.libcryptoRefusal(), "libcrypto was not tried on the JVM");
        assertTrue(signed(signer, JWSAlgorithm.RS256).verify(new RSASSAVerifier((RSAPublicKey) pair.getPublic())));
        assertEquals(0, JDK.libcryptoKeys());
    }

    @Test
    void rs512IsSha512AndNimbusVerifiesItAsRs512Only() throws Exception {
        KeyPair pair = TestKeys.rsa2048();
        RSAPublicKey publicKey = (RSAPublicKey) pair.getPublic();
        Signer signer = JDK.rsa((RSAPrivateKey) pair.getPrivate(), publicKey, RsaAlgorithm.RS512);
        assertTrue(signed(signer, JWSAlgorithm.RS512).verify(new RSASSAVerifier(publicKey)));
        assertFalse(
                signed(signer, JWSAlgorithm.RS256).verify(new RSASSAVerifier(publicKey)),
                "not SHA-256 under another name");
    }

    @Test
    void aKeyWithNEAndDOnlySigns() throws Exception {
        KeyPair pair = TestKeys.rsa2048();
        RSAPublicKey publicKey = (RSAPublicKey) pair.getPublic();
        Signer signer = JDK.rsa(
                withoutCrt(publicKey.getModulus(), ((RSAPrivateCrtKey) pair.getPrivate()).getPrivateExponent()),
                publicKey,
                RsaAlgorithm.RS256);
        assertTrue(signed(signer, JWSAlgorithm.RS256).verify(new RSASSAVerifier(publicKey)));
    }

    @Test
    void aPrivateExponentOfAnotherKeyIsRefused() throws Exception {
        KeyPair pair = TestKeys.rsa2048();
        KeyPair other = TestKeys.rsa2048();
        RSAPublicKey publicKey = (RSAPublicKey) pair.getPublic();
        RSAPrivateKey mismatched =
                withoutCrt(publicKey.getModulus(), ((RSAPrivateCrtKey) other.getPrivate()).getPrivateExponent());
        String reason = assertThrows(
                        UnusableKeyException.class, () -> JDK.rsa(mismatched, publicKey, RsaAlgorithm.RS256))
                .getMessage();
        assertEquals(
                "holds an RSA private key that does not belong to its public key: a test signature made with it does "
                        + "not verify",
                reason);
    }

    @Test
    void anHmacSecretSignsAndNimbusVerifies() throws Exception {
        byte[] secret = "an-hmac-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8);
        Signer signer = JDK.hmac(new SecretKeySpec(secret, "HmacSHA256"), "HmacSHA256");
        assertTrue(signed(signer, JWSAlgorithm.HS256).verify(new MACVerifier(secret)));
    }

    @Test
    void ps256IsPssWithSha256AndNimbusVerifiesItAsPs256Only() throws Exception {
        KeyPair pair = TestKeys.rsa2048();
        RSAPublicKey publicKey = (RSAPublicKey) pair.getPublic();
        Signer signer = JDK.ps256((RSAPrivateKey) pair.getPrivate(), publicKey);
        assertTrue(signed(signer, JWSAlgorithm.PS256).verify(new RSASSAVerifier(publicKey)));
        assertFalse(signed(signer, JWSAlgorithm.RS256).verify(new RSASSAVerifier(publicKey)), "not PKCS#1 v1.5");
        assertFalse(
                java.util.Arrays.equals(signer.sign(new byte[] {1}), signer.sign(new byte[] {1})),
                "a random salt: two signatures of one message differ");
        KeyPair other = TestKeys.rsa2048();
        assertEquals(
                "holds an RSA private key that does not belong to its public key: a test PS256 signature made with "
                        + "it does not verify",
                assertThrows(UnusableKeyException.class, () -> JDK.ps256((RSAPrivateKey) other.getPrivate(), publicKey))
                        .getMessage());
    }

    @Test
    void es256IsRawRAndSOfP256AndAnotherKeysPublicHalfIsRefused() throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
        generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        ECPublicKey publicKey = (ECPublicKey) pair.getPublic();
        Signer signer = JDK.es256((ECPrivateKey) pair.getPrivate(), publicKey);
        JWSObject jws = signed(signer, JWSAlgorithm.ES256);
        assertEquals(64, jws.getSignature().decode().length, "R || S, 32 bytes each: not DER");
        assertTrue(jws.verify(new ECDSAVerifier(publicKey)));
        ECPublicKey otherPublic = (ECPublicKey) generator.generateKeyPair().getPublic();
        assertEquals(
                "holds an EC private key that does not belong to its public key: a test ES256 signature made with "
                        + "it does not verify",
                assertThrows(UnusableKeyException.class, () -> JDK.es256((ECPrivateKey) pair.getPrivate(), otherPublic))
                        .getMessage());
    }

    @Test
    void hs384AndHs512AreTheirHashesAndNimbusVerifies() throws Exception {
        byte[] secret =
                "an-hmac-secret-of-sixty-four-bytes-for-hs512-0123456789abcdefghi".getBytes(StandardCharsets.UTF_8);
        assertEquals(64, secret.length);
        SecretKeySpec key = new SecretKeySpec(secret, "HmacSHA256");
        assertTrue(signed(JDK.hmac(key, "HmacSHA384"), JWSAlgorithm.HS384).verify(new MACVerifier(secret)));
        assertTrue(signed(JDK.hmac(key, "HmacSHA512"), JWSAlgorithm.HS512).verify(new MACVerifier(secret)));
    }
}
