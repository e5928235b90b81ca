package dev.chattoken.sidecar.keys;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The self-signed certificates of one profile's RSA keys, for the {@code x5c} of its JWKS: Salesforce takes a key only
 * as a JWK with a certificate, "valid for at least 10 days". A certificate is made when its key is loaded (at startup
 * and on every rotation) and made anew when fewer than {@link #RENEW_BEFORE} remain, which only a process running for
 * most of a year sees. Subject and issuer {@code CN=<profile>}, a random serial, valid from an hour ago (clock skew)
 * for {@link #VALIDITY}, self-signed SHA256withRSA by the JDK's provider: nothing here is secret.
 */
public final class KeyCertificates {

    static final Duration VALIDITY = Duration.ofDays(365);
    static final Duration RENEW_BEFORE = Duration.ofDays(30);
    static final Duration BACKDATE = Duration.ofHours(1);
    /** RFC 5280 allows at most 20 octets; 159 bits keep the serial positive within them. */
    private static final int SERIAL_BITS = 159;

    private final X500Name subject;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /** By the key's RFC 7638 thumbprint: unique to its public key. */
    private final Map<String, X509Certificate> certificates = new ConcurrentHashMap<>();

    public KeyCertificates(String profile, Clock clock) {
        this.subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, profile)
                .build();
        this.clock = clock;
    }

    /** Makes the certificate of a key being loaded. @throws KeyFileException when it cannot be made */
    public void issue(RsaKeyPair key) throws KeyFileException {
        certificates.put(key.thumbprint(), make(key, clock.instant()));
    }

    /**
     * The certificate of each of {@code keys} (the ones the JWKS lists), renewed where fewer than 30 days remain;
     * certificates of keys no longer listed are forgotten.
     */
    public Map<String, X509Certificate> forKeys(List<RsaKeyPair> keys) {
        Instant now = clock.instant();
        Set<String> listed = keys.stream().map(RsaKeyPair::thumbprint).collect(Collectors.toSet());
        certificates.keySet().retainAll(listed);
        for (RsaKeyPair key : keys) {
            certificates.compute(
                    key.thumbprint(),
                    (thumbprint, certificate) -> certificate != null
                                    && certificate.getNotAfter().toInstant().isAfter(now.plus(RENEW_BEFORE))
                            ? certificate
                            : renewed(key, now));
        }
        return Map.copyOf(certificates);
    }

    private X509Certificate renewed(RsaKeyPair key, Instant now) {
        try {
            return make(key, now);
        } catch (KeyFileException e) { // the same key made one at load: nothing about it changed since
            throw new IllegalStateException("the certificate of a loaded key could not be renewed: " + e.getMessage());
        }
    }

    private X509Certificate make(RsaKeyPair key, Instant now) throws KeyFileException {
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                subject,
                new BigInteger(SERIAL_BITS, random),
                Date.from(now.minus(BACKDATE)),
                Date.from(now.plus(VALIDITY)),
                subject,
                key.publicKey());
        try {
            // no provider named: the JDK's RSA signs, and the JDK's CertificateFactory reads the result
            return new JcaX509CertificateConverter()
                    .getCertificate(
                            builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(key.signingKey())));
        } catch (OperatorCreationException | GeneralSecurityException | RuntimeException e) {
            throw new KeyFileException("holds an RSA key no certificate can be made of ("
                    + e.getClass().getSimpleName() + ")");
        }
    }
}
