package dev.chattoken.sidecar.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.nimbusds.jose.jwk.RSAKey;
import dev.chattoken.sidecar.support.JwkCertificates;
import dev.chattoken.sidecar.support.TestKeys;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The self-signed certificates of a profile's keys: made at load, published as x5c, renewed a month before they end.
 */
class KeyCertificatesTest {

    /** A clock the test moves. */
    private static final class Manual extends Clock {
        Instant now = Instant.now();

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private static RsaKeyPair key() throws Exception {
        KeyPair pair = TestKeys.rsa2048();
        RSAPublicKey publicKey = (RSAPublicKey) pair.getPublic();
        return new RsaKeyPair(
                (RSAPrivateKey) pair.getPrivate(),
                publicKey,
                new RSAKey.Builder(publicKey).build().computeThumbprint().toString(),
                Fingerprints.ofPublicKey(publicKey));
    }

    @Test
    void theJwkCarriesASelfSignedCertificateOfItsKeyValidForAYear() throws Exception {
        Manual clock = new Manual();
        KeyCertificates certificates = new KeyCertificates("sf-web", clock);
        RsaKeyPair key = key();
        certificates.issue(key);
        X509Certificate certificate = certificates.forKeys(List.of(key)).get(key.thumbprint());
        Map<String, Object> jwk = PublicJwk.of(key, "kid-1", SigningAlgorithm.RS256, Optional.of(certificate));

        assertEquals(certificate, JwkCertificates.assertCertifiesItsKey(jwk, "sf-web"));
        assertEquals(
                clock.now.minus(Duration.ofHours(1)).getEpochSecond(),
                certificate.getNotBefore().toInstant().getEpochSecond(),
                "from an hour ago: a vendor whose clock is behind accepts it too");
        assertEquals(
                clock.now.plus(Duration.ofDays(365)).getEpochSecond(),
                certificate.getNotAfter().toInstant().getEpochSecond());
        assertEquals("kid-1", jwk.get("kid"));
    }

    @Test
    void aCertificateIsKeptUntilThirtyDaysRemainThenRenewedSerialsAreRandom() throws Exception {
        Manual clock = new Manual();
        KeyCertificates certificates = new KeyCertificates("sf", clock);
        RsaKeyPair key = key();
        certificates.issue(key);
        X509Certificate first = certificates.forKeys(List.of(key)).get(key.thumbprint());

        clock.now = clock.now.plus(Duration.ofDays(334));
        assertSame(first, certificates.forKeys(List.of(key)).get(key.thumbprint()), "31 days left: kept");
        clock.now = clock.now.plus(Duration.ofDays(2));
        X509Certificate renewed = certificates.forKeys(List.of(key)).get(key.thumbprint());
        assertNotEquals(first.getSerialNumber(), renewed.getSerialNumber());
        assertEquals(
                clock.now.plus(Duration.ofDays(365)).getEpochSecond(),
                renewed.getNotAfter().toInstant().getEpochSecond());
        assertEquals(first.getPublicKey(), renewed.getPublicKey());
    }

    @Test
    void eachKeyHasItsOwnCertificateAndADroppedKeyIsForgotten() throws Exception {
        KeyCertificates certificates = new KeyCertificates("sf", new Manual());
        RsaKeyPair old = key();
        RsaKeyPair rotated = key();
        certificates.issue(old);
        certificates.issue(rotated);
        Map<String, X509Certificate> both = certificates.forKeys(List.of(rotated, old));
        assertEquals(rotated.publicKey(), both.get(rotated.thumbprint()).getPublicKey());
        assertEquals(old.publicKey(), both.get(old.thumbprint()).getPublicKey());
        assertEquals(
                List.of(rotated.thumbprint()),
                List.copyOf(certificates.forKeys(List.of(rotated)).keySet()));
    }
}
