package dev.chattoken.sidecar.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.KeyFactory;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The known answers libcrypto is held to at startup are each algorithm's one correct answer, as the JDK computes it.
 */
class KnownAnswerTest {

    @ParameterizedTest
    @EnumSource(RsaAlgorithm.class)
    void theExpectedSignatureIsTheJdksSignatureOfTheMessage(RsaAlgorithm algorithm) throws Exception {
        RSAPrivateKey key = (RSAPrivateKey)
                KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(KnownAnswer.key()));
        assertEquals(
                1024, key.getModulus().bitLength(), "a small key: the test checks padding and digest, not strength");
        Signature jdk = Signature.getInstance(
                switch (algorithm) { // spelled out here, not read from the enum it checks
                    case RS256 -> "SHA256withRSA";
                    case RS384 -> "SHA384withRSA";
                    case RS512 -> "SHA512withRSA";
                });
        jdk.initSign(key);
        jdk.update(KnownAnswer.MESSAGE);
        assertArrayEquals(KnownAnswer.signature(algorithm), jdk.sign());
    }
}
