package dev.chattoken.sidecar.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.chattoken.sidecar.support.Tokens;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Truncated, corrupted and mixed-up key files (seeded mutations of the fixtures): every one parses to a key or is
 * refused with a {@link KeyFileException}; nothing else escapes and nothing hangs.
 */
class KeyParserFuzzTest {

    private static final long SEED = Long.getLong("fuzz.seed", 20261122L);
    private static final int FILES = Integer.getInteger("fuzz.key-files", 20_000);

    @Test
    void everyMutatedKeyFileIsParsedOrRefused() throws Exception {
        List<byte[]> seeds = new ArrayList<>();
        for (String f : new String[] {
            "kindly-pkcs8.pem", "kindly-pkcs1.pem", "kindly.jwk.json", "kindly-pkcs8.pub.pem", "dg.secret"
        }) {
            seeds.add(Files.readAllBytes(Tokens.KEYS.resolve(f)));
        }
        SplittableRandom random = new SplittableRandom(SEED);
        List<String> escaped = new ArrayList<>();
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            for (int i = 0; i < FILES; i++) {
                byte[] file = mutate(seeds.get(random.nextInt(seeds.size())), seeds, random);
                for (SigningAlgorithm algorithm : SigningAlgorithm.values()) {
                    try {
                        KeyFiles.parse(file, algorithm);
                    } catch (KeyFileException refused) {
                        // the clear refusal every broken file must get
                    } catch (Throwable t) {
                        // the file may hold fixture key material: name the mutation (seed + index reproduce it), not
                        // its bytes
                        escaped.add(t.getClass().getName() + " (" + algorithm + ") for mutated file #" + i + " of "
                                + file.length + " bytes, seed " + SEED);
                    }
                }
            }
        });
        assertEquals(
                List.of(), escaped.stream().limit(5).toList(), escaped.size() + " key files escaped as exceptions");
    }

    private static byte[] mutate(byte[] seed, List<byte[]> seeds, SplittableRandom random) {
        byte[] b = seed.clone();
        switch (random.nextInt(8)) {
            case 0 -> b = java.util.Arrays.copyOf(b, random.nextInt(b.length + 1));
            case 1 -> {
                for (int n = random.nextInt(1, 20); n > 0; n--) {
                    b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                }
            }
            case 2 -> { // a PEM label over another format's body
                String text = new String(b, StandardCharsets.US_ASCII);
                String[] labels = {
                    "PRIVATE KEY", "RSA PRIVATE KEY", "PUBLIC KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY"
                };
                String label = labels[random.nextInt(labels.length)];
                b = text.replaceAll("(BEGIN|END) [A-Z ]+-----", "$1 " + label + "-----")
                        .getBytes(StandardCharsets.US_ASCII);
            }
            case 3 -> { // two files glued together
                byte[] other = seeds.get(random.nextInt(seeds.size()));
                byte[] glued = new byte[b.length / 2 + other.length / 2];
                System.arraycopy(b, 0, glued, 0, b.length / 2);
                System.arraycopy(other, other.length - other.length / 2, glued, b.length / 2, other.length / 2);
                b = glued;
            }
            case 4 -> { // valid base64 of random DER-ish bytes inside a PEM frame
                byte[] der = new byte[random.nextInt(0, 1300)];
                random.nextBytes(der);
                if (der.length > 4) {
                    der[0] = 0x30;
                    der[1] = (byte) 0x82;
                }
                String label = random.nextBoolean() ? "PRIVATE KEY" : "RSA PRIVATE KEY";
                b = ("-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END "
                                + label + "-----\n")
                        .getBytes(StandardCharsets.US_ASCII);
            }
            case 5 -> { // JWK members dropped or retyped
                String text = new String(b, StandardCharsets.UTF_8);
                String[] members = {"\"n\"", "\"e\"", "\"d\"", "\"p\"", "\"kty\""};
                b = text.replace(
                                members[random.nextInt(members.length)],
                                random.nextBoolean() ? "\"x\"" : "\"kty\":1,\"y\"")
                        .getBytes(StandardCharsets.UTF_8);
            }
            case 6 -> {
                b = new byte[random.nextInt(0, 3000)];
                random.nextBytes(b);
            }
            default -> { // a JSON set of the wrong shapes
                String[] shapes = {
                    "{\"keys\":[]}",
                    "{\"keys\":{}}",
                    "{\"kty\":\"RSA\"}",
                    "{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\",\"d\":\"AQAB\"}",
                    "[]",
                    "{",
                    "{\"kty\":null}",
                    "-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----"
                };
                b = shapes[random.nextInt(shapes.length)].getBytes(StandardCharsets.UTF_8);
            }
        }
        return b;
    }
}
