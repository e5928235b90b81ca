package dev.chattoken.sidecar.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.KeyFactory;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;

import org.junit.jupiter.api.Test;

/** The known answer libcrypto is held to at startup is RS256's one correct answer, as the JDK computes it. */
class KnownAnswerTest {

    @Test
    void theExpectedSignatureIsTheJdksRs256OfTheMessage() throws Exception {
        RSAPrivateKey key = (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(KnownAnswer.key()));
        assertEquals(1024, key.getModulus().bitLength(), "a small key: the test checks padding and digest, not strength");
        Signature jdk = Signature.getInstance("SHA256withRSA");
        jdk.initSign(key);
        jdk.update(KnownAnswer.MESSAGE);
        assertArrayEquals(KnownAnswer.signature(), jdk.sign());
    }
}
