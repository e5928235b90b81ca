package dev.chattoken.sidecar.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

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
}
