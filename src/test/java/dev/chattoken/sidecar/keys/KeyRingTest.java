package dev.chattoken.sidecar.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import java.security.KeyPair;

import org.junit.jupiter.api.Test;

import dev.chattoken.sidecar.support.TestKeys;

/** What one key file change does to a profile's keys. */
class KeyRingTest {

    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    private static KeyFiles.Snapshot secret(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try {
            return new KeyFiles.Snapshot(digest(bytes), new KeyFiles.Parsed.Key(KeyFiles.parse(bytes, SigningAlgorithm.HS256)));
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

    private static KeyRing ring(String initial, Duration retention, Clock clock) {
        KeyFiles.Snapshot s = secret(initial);
        return new KeyRing(((KeyFiles.Parsed.Key) s.parsed()).key(), s.digest(), retention, clock);
    }

    private static KeyFiles.Snapshot rsa(byte[] file) {
        try {
            return new KeyFiles.Snapshot(digest(file), new KeyFiles.Parsed.Key(KeyFiles.parse(file, SigningAlgorithm.RS256)));
        } catch (KeyFileException e) {
            return new KeyFiles.Snapshot(digest(file), new KeyFiles.Parsed.Refused(e.getMessage()));
        }
    }

    private static KeyRing.Outcome offer(KeyRing ring, byte[] rsaFile) {
        KeyFiles.Snapshot s = rsa(rsaFile);
        return ring.offer(s.digest(), s.parsed());
    }

    private static KeyRing.Outcome offer(KeyRing ring, String text) {
        KeyFiles.Snapshot s = secret(text);
        return ring.offer(s.digest(), s.parsed());
    }

    @Test
    void theSameBytesAreUnchangedAndTheSameKeyInOtherBytesRotatesNothing() {
        KeyRing ring = ring("secret-one", Duration.ofMinutes(5), Clock.fixed(T0, ZoneOffset.UTC));
        assertEquals(KeyRing.Outcome.UNCHANGED, offer(ring, "secret-one"));
        assertEquals(KeyRing.Outcome.SAME_KEY, offer(ring, "secret-one\n"));
        assertEquals(List.of(), ring.state().previous());
    }

    @Test
    void aNewKeyRotatesAndTheOldOneIsKeptForTheRetention() {
        KeyRing ring = ring("secret-one", Duration.ofMinutes(5), Clock.fixed(T0, ZoneOffset.UTC));
        var first = ring.current();
        assertEquals(KeyRing.Outcome.ROTATED, offer(ring, "secret-two"));
        assertEquals(List.of(ring.current(), first), ring.state().keysValidAt(T0.plusSeconds(299)));
        assertEquals(List.of(ring.current()), ring.state().keysValidAt(T0.plusSeconds(300)));
    }

    @Test
    void withoutRetentionTheOldKeyIsDroppedAtOnce() {
        KeyRing ring = ring("secret-one", Duration.ZERO, Clock.fixed(T0, ZoneOffset.UTC));
        assertEquals(KeyRing.Outcome.ROTATED, offer(ring, "secret-two"));
        assertEquals(List.of(ring.current()), ring.state().keysValidAt(T0));
    }

    @Test
    void aRefusedChangeKeepsTheKeyIsReportedOnceAndIsClearedByAGoodOne() {
        KeyRing ring = ring("secret-one", Duration.ofMinutes(5), Clock.fixed(T0, ZoneOffset.UTC));
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
        KeyFiles.Snapshot first = rsa(TestKeys.jwkWithoutCrt(pair));
        KeyRing ring = new KeyRing(((KeyFiles.Parsed.Key) first.parsed()).key(), first.digest(), Duration.ofMinutes(5),
                Clock.fixed(T0, ZoneOffset.UTC));
        var withoutCrt = ring.current();

        assertEquals(KeyRing.Outcome.ROTATED, offer(ring, TestKeys.pkcs8Pem(pair)),
                "the private part fixed (CRT values added), same public key: a new key");
        assertEquals(withoutCrt.fingerprint(), ring.current().fingerprint(), "the fingerprint shows the public half only");
        assertEquals(KeyRing.Outcome.SAME_KEY, offer(ring, TestKeys.jwk(pair)), "the same key as a JWK");
        assertEquals(KeyRing.Outcome.SAME_KEY, offer(ring, TestKeys.pem("PRIVATE KEY", pair.getPrivate().getEncoded())
                .replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII)), "the same key in other bytes");
    }
}
