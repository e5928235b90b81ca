package dev.chattoken.sidecar.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.util.Base64URL;
import dev.chattoken.sidecar.crypto.Signer;
import dev.chattoken.sidecar.crypto.Signers;
import dev.chattoken.sidecar.support.TestKeys;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What one key file change does to a profile's keys. */
class KeyRingTest {

    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);
    private static final KeyRing.SignerFactory JDK = key -> key.newSigner(
            Signers.jdk(),
            key.family() == SigningAlgorithm.Family.RSA ? SigningAlgorithm.RS256 : SigningAlgorithm.HS256);

    private static KeyFiles.Snapshot secret(String text) {
        return snapshot(text.getBytes(StandardCharsets.UTF_8), SigningAlgorithm.HS256);
    }

    private static KeyFiles.Snapshot rsa(byte[] file) {
        return snapshot(file, SigningAlgorithm.RS256);
    }

    private static KeyFiles.Snapshot snapshot(byte[] bytes, SigningAlgorithm algorithm) {
        try {
            return new KeyFiles.Snapshot(digest(bytes), new KeyFiles.Parsed.Key(KeyFiles.parse(bytes, algorithm)));
        } catch (KeyFileException e) {
            return new KeyFiles.Snapshot(digest(bytes), new KeyFiles.Parsed.Refused(e.getMessage()));
        }
    }

    private static byte[] digest(byte[] bytes) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyRing ring(KeyFiles.Snapshot initial, Duration retention, KeyRing.SignerFactory signers) {
        try {
            return KeyRing.load(
                    new KeyRing.Issued(((KeyFiles.Parsed.Key) initial.parsed()).key(), java.util.Optional.empty()),
                    initial.digest(),
                    retention,
                    CLOCK,
                    signers);
        } catch (KeyFileException e) {
            throw new AssertionError(e.getMessage());
        }
    }

    private static KeyRing ring(String initial, Duration retention) {
        return ring(secret(initial), retention, JDK);
    }

    private static KeyRing.Outcome offer(KeyRing ring, KeyFiles.Snapshot s) {
        return ring.offer(s.digest(), s.parsed());
    }

    private static KeyRing.Outcome offer(KeyRing ring, String text) {
        return offer(ring, secret(text));
    }

    /** Signs through the ring's current signer and checks the signature with Nimbus, as a verifier would. */
    private static boolean currentSignerVerifiesWith(KeyRing ring, RSAPublicKey publicKey) throws Exception {
        JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.RS256), new Payload("{\"sub\":\"u\"}"));
        byte[] signature = ring.state().signer().sign(jws.getSigningInput());
        JWSObject signed = new JWSObject(
                jws.getHeader().toBase64URL(), jws.getPayload().toBase64URL(), Base64URL.encode(signature));
        return signed.verify(new RSASSAVerifier(publicKey));
    }

    @Test
    void theSameBytesAreUnchangedAndTheSameKeyInOtherBytesRotatesNothing() {
        KeyRing ring = ring("secret-one", Duration.ofMinutes(5));
        assertEquals(KeyRing.Outcome.UNCHANGED, offer(ring, "secret-one"));
        assertEquals(KeyRing.Outcome.SAME_KEY, offer(ring, "secret-one\n"));
        assertEquals(List.of(), ring.state().previous());
    }

    @Test
    void aPairThatDidNotHoldStillIsReportedOnceAndTheNextSettledReadIsTaken() {
        KeyRing ring = ring("secret-one", Duration.ofMinutes(5));
        KeyFiles.Parsed unsettled =
                new KeyFiles.Parsed.Refused("changed together with its key id file while both were read");
        assertEquals(KeyRing.Outcome.REFUSED, ring.offer(KeyFiles.UNSETTLED, unsettled));
        assertEquals(
                KeyRing.Outcome.UNCHANGED,
                ring.offer(KeyFiles.UNSETTLED, unsettled),
                "reported once, not at every check");
        // the files settle on the content read before: still taken (an unsettled read matches no content's digest)
        assertEquals(KeyRing.Outcome.SAME_KEY, offer(ring, "secret-one"));
        assertTrue(ring.state().lastFailure().isEmpty());
        assertEquals(KeyRing.Outcome.REFUSED, ring.offer(KeyFiles.UNSETTLED, unsettled));
        assertEquals(KeyRing.Outcome.ROTATED, offer(ring, "secret-two"));
    }

    @Test
    void aNewKeyRotatesAndTheOldOneIsKeptForTheRetention() {
        KeyRing ring = ring("secret-one", Duration.ofMinutes(5));
        var first = ring.current();
        assertEquals(KeyRing.Outcome.ROTATED, offer(ring, "secret-two"));
        assertEquals(List.of(ring.current(), first), ring.state().keysValidAt(T0.plusSeconds(299)));
        assertEquals(List.of(ring.current()), ring.state().keysValidAt(T0.plusSeconds(300)));
    }

    @Test
    void withoutRetentionTheOldKeyIsDroppedAtOnce() {
        KeyRing ring = ring("secret-one", Duration.ZERO);
        assertEquals(KeyRing.Outcome.ROTATED, offer(ring, "secret-two"));
        assertEquals(List.of(ring.current()), ring.state().keysValidAt(T0));
    }

    @Test
    void aRefusedChangeKeepsTheKeyIsReportedOnceAndIsClearedByAGoodOne() {
        KeyRing ring = ring("secret-one", Duration.ofMinutes(5));
        var good = ring.current();
        assertEquals(KeyRing.Outcome.REFUSED, offer(ring, ""));
        assertEquals(good, ring.current());
        assertTrue(ring.state().lastFailure().orElseThrow().reason().contains("empty"));
        assertEquals(KeyRing.Outcome.UNCHANGED, offer(ring, ""), "the same broken content is handled once");
        assertEquals(KeyRing.Outcome.SAME_KEY, offer(ring, "secret-one"));
        assertTrue(ring.state().lastFailure().isEmpty());
    }

    @Test
    void theSameKeyIsJudgedByItsWholeMaterialNotByItsPublicHalf() {
        KeyPair pair = TestKeys.rsa2048();
        KeyRing ring = ring(rsa(TestKeys.jwkWithoutCrt(pair)), Duration.ofMinutes(5), JDK);
        var withoutCrt = ring.current();

        assertEquals(
                KeyRing.Outcome.ROTATED,
                offer(ring, rsa(TestKeys.pkcs8Pem(pair))),
                "the private part fixed (CRT values added), same public key: a new key");
        assertEquals(
                withoutCrt.fingerprint(), ring.current().fingerprint(), "the fingerprint shows the public half only");
        assertEquals(KeyRing.Outcome.SAME_KEY, offer(ring, rsa(TestKeys.jwk(pair))), "the same key as a JWK");
        assertEquals(
                KeyRing.Outcome.SAME_KEY,
                offer(
                        ring,
                        rsa(TestKeys.pem("PRIVATE KEY", pair.getPrivate().getEncoded())
                                .replace("\n", "\r\n")
                                .getBytes(StandardCharsets.US_ASCII))),
                "the same key in other bytes");
    }

    @Test
    void aRotationToAKeyThatCannotSignIsRefusedAndTheLastGoodKeyKeepsSigning() throws Exception {
        KeyPair good = TestKeys.rsa2048();
        KeyRing ring = ring(rsa(TestKeys.pkcs8Pem(good)), Duration.ofMinutes(5), JDK);
        KeyPair other = TestKeys.rsa2048();
        byte[] mismatched = TestKeys.jwkWithoutCrt(
                (RSAPublicKey) other.getPublic(), ((RSAPrivateCrtKey) good.getPrivate()).getPrivateExponent());

        assertEquals(
                KeyRing.Outcome.REFUSED, offer(ring, rsa(mismatched)), "d of one key, n of another: never verifies");
        assertTrue(
                ring.state().lastFailure().orElseThrow().reason().contains("does not belong to its public key"),
                ring.state().lastFailure().orElseThrow().reason());
        assertEquals(good.getPublic(), ((RsaKeyPair) ring.current()).publicKey(), "the last good key is current");
        assertTrue(currentSignerVerifiesWith(ring, (RSAPublicKey) good.getPublic()), "and signs verifiable signatures");

        KeyPair next = TestKeys.rsa2048();
        assertEquals(
                KeyRing.Outcome.ROTATED,
                offer(ring, rsa(TestKeys.jwkWithoutCrt(next))),
                "a key with n, e, d only signs (the JDK signs it) and is taken");
        assertTrue(currentSignerVerifiesWith(ring, (RSAPublicKey) next.getPublic()));
        assertTrue(ring.state().lastFailure().isEmpty());
    }

    /** A signer that records whether it was closed. */
    private static final class RecordingSigner implements Signer {
        boolean closed;

        @Override
        public byte[] sign(byte[] signingInput) {
            return new byte[0];
        }

        @Override
        public String implementation() {
            return "a test";
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void aRotationClosesTheReplacedKeysSignerAndNothingElse() {
        List<RecordingSigner> made = new ArrayList<>();
        KeyRing ring = ring(secret("secret-one"), Duration.ofMinutes(5), key -> {
            if (((HmacSecret) key).length() == "refused-by-the-signer".length()) {
                throw new KeyFileException("cannot sign");
            }
            RecordingSigner signer = new RecordingSigner();
            made.add(signer);
            return signer;
        });
        RecordingSigner first = made.getFirst();
        assertSame(first, ring.state().signer());

        assertEquals(KeyRing.Outcome.SAME_KEY, offer(ring, "secret-one\n"));
        assertEquals(1, made.size(), "the same key gets no second signer");
        assertEquals(KeyRing.Outcome.REFUSED, offer(ring, "refused-by-the-signer"));
        assertEquals("cannot sign", ring.state().lastFailure().orElseThrow().reason());
        assertFalse(first.closed, "a refused key leaves the current signer alone");

        assertEquals(KeyRing.Outcome.ROTATED, offer(ring, "secret-two"));
        assertTrue(first.closed, "the replaced key signs no more: its signer is closed");
        assertSame(made.getLast(), ring.state().signer());
        assertFalse(made.getLast().closed);
        assertEquals(2, ring.state().keysValidAt(T0).size(), "the replaced key still verifies, without a signer");
    }
}
