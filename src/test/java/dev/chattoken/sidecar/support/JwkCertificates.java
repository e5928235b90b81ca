package dev.chattoken.sidecar.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.RSAKey;
import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Checks a JWK's {@code x5c} as a vendor that takes keys with certificates does, independently of BouncyCastle, which
 * made it: the JDK's {@code CertificateFactory} parses it, its key is the JWK's {@code n}/{@code e}, it is self-signed
 * (the signature verifies with its own key), valid now and for at least 30 days more (Salesforce asks for 10), and
 * {@code x5t#S256} is the SHA-256 of its DER.
 */
public final class JwkCertificates {

    private JwkCertificates() {}

    /** @return the certificate, checked */
    public static X509Certificate assertCertifiesItsKey(Map<String, Object> jwk, String profile) throws Exception {
        List<?> chain = (List<?>) jwk.get("x5c");
        assertEquals(1, chain.size(), "one self-signed certificate: " + jwk.keySet());
        byte[] der = Base64.getDecoder().decode((String) chain.get(0)); // x5c is standard base64, not base64url
        X509Certificate certificate = (X509Certificate)
                CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        RSAPublicKey jwkKey = RSAKey.parse(jwk).toRSAPublicKey();
        RSAPublicKey certified = (RSAPublicKey) certificate.getPublicKey();
        assertEquals(jwkKey.getModulus(), certified.getModulus(), "the certificate's key is the JWK's n");
        assertEquals(jwkKey.getPublicExponent(), certified.getPublicExponent(), "and its e");
        certificate.verify(certified); // throws unless self-signed by that key
        assertEquals("SHA256withRSA", certificate.getSigAlgName());
        assertEquals(certificate.getSubjectX500Principal(), certificate.getIssuerX500Principal());
        assertEquals("CN=" + profile, certificate.getSubjectX500Principal().getName());
        Instant now = Instant.now();
        certificate.checkValidity(java.util.Date.from(now));
        assertTrue(
                certificate.getNotAfter().toInstant().isAfter(now.plus(Duration.ofDays(30))),
                "valid for at least 30 more days: " + certificate.getNotAfter());
        assertTrue(certificate.getSerialNumber().signum() > 0, "a positive serial");
        assertEquals(
                Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(MessageDigest.getInstance("SHA-256").digest(der)),
                jwk.get("x5t#S256"));
        return certificate;
    }
}
