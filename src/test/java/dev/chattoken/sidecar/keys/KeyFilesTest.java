package dev.chattoken.sidecar.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chattoken.sidecar.support.KubeletSecretVolume;
import dev.chattoken.sidecar.support.TestKeys;
import dev.chattoken.sidecar.support.Tokens;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key formats the sidecar reads, and the clear refusals for everything else. */
class KeyFilesTest {

    @TempDir
    Path dir;

    private Path write(String name, byte[] content) throws Exception {
        return Files.write(dir.resolve(name), content);
    }

    private Path write(String name, String content) throws Exception {
        return write(name, content.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] secretBytes(SigningKey key) {
        return assertInstanceOf(HmacSecret.class, key).signingKey().getEncoded();
    }

    private String refusal(Path file, SigningAlgorithm algorithm) {
        return assertThrows(KeyFileException.class, () -> KeyFiles.read(file, algorithm))
                .getMessage();
    }

    // ---- HMAC secrets ------------------------------------------------------------------------------

    @Test
    void oneTrailingNewlineIsDroppedLfOrCrlf() throws Exception {
        assertArrayEquals(
                "s3cret".getBytes(), secretBytes(KeyFiles.read(write("lf", "s3cret\n"), SigningAlgorithm.HS256)));
        assertArrayEquals(
                "s3cret".getBytes(), secretBytes(KeyFiles.read(write("crlf", "s3cret\r\n"), SigningAlgorithm.HS256)));
        assertArrayEquals(
                "s3cret".getBytes(), secretBytes(KeyFiles.read(write("none", "s3cret"), SigningAlgorithm.HS256)));
    }

    @Test
    void onlyOneNewlineIsDroppedAndOtherWhitespaceIsPartOfTheSecret() throws Exception {
        assertArrayEquals(
                "s3cret\n".getBytes(), secretBytes(KeyFiles.read(write("two", "s3cret\n\n"), SigningAlgorithm.HS256)));
        assertArrayEquals(
                " s3cret ".getBytes(), secretBytes(KeyFiles.read(write("spaces", " s3cret "), SigningAlgorithm.HS256)));
    }

    @Test
    void theSecretIsTheUtf8BytesOfTheText() throws Exception {
        assertArrayEquals(
                "sécret-ü".getBytes(StandardCharsets.UTF_8),
                secretBytes(KeyFiles.read(write("utf8", "sécret-ü\n"), SigningAlgorithm.HS256)));
    }

    @Test
    void shortSecretsAreAcceptedAndFlagged() throws Exception {
        HmacSecret secret = (HmacSecret) KeyFiles.read(write("short", "abc"), SigningAlgorithm.HS256);
        assertTrue(secret.isShort());
        assertEquals(3, secret.length());
        assertFalse(((HmacSecret) KeyFiles.read(write("long", "x".repeat(32)), SigningAlgorithm.HS256)).isShort());
    }

    @Test
    void emptySecretsAreRefused() throws Exception {
        assertTrue(refusal(write("empty", ""), SigningAlgorithm.HS256).contains("empty"));
        assertTrue(refusal(write("newline", "\n"), SigningAlgorithm.HS256).contains("empty"));
    }

    @Test
    void aSecretFileThatIsNotUtf8OrHoldsAKeyIsRefused() throws Exception {
        assertTrue(refusal(write("binary", new byte[] {(byte) 0xc3, 0x28, 0x01}), SigningAlgorithm.HS256)
                .contains("UTF-8"));
        assertTrue(refusal(Tokens.KEYS.resolve("kindly-pkcs8.pem"), SigningAlgorithm.HS256)
                .contains("PEM"));
        assertTrue(refusal(Tokens.KEYS.resolve("kindly.jwk.json"), SigningAlgorithm.HS256)
                .contains("JWK"));
    }

    @Test
    void secretFingerprintsDifferPerSecretAndAreNotThePlainHash() throws Exception {
        String a = KeyFiles.read(write("a", "secret-a"), SigningAlgorithm.HS256).fingerprint();
        String b = KeyFiles.read(write("b", "secret-b"), SigningAlgorithm.HS256).fingerprint();
        assertNotEquals(a, b);
        String plain = java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest("secret-a".getBytes()))
                .substring(0, 16);
        assertFalse(a.contains(plain));
    }

    // ---- RSA private keys ----------------------------------------------------------------------------

    @Test
    void pkcs8Pkcs1AndJwkKeysAreReadWithTheirPublicHalf() throws Exception {
        String[][] cases = {
            {"kindly-pkcs8.pem", "kindly-pkcs8.pub.pem"},
            {"kindly-pkcs1.pem", "kindly-pkcs1.pub.pem"},
            {"kindly.jwk.json", "kindly-jwk.pub.pem"}
        };
        for (String[] c : cases) {
            RsaKeyPair pair = assertInstanceOf(
                    RsaKeyPair.class, KeyFiles.read(Tokens.KEYS.resolve(c[0]), SigningAlgorithm.RS256));
            assertEquals(Tokens.publicKey(c[1]), pair.publicKey(), c[0]);
            assertEquals(2048, pair.bits());
            assertEquals(
                    new com.nimbusds.jose.jwk.RSAKey.Builder(Tokens.publicKey(c[1]))
                            .build()
                            .computeThumbprint()
                            .toString(),
                    pair.thumbprint(),
                    c[0] + " thumbprint (RFC 7638)");
        }
    }

    @Test
    void pemWithCrlfLineEndsAndSurroundingTextIsRead() throws Exception {
        String pem = Files.readString(Tokens.KEYS.resolve("kindly-pkcs1.pem")).replace("\n", "\r\n");
        assertInstanceOf(
                RsaKeyPair.class, KeyFiles.read(write("crlf.pem", "key for bot 7:\r\n" + pem), SigningAlgorithm.RS256));
    }

    @Test
    void keysUnder2048BitsAreRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        Path file = write(
                "small.pem",
                TestKeys.pem(
                        "PRIVATE KEY", generator.generateKeyPair().getPrivate().getEncoded()));
        assertTrue(refusal(file, SigningAlgorithm.RS256).contains("1024-bit"), "names the size");
    }

    @Test
    void otherKeyTypesAndPublicKeysAreRefusedByName() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = ec.generateKeyPair();
        assertTrue(refusal(
                        write(
                                "ec.pem",
                                TestKeys.pem("PRIVATE KEY", pair.getPrivate().getEncoded())),
                        SigningAlgorithm.RS256)
                .contains("PKCS#8"));
        assertTrue(refusal(
                        write("ec-sec1.pem", TestKeys.pem("EC PRIVATE KEY", new byte[] {1, 2, 3})),
                        SigningAlgorithm.RS256)
                .contains("EC PRIVATE KEY"));
        assertTrue(refusal(Tokens.KEYS.resolve("kindly-pkcs8.pub.pem"), SigningAlgorithm.RS256)
                .contains("public key"));
        assertTrue(refusal(
                        write("enc.pem", TestKeys.pem("ENCRYPTED PRIVATE KEY", new byte[] {1})), SigningAlgorithm.RS256)
                .contains("encrypted"));
        assertTrue(refusal(write("secret", "just-a-secret"), SigningAlgorithm.RS256)
                .contains("neither"));
    }

    @Test
    void brokenFilesAreRefusedWithoutQuotingThem() throws Exception {
        String pem = Files.readString(Tokens.KEYS.resolve("kindly-pkcs8.pem"));
        String truncated = pem.substring(0, pem.length() / 2);
        String message = refusal(write("truncated.pem", truncated), SigningAlgorithm.RS256);
        assertTrue(message.contains("truncated"));
        String keyLine = pem.lines().skip(3).findFirst().orElseThrow();
        assertFalse(message.contains(keyLine), "never quotes key material");

        String corrupt = pem.replace(keyLine, keyLine.substring(0, 20) + "!!!!" + keyLine.substring(24));
        assertFalse(
                refusal(write("corrupt.pem", corrupt), SigningAlgorithm.RS256).contains(keyLine.substring(0, 20)));
    }

    @Test
    void jwkRefusals() throws Exception {
        String jwk = Files.readString(Tokens.KEYS.resolve("kindly.jwk.json"));
        String publicOnly =
                jwk.replaceAll("\"(d|p|q|dp|dq|qi)\"\\s*:\\s*\"[^\"]*\",?", "").replaceAll(",\\s*}", "}");
        assertTrue(
                refusal(write("public.jwk", publicOnly), SigningAlgorithm.RS256).contains("public JWK"));
        assertTrue(refusal(write("oct.jwk", "{\"kty\":\"oct\",\"k\":\"c2VjcmV0\"}"), SigningAlgorithm.RS256)
                .contains("'oct'"));
        assertTrue(refusal(write("two.jwks", "{\"keys\":[" + jwk + "," + jwk + "]}"), SigningAlgorithm.RS256)
                .contains("2 keys"));
        assertInstanceOf(
                RsaKeyPair.class, KeyFiles.read(write("one.jwks", "{\"keys\":[" + jwk + "]}"), SigningAlgorithm.RS256));
        assertTrue(
                refusal(write("bad.jwk", "{\"kty\":"), SigningAlgorithm.RS256).contains("not a valid JWK"));
    }

    @Test
    void missingUnreadableAndOversizedFilesAreRefused() throws Exception {
        assertEquals("does not exist", refusal(dir.resolve("absent"), SigningAlgorithm.HS256));
        assertTrue(refusal(dir, SigningAlgorithm.HS256).contains("directory"));
        assertTrue(refusal(write("huge", new byte[KeyFiles.MAX_BYTES + 1]), SigningAlgorithm.HS256)
                .contains("larger"));
    }

    @Test
    void aFifoIsRefusedAtOnceInsteadOfWaitingForAWriter() throws Exception {
        Path fifo = dir.resolve("fifo");
        Process mkfifo =
                new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertEquals(0, mkfifo.waitFor());
        // opening a FIFO for reading blocks until someone writes: the key watcher would hang on it for good
        String refusal = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(5), () -> refusal(fifo, SigningAlgorithm.HS256));
        assertEquals("is not a regular file (a FIFO, a socket or a device), which a key file is", refusal);
        Path link = Files.createSymbolicLink(dir.resolve("link-to-fifo"), fifo);
        assertEquals(
                refusal,
                org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                        java.time.Duration.ofSeconds(5), () -> refusal(link, SigningAlgorithm.HS256)),
                "judged by what the link resolves to");
        assertTrue(refusal(Path.of("/dev/zero"), SigningAlgorithm.HS256).contains("not a regular file"));
    }

    @Test
    void pkcs1IsReadAsTheSameKeyAsItsPkcs8() throws Exception {
        // the same key in both forms (openssl pkey -traditional): PKCS#1 is read as the PKCS#8 the JDK reads
        String pkcs8 = Files.readString(Tokens.KEYS.resolve("kindly-pkcs8.pem"));
        byte[] der = Base64.getMimeDecoder().decode(pkcs8.replaceAll("-----[A-Z ]+-----", ""));
        byte[] pkcs1 = org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(der)
                .parsePrivateKey()
                .toASN1Primitive()
                .getEncoded();
        Path file = write("same-key-pkcs1.pem", TestKeys.pem("RSA PRIVATE KEY", pkcs1));
        RsaKeyPair fromPkcs1 = (RsaKeyPair) KeyFiles.read(file, SigningAlgorithm.RS256);
        RsaKeyPair fromPkcs8 =
                (RsaKeyPair) KeyFiles.read(Tokens.KEYS.resolve("kindly-pkcs8.pem"), SigningAlgorithm.RS256);
        assertArrayEquals(
                fromPkcs8.signingKey().getEncoded(), fromPkcs1.signingKey().getEncoded());
        assertEquals(fromPkcs8.thumbprint(), fromPkcs1.thumbprint());
    }

    // ---- a key and its id, read as one pair ----------------------------------------------------------

    @Test
    void aKeyAndItsIdAreNeverPairedAcrossAKubeletSwap() throws Exception {
        // DG's API key and secret in one Secret volume, swapped by the kubelet's ..data rename as fast as it can go
        // while the pair is read: every pair read must be one that was written together
        KubeletSecretVolume volume = new KubeletSecretVolume(dir.resolve("dg-pair"), pair(0));
        Path secret = volume.file("secret");
        Path apiKey = volume.file("api-key");
        AtomicBoolean stop = new AtomicBoolean();
        Thread swapper = new Thread(() -> {
            for (int n = 1; !stop.get(); n++) {
                volume.update(pair(n));
            }
        });
        swapper.start();
        int pairs = 0;
        int unsettled = 0;
        try {
            for (int i = 0; i < 3_000; i++) {
                KeyFiles.Snapshot snapshot = KeyFiles.snapshot(secret, Optional.of(apiKey), SigningAlgorithm.HS256);
                switch (snapshot.parsed()) {
                    case KeyFiles.Parsed.Key key -> {
                        String id = key.keyId().orElseThrow();
                        // compared without printing either secret on a failure
                        assertTrue(
                                secretOf(id).equals(new String(secretBytes(key.key()), StandardCharsets.UTF_8)),
                                "the secret read with api key " + id + " is another pair's");
                        pairs++;
                    }
                    case KeyFiles.Parsed.Refused refused -> {
                        // a swap between the reads of an old version's files (it is deleted after the swap), or
                        // files that did not hold still: refused, and read again at the next check
                        if (refused.reason().contains("while both were read")) {
                            assertArrayEquals(KeyFiles.UNSETTLED, snapshot.digest());
                            unsettled++;
                        }
                    }
                }
            }
        } finally {
            stop.set(true);
            swapper.join();
        }
        assertTrue(pairs > 100, "too few pairs were read to judge: " + pairs + " (" + unsettled + " unsettled)");
    }

    private static Map<String, byte[]> pair(int n) {
        String id = "dg-api-key-" + n;
        return Map.of(
                "api-key",
                (id + "\n").getBytes(StandardCharsets.UTF_8),
                "secret",
                (secretOf(id) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static String secretOf(String apiKeyId) {
        return "secret-of-" + apiKeyId + "-padded-to-more-than-32-bytes";
    }
}
