package dev.chattoken.sidecar.keys;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import dev.chattoken.sidecar.support.Management;
import dev.chattoken.sidecar.support.PackagedSidecar;
import dev.chattoken.sidecar.support.TestKeys;
import dev.chattoken.sidecar.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Rotation as Kubernetes does it: the kubelet swaps the {@code ..data} symlink of a Secret volume and the sidecar
 * follows, without a failed request, keeping replaced public keys published while their tokens live, and refusing a
 * broken key while the last good one keeps signing.
 */
@QuarkusTest
@TestProfile(KeyRotationTest.MountedSecrets.class)
class KeyRotationTest {

    public static class MountedSecrets implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(SecretVolumes.class));
        }
    }

    /** How long after a swap the sidecar may still sign with the replaced key: event + settle, or one interval. */
    private static final long DETECTION_SLACK_NANOS = Duration.ofSeconds(2).toNanos();

    SecretVolumes volumes;

    private record Answer(String profile, long start, long end, int status, String token) {}

    private record Swap(long at, int keyIndex) {}

    @Test
    void rotationUnderConcurrentLoadFailsNoRequestAndEveryTokenVerifiesWithAKeyCurrentDuringItsRequest()
            throws Exception {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        AtomicBoolean running = new AtomicBoolean(true);
        ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        List<Swap> kindlySwaps =
                new CopyOnWriteArrayList<>(List.of(new Swap(Long.MIN_VALUE, volumes.kindlyKeys.size() - 1)));
        List<Swap> dgSwaps =
                new CopyOnWriteArrayList<>(List.of(new Swap(Long.MIN_VALUE, volumes.dgSecrets.size() - 1)));

        ExecutorService clients = Executors.newFixedThreadPool(4);
        for (int c = 0; c < 4; c++) {
            String profile = c % 2 == 0 ? "kindly-rot" : "dg-rot";
            String body =
                    profile.equals("kindly-rot") ? "{\"user_id\":\"u\",\"chat_id\":\"c\"}" : "{\"user_id\":\"u\"}";
            clients.submit(() -> {
                HttpRequest request = HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/v1/tokens/" + profile))
                        .header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build();
                while (running.get()) {
                    long start = System.nanoTime();
                    try {
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        String token = response.statusCode() == 200
                                ? response.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1")
                                : "";
                        answers.add(new Answer(profile, start, System.nanoTime(), response.statusCode(), token));
                    } catch (Exception e) {
                        answers.add(new Answer(
                                profile,
                                start,
                                System.nanoTime(),
                                -1,
                                e.getClass().getSimpleName()));
                    }
                }
                return null;
            });
        }
        Thread.sleep(500);
        for (int i = 0; i < 5; i++) {
            // a swap's time is taken before its write: the sidecar may sign with the new key before the write returns
            long kindlySwap = System.nanoTime();
            volumes.rotateKindly();
            kindlySwaps.add(new Swap(kindlySwap, volumes.kindlyKeys.size() - 1));
            Thread.sleep(250);
            long dgSwap = System.nanoTime();
            volumes.rotateDg();
            dgSwaps.add(new Swap(dgSwap, volumes.dgSecrets.size() - 1));
            Thread.sleep(750);
        }
        Thread.sleep(1500);
        running.set(false);
        clients.shutdown();
        assertTrue(clients.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS));

        List<Answer> all = new ArrayList<>(answers);
        assertTrue(all.size() > 50, "the clients kept minting during the rotations (" + all.size() + " answers)");
        assertEquals(List.of(), all.stream().filter(a -> a.status() != 200).toList(), "every answer is 200");

        Set<Integer> kindlyKeysSeen = new java.util.TreeSet<>();
        Set<Integer> dgKeysSeen = new java.util.TreeSet<>();
        for (Answer a : all) {
            SignedJWT jwt = SignedJWT.parse(a.token());
            List<Integer> allowed = allowedKeys(a.profile().equals("kindly-rot") ? kindlySwaps : dgSwaps, a);
            Integer verifiedBy = null;
            for (int k : allowed) {
                boolean ok = a.profile().equals("kindly-rot")
                        ? jwt.verify(new RSASSAVerifier(
                                (RSAPublicKey) volumes.kindlyKeys.get(k).getPublic()))
                        : jwt.verify(new MACVerifier(volumes.dgSecrets.get(k).getBytes(StandardCharsets.UTF_8)));
                if (ok) {
                    verifiedBy = k;
                    break;
                }
            }
            assertTrue(
                    verifiedBy != null,
                    a.profile() + " token verifies with a key current during its request " + allowed);
            (a.profile().equals("kindly-rot") ? kindlyKeysSeen : dgKeysSeen).add(verifiedBy);
        }
        assertTrue(kindlyKeysSeen.size() >= 5, "tokens of most kindly keys were seen: " + kindlyKeysSeen);
        assertTrue(dgKeysSeen.size() >= 5, "tokens of most dg secrets were seen: " + dgKeysSeen);
        assertEquals(
                fingerprint(volumes.kindlyKeys.getLast()),
                given().get("/v1/profiles").then().extract().path("find { it.name == 'kindly-rot' }.key_fingerprint"),
                "the last key is current");
    }

    /** Keys that were current in the sidecar at some moment of the request, allowing for detection delay. */
    private static List<Integer> allowedKeys(List<Swap> swaps, Answer a) {
        List<Integer> allowed = new ArrayList<>();
        for (int i = 0; i < swaps.size(); i++) {
            long from = swaps.get(i).at();
            long until = i + 1 < swaps.size() ? swaps.get(i + 1).at() + DETECTION_SLACK_NANOS : Long.MAX_VALUE;
            if (from <= a.end() && until >= a.start()) {
                allowed.add(swaps.get(i).keyIndex());
            }
        }
        return allowed;
    }

    /**
     * DG issues the API key (the kid) and the secret as a pair: with {@code key-id-file} both come from one Secret and
     * are swapped together, so under concurrent load every token's kid is the API key of the very secret that signed
     * it, through five rotations of the pair.
     */
    @Test
    void aKeyIdFileRotatesWithItsSecretAndNoTokenPairsOneWithTheOthersPredecessor() throws Exception {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        AtomicBoolean running = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> tokens = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            clients.add(Thread.ofPlatform().start(() -> {
                while (running.get()) {
                    try {
                        HttpResponse<String> answer = http.send(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/tokens/dg-pair"))
                                        .header("content-type", "application/json")
                                        .POST(HttpRequest.BodyPublishers.ofString("{\"user_id\":\"u\"}"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                        statuses.add(answer.statusCode());
                        if (answer.statusCode() == 200) {
                            tokens.add(new com.fasterxml.jackson.databind.ObjectMapper()
                                    .readTree(answer.body())
                                    .get("token")
                                    .asText());
                        }
                    } catch (Exception e) {
                        statuses.add(-1);
                    }
                }
            }));
        }
        for (int i = 0; i < 5; i++) {
            Thread.sleep(700);
            String[] pair = volumes.rotateDgPair();
            await(() -> kidOf(mintDgPair()).equals(pair[0]), "the pair " + pair[0] + " is taken");
        }
        running.set(false);
        for (Thread client : clients) {
            client.join();
        }
        assertTrue(
                statuses.stream().allMatch(s -> s == 200),
                "every request was answered 200: "
                        + statuses.stream().distinct().toList());
        Map<String, String> secretByKey = new java.util.HashMap<>();
        volumes.dgPairs.forEach(pair -> secretByKey.put(pair[0], pair[1]));
        assertTrue(tokens.size() > 50, "load ran: " + tokens.size());
        java.util.Set<String> kids = new java.util.HashSet<>();
        for (String token : tokens) {
            SignedJWT jwt = SignedJWT.parse(token);
            String kid = jwt.getHeader().getKeyID();
            kids.add(kid);
            assertTrue(secretByKey.containsKey(kid), "a kid that was written: " + kid);
            assertTrue(
                    jwt.verify(new com.nimbusds.jose.crypto.MACVerifier(
                            secretByKey.get(kid).getBytes(java.nio.charset.StandardCharsets.UTF_8))),
                    "the token with kid " + kid + " is signed with that API key's own secret");
        }
        assertTrue(kids.size() >= 5 && secretByKey.keySet().containsAll(kids), "the pairs rotated in signed: " + kids);
    }

    private static String mintDgPair() {
        return given().contentType(ContentType.JSON)
                .body("{\"user_id\":\"u\"}")
                .post("/v1/tokens/dg-pair")
                .then()
                .statusCode(200)
                .extract()
                .path("token");
    }

    private static String kidOf(String token) {
        try {
            return SignedJWT.parse(token).getHeader().getKeyID();
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aBrokenRotationKeepsTheLastGoodKeyAndIsReportedAndLoggedOnce() throws Exception {
        long refusalsLoggedBefore = refusalsLogged();
        KeyPair good = volumes.kindlyKeys.getLast();
        String goodFingerprint = fingerprint(good);
        awaitFingerprint(goodFingerprint);

        volumes.kindly.update(Map.of(
                SecretVolumes.KINDLY_FILE,
                TestKeys.pem("PUBLIC KEY", good.getPublic().getEncoded()).getBytes(StandardCharsets.US_ASCII)));
        await(
                () -> given().get("/v1/profiles")
                                .then()
                                .extract()
                                .path("find { it.name == 'kindly-rot' }.last_reload_error")
                        != null,
                "the refusal shows in /v1/profiles");

        given().get("/v1/profiles")
                .then()
                .body("find { it.name == 'kindly-rot' }.key_fingerprint", equalTo(goodFingerprint))
                .body(
                        "find { it.name == 'kindly-rot' }.last_reload_error.reason",
                        containsString("holds a public key"));
        String token = given().contentType(ContentType.JSON)
                .body("{\"user_id\":\"u\",\"chat_id\":\"c\"}")
                .post("/v1/tokens/kindly-rot")
                .then()
                .statusCode(200)
                .extract()
                .path("token");
        assertTrue(
                SignedJWT.parse(token).verify(new RSASSAVerifier((RSAPublicKey) good.getPublic())),
                "still signing with the last good key");
        Management.request()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'profile-keys' }.data.'kindly-rot'", equalTo("reload refused"));
        assertTrue(Management.request()
                .get("/q/metrics")
                .then()
                .extract()
                .asString()
                .contains("chat_token_key_reload_failures_total{profile=\"kindly-rot\"}"));

        Thread.sleep(2500); // two more periodic checks of the same broken file
        assertEquals(1, refusalsLogged() - refusalsLoggedBefore, "logged once per change");

        volumes.dg.update(SecretVolumes.DG_FILE, "\n");
        await(
                () -> given().get("/v1/profiles")
                                .then()
                                .extract()
                                .path("find { it.name == 'dg-rot' }.last_reload_error.reason")
                        != null,
                "an empty secret is refused");
        String dgToken = given().contentType(ContentType.JSON)
                .body("{\"user_id\":\"u\"}")
                .post("/v1/tokens/dg-rot")
                .then()
                .statusCode(200)
                .extract()
                .path("token");
        assertTrue(SignedJWT.parse(dgToken)
                .verify(new MACVerifier(volumes.dgSecrets.getLast().getBytes(StandardCharsets.UTF_8))));

        KeyPair next = volumes.rotateKindly();
        volumes.rotateDg();
        awaitFingerprint(fingerprint(next));
        await(
                () -> given().get("/v1/profiles")
                                .then()
                                .extract()
                                .path("find { it.name == 'dg-rot' }.last_reload_error")
                        == null,
                "a good key clears the error");
        given().get("/v1/profiles")
                .then()
                .body("find { it.name == 'kindly-rot' }.last_reload_error", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void theJwksKeepsTheReplacedKeyWhileItsTokensLiveAndVerifyAcceptsThem() throws Exception {
        KeyPair before = volumes.kindlyKeys.getLast();
        awaitFingerprint(fingerprint(before));
        String oldToken = given().contentType(ContentType.JSON)
                .body("{\"user_id\":\"u\",\"chat_id\":\"c\"}")
                .post("/v1/tokens/kindly-rot")
                .then()
                .statusCode(200)
                .extract()
                .path("token");

        KeyPair after = volumes.rotateKindly();
        awaitFingerprint(fingerprint(after));

        JWKSet jwks = JWKSet.parse(given().get("/v1/profiles/kindly-rot/jwks.json")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertEquals(
                List.of(thumbprint(after), thumbprint(before)),
                jwks.getKeys().stream().map(k -> k.getKeyID()).toList(),
                "current key first, then the replaced one");
        assertEquals(
                ((RSAPublicKey) before.getPublic()).getModulus(),
                jwks.getKeyByKeyId(thumbprint(before))
                        .toRSAKey()
                        .toRSAPublicKey()
                        .getModulus());
        given().header("Authorization", "Bearer " + oldToken)
                .post("/v1/verify/kindly-rot")
                .then()
                .statusCode(200)
                .body("kid", equalTo(thumbprint(before)));
        String newToken = given().contentType(ContentType.JSON)
                .body("{\"user_id\":\"u\",\"chat_id\":\"c\"}")
                .post("/v1/tokens/kindly-rot")
                .then()
                .statusCode(200)
                .extract()
                .path("token");
        assertEquals(
                thumbprint(after), SignedJWT.parse(newToken).getHeader().getKeyID(), "new tokens carry the new kid");

        // ttl 2s + skew 1s: after that the replaced key's tokens are dead and it leaves the JWKS
        await(
                () -> given().get("/v1/profiles/kindly-rot/jwks.json")
                                .then()
                                .extract()
                                .<List<?>>path("keys")
                                .size()
                        == 1,
                "the replaced key leaves the JWKS after its tokens' lifetime");
        given().header("Authorization", "Bearer " + oldToken)
                .post("/v1/verify/kindly-rot")
                .then()
                .statusCode(401);
    }

    @Test
    void thePublicKeyPemFollowsTheRotationToTheNewKeyAtOnce() throws Exception {
        KeyPair before = volumes.kindlyKeys.getLast();
        awaitFingerprint(fingerprint(before));
        assertEquals(before.getPublic(), Tokens.servedPublicKey("kindly-rot"));

        KeyPair after = volumes.rotateKindly();
        awaitFingerprint(fingerprint(after));
        assertEquals(
                after.getPublic(),
                Tokens.servedPublicKey("kindly-rot"),
                "the one PEM is the key that signs now, while the JWKS still holds the replaced one too");
        String token = given().contentType(ContentType.JSON)
                .body("{\"user_id\":\"u\",\"chat_id\":\"c\"}")
                .post("/v1/tokens/kindly-rot")
                .then()
                .statusCode(200)
                .extract()
                .path("token");
        assertTrue(SignedJWT.parse(token).verify(new RSASSAVerifier(Tokens.servedPublicKey("kindly-rot"))));
    }

    @Test
    void aKeyThatCannotSignIsRefusedAndOneLibcryptoCannotUseIsSignedByTheJdkAlone() throws Exception {
        KeyPair good = volumes.kindlyKeys.getLast();
        awaitFingerprint(fingerprint(good));

        // d of one key under the modulus of another: it parses, and would sign tokens that never verify
        KeyPair other = TestKeys.rsa2048();
        volumes.kindly.update(Map.of(
                SecretVolumes.KINDLY_FILE,
                TestKeys.jwkWithoutCrt(
                        (RSAPublicKey) TestKeys.rsa2048().getPublic(),
                        ((java.security.interfaces.RSAPrivateCrtKey) other.getPrivate()).getPrivateExponent())));
        await(
                () -> String.valueOf(given().get("/v1/profiles")
                                .then()
                                .extract()
                                .<String>path("find { it.name == 'kindly-rot' }.last_reload_error.reason"))
                        .contains("does not belong to its public key"),
                "the key that cannot sign is refused");
        assertTrue(
                SignedJWT.parse(mintKindly()).verify(new RSASSAVerifier((RSAPublicKey) good.getPublic())),
                "the last good key keeps signing");

        // n, e and d only: a valid private JWK the JDK signs with and libcrypto refuses
        KeyPair withoutCrt = TestKeys.rsa2048();
        volumes.rotateKindly(withoutCrt, TestKeys.jwkWithoutCrt(withoutCrt));
        String withoutCrtFingerprint = fingerprint(withoutCrt);
        awaitFingerprint(withoutCrtFingerprint);
        assertTrue(SignedJWT.parse(mintKindly()).verify(new RSASSAVerifier((RSAPublicKey) withoutCrt.getPublic())));
        given().get("/v1/profiles")
                .then()
                .body("find { it.name == 'kindly-rot' }.last_reload_error", org.hamcrest.Matchers.nullValue());
        String rotatedLine = await(
                () -> lastRotationLogged().filter(l -> l.contains(withoutCrtFingerprint)), "the rotation is logged");
        if (PackagedSidecar.isNative()) {
            assertTrue(
                    rotatedLine.matches(
                            ".*WARN.*signed by the JDK, because libcrypto cannot use this key: \\w+ failed: "
                                    + "error:[0-9A-F]{8}:.*"),
                    "falls back for this key, with OpenSSL's error code: " + rotatedLine);
            assertEquals(0, libcryptoKeys(), "libcrypto holds no key: the one it signed with was freed");
        } else {
            assertTrue(rotatedLine.contains("signed by the JDK"), rotatedLine);
        }

        // the same key with its CRT values: the same public key, but new private material, so it rotates
        double rotatedBefore = metric("chat_token_key_reloads_total", "outcome=\"rotated\"");
        volumes.rotateKindly(withoutCrt, TestKeys.pkcs8Pem(withoutCrt));
        await(
                () -> metric("chat_token_key_reloads_total", "outcome=\"rotated\"") == rotatedBefore + 1,
                "the fixed private part is a rotation, not the same key");
        assertTrue(SignedJWT.parse(mintKindly()).verify(new RSASSAVerifier((RSAPublicKey) withoutCrt.getPublic())));
        assertEquals(
                PackagedSidecar.isNative() ? 1 : 0,
                libcryptoKeys(),
                "libcrypto holds the current RSA key only, however many keys came before");
    }

    private static String mintKindly() {
        return given().contentType(ContentType.JSON)
                .body("{\"user_id\":\"u\",\"chat_id\":\"c\"}")
                .post("/v1/tokens/kindly-rot")
                .then()
                .statusCode(200)
                .extract()
                .path("token");
    }

    private static int libcryptoKeys() {
        return (int) metric("chat_token_libcrypto_keys", "");
    }

    /** A kindly-rot sample of a metric whose labels contain {@code labels}; 0 when there is none. */
    private static double metric(String name, String labels) {
        return Management.request()
                .get("/q/metrics")
                .then()
                .extract()
                .asString()
                .lines()
                .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .filter(l -> l.contains(labels) && (!l.contains("profile=") || l.contains("profile=\"kindly-rot\"")))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static java.util.Optional<String> lastRotationLogged() {
        java.nio.file.Path log = java.nio.file.Path.of("target/test-logs/quarkus.log");
        try (var lines = java.nio.file.Files.lines(log)) {
            return lines.filter(l -> l.contains("profile 'kindly-rot'") && l.contains("rotated"))
                    .reduce((a, b) -> b);
        } catch (java.io.IOException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * Refusals of kindly-rot's key in the sidecar's log file (the %test profile writes one, also when the packaged
     * sidecar runs in its own process); LogLeakCheck scans the same file for key material.
     */
    private static long refusalsLogged() throws java.io.IOException {
        java.nio.file.Path log = java.nio.file.Path.of("target/test-logs/quarkus.log");
        if (!java.nio.file.Files.exists(log)) {
            return 0;
        }
        try (var lines = java.nio.file.Files.lines(log)) {
            return lines.filter(l -> l.contains("profile 'kindly-rot'") && l.contains("was refused"))
                    .count();
        }
    }

    private static String thumbprint(KeyPair pair) throws Exception {
        return new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                .build()
                .computeThumbprint()
                .toString();
    }

    /** The README's fingerprint: the first 8 bytes of SHA-256 over the DER public key, in hex. */
    private static String fingerprint(KeyPair pair) throws Exception {
        byte[] digest =
                MessageDigest.getInstance("SHA-256").digest(pair.getPublic().getEncoded());
        return "sha256:" + HexFormat.of().formatHex(digest, 0, 8);
    }

    private static void awaitFingerprint(String fingerprint) throws InterruptedException {
        await(
                () -> fingerprint.equals(given().get("/v1/profiles")
                        .then()
                        .extract()
                        .path("find { it.name == 'kindly-rot' }.key_fingerprint")),
                "the sidecar signs with " + fingerprint);
    }

    private static <T> T await(java.util.function.Supplier<java.util.Optional<T>> value, String what)
            throws InterruptedException {
        java.util.concurrent.atomic.AtomicReference<T> found = new java.util.concurrent.atomic.AtomicReference<>();
        await(
                () -> value.get()
                        .map(v -> {
                            found.set(v);
                            return true;
                        })
                        .orElse(false),
                what);
        return found.get();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(50);
        }
    }
}
