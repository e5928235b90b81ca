package dev.chattoken.sidecar.keys;

import dev.chattoken.sidecar.support.KubeletSecretVolume;
import dev.chattoken.sidecar.support.TestKeys;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Two Secret volumes in the kubelet's layout, one per profile, and the keys a test rotates through: {@code kindly-rot}
 * (RS256, ttl 2s) and {@code dg-rot} (HS256, ttl 2s), re-read every second, 1s clock skew, so that a replaced key is
 * kept for 3 seconds.
 */
public class SecretVolumes implements QuarkusTestResourceLifecycleManager {

    public static final String KINDLY_FILE = "private.pem";
    public static final String DG_FILE = "secret";
    public static final String DG_API_KEY_FILE = "api-key";

    public KubeletSecretVolume kindly;
    public KubeletSecretVolume dg;
    /** {@code dg-pair}: DG's API key and secret as a pair in one Secret ({@code key-id-file}), rotated together. */
    public KubeletSecretVolume dgPair;
    /** Every (API key, secret) written to the dg-pair volume, in order; the last one is current. */
    public final List<String[]> dgPairs = new ArrayList<>();
    /** Every RSA key written so far to the kindly volume, in order; the last one is current. */
    public final List<KeyPair> kindlyKeys = new ArrayList<>();
    /** Every secret written so far to the dg volume, in order; the last one is current. */
    public final List<String> dgSecrets = new ArrayList<>();

    @Override
    public Map<String, String> start() {
        try {
            Path root = Files.createTempDirectory("chat-token-secrets");
            kindlyKeys.add(TestKeys.rsa2048());
            dgSecrets.add(newSecret(0));
            kindly = new KubeletSecretVolume(
                    root.resolve("kindly-rot"), Map.of(KINDLY_FILE, TestKeys.pkcs8Pem(kindlyKeys.get(0))));
            dg = new KubeletSecretVolume(
                    root.resolve("dg-rot"),
                    Map.of(DG_FILE, (dgSecrets.get(0) + "\n").getBytes(StandardCharsets.UTF_8)));
            dgPairs.add(new String[] {"dg-api-key-0", newSecret(100)});
            dgPair = new KubeletSecretVolume(root.resolve("dg-pair"), pairFiles(dgPairs.get(0)));
            Map<String, String> config = new HashMap<>();
            config.put("%test.chat-token.active", "kindly-rot,dg-rot,dg-pair");
            config.put("chat-token.profiles.dg-pair.vendor", "dg");
            config.put(
                    "chat-token.profiles.dg-pair.key-file", dgPair.file(DG_FILE).toString());
            config.put(
                    "chat-token.profiles.dg-pair.key-id-file",
                    dgPair.file(DG_API_KEY_FILE).toString());
            config.put("chat-token.profiles.dg-pair.ttl", "2s");
            config.put("chat-token.reload-interval", "1s");
            config.put("chat-token.verify.clock-skew", "1s");
            config.put("chat-token.profiles.kindly-rot.vendor", "kindly");
            config.put(
                    "chat-token.profiles.kindly-rot.key-file",
                    kindly.file(KINDLY_FILE).toString());
            config.put("chat-token.profiles.kindly-rot.issuer", "https://rotation.example");
            config.put("chat-token.profiles.kindly-rot.ttl", "2s");
            config.put("chat-token.profiles.dg-rot.vendor", "dg");
            config.put("chat-token.profiles.dg-rot.key-file", dg.file(DG_FILE).toString());
            config.put("chat-token.profiles.dg-rot.key-id", "dg-rotating-api-key");
            config.put("chat-token.profiles.dg-rot.ttl", "2s");
            return config;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes a new RSA key to the kindly volume; returns it. */
    public synchronized KeyPair rotateKindly() {
        KeyPair next = TestKeys.rsa2048();
        return rotateKindly(next, TestKeys.pkcs8Pem(next));
    }

    /** Writes {@code file}, which holds {@code pair}'s private key in some form, to the kindly volume. */
    public synchronized KeyPair rotateKindly(KeyPair pair, byte[] file) {
        kindly.update(Map.of(KINDLY_FILE, file));
        kindlyKeys.add(pair);
        return pair;
    }

    /** Writes a new secret to the dg volume; returns it. */
    public synchronized String rotateDg() {
        String next = newSecret(dgSecrets.size());
        dg.update(DG_FILE, next + "\n");
        dgSecrets.add(next);
        return next;
    }

    /** Writes a new API key and secret, together, to the dg-pair volume (one kubelet swap); returns them. */
    public synchronized String[] rotateDgPair() {
        String[] next = {"dg-api-key-" + dgPairs.size(), newSecret(100 + dgPairs.size())};
        dgPair.update(pairFiles(next));
        dgPairs.add(next);
        return next;
    }

    private static Map<String, byte[]> pairFiles(String[] pair) {
        return Map.of(
                DG_API_KEY_FILE,
                (pair[0] + "\n").getBytes(StandardCharsets.UTF_8),
                DG_FILE,
                (pair[1] + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static String newSecret(int n) {
        return "dg-rotation-secret-" + n + "-" + Long.toHexString(Double.doubleToLongBits(Math.random()))
                + "-padding-to-32";
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(this, new TestInjector.MatchesType(SecretVolumes.class));
    }

    @Override
    public void stop() {
        // the temporary folder goes with the machine; nothing holds it open
    }
}
