package dev.chattoken.sidecar.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chattoken.sidecar.config.ChatTokenConfig;
import dev.chattoken.sidecar.config.StartupException;
import dev.chattoken.sidecar.crypto.Signers;
import dev.chattoken.sidecar.support.TestKeys;
import dev.chattoken.sidecar.support.VendorCatalog;
import dev.chattoken.sidecar.vendors.Vendors;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Startup refusals: each one is a single line naming the profile, the file where there is one, and the reason, and
 * never the key's content. The configuration goes through the real {@code @ConfigMapping}.
 */
class ProfileLoaderTest {

    private static final Vendors VENDORS = new Vendors(VendorCatalog.all());
    private static final Path KEYS = Path.of("src/test/resources/keys").toAbsolutePath();

    @TempDir
    Path dir;

    private static Map<String, Profile> load(Map<String, String> properties) {
        ChatTokenConfig config = new SmallRyeConfigBuilder()
                .withMapping(ChatTokenConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build()
                .getConfigMapping(ChatTokenConfig.class);
        return ProfileLoader.load(config, VENDORS, java.time.Clock.systemUTC(), Signers.jdk());
    }

    private static List<String> refusals(Map<String, String> properties) {
        return assertThrows(StartupException.class, () -> load(properties)).failures();
    }

    private static Map<String, String> kindly(String name, String keyFile) {
        Map<String, String> p = new HashMap<>();
        p.put("chat-token.profiles." + name + ".vendor", "kindly");
        p.put("chat-token.profiles." + name + ".key-file", keyFile);
        p.put("chat-token.profiles." + name + ".issuer", "https://iss.example");
        return p;
    }

    private static Map<String, String> dg(String name, String keyFile) {
        Map<String, String> p = new HashMap<>();
        p.put("chat-token.profiles." + name + ".vendor", "dg");
        p.put("chat-token.profiles." + name + ".key-file", keyFile);
        p.put("chat-token.profiles." + name + ".key-id", "api-key");
        return p;
    }

    private static Map<String, String> with(Map<String, String> base, String... keyValues) {
        Map<String, String> p = new HashMap<>(base);
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] == null) {
                p.remove(keyValues[i]);
            } else {
                p.put(keyValues[i], keyValues[i + 1]);
            }
        }
        return p;
    }

    @Test
    void onlyActiveProfilesAreLoadedInTheirOrder() {
        Map<String, String> p = new HashMap<>(kindly("bot", KEYS + "/kindly-pkcs8.pem"));
        p.putAll(dg("widget", KEYS + "/dg.secret"));
        p.putAll(dg("unused", "/does/not/exist")); // declared, inactive: never read
        p.put("chat-token.active", "widget, bot");
        assertEquals(List.of("widget", "bot"), List.copyOf(load(p).keySet()));
    }

    @Test
    void anEmptyActiveListIsRefused() {
        assertTrue(refusals(dg("widget", KEYS + "/dg.secret")).get(0).startsWith("chat-token.active names no profile"));
    }

    @Test
    void anActiveNameWithoutAProfileIsRefused() {
        Map<String, String> p = with(dg("widget", KEYS + "/dg.secret"), "chat-token.active", "ghost");
        assertEquals(
                List.of("profile 'ghost': listed in chat-token.active, but no chat-token.profiles.ghost.* is configured"
                        + " (declared: widget)"),
                refusals(p));
    }

    @Test
    void aProfileNameMustBeAPathSegmentThatNeedsNoEncoding() {
        for (String name : new String[] {"a b", "-dg", "dg-", "d%67", "d;g", "dg~1", "é", "x".repeat(65)}) {
            Map<String, String> p =
                    with(dg("\"" + name + "\"", KEYS.resolve("dg.secret").toString()), "chat-token.active", name);
            assertEquals(
                    List.of("profile '" + name + "': a profile name is the last segment of /v1/tokens/<name>: 1 to 64 "
                            + "letters, digits, '-' or '_', beginning and ending with a letter or digit"),
                    refusals(p),
                    name);
        }
        for (String name : new String[] {"dg", "DG_2", "shop-dg-1", "x".repeat(64)}) {
            assertEquals(
                    List.of(name),
                    List.copyOf(load(with(dg(name, KEYS.resolve("dg.secret").toString()), "chat-token.active", name))
                            .keySet()));
        }
    }

    @Test
    void anUnknownVendorIsRefusedWithTheKnownOnes() {
        Map<String, String> p =
                with(dg("w", KEYS + "/dg.secret"), "chat-token.profiles.w.vendor", "acme", "chat-token.active", "w");
        String known =
                String.join(", ", VendorCatalog.all().stream().map(v -> v.id()).toList());
        assertEquals(List.of("profile 'w': unknown vendor 'acme' (known: " + known + ")"), refusals(p));
    }

    @Test
    void missingVendorOrKeyFileIsRefused() {
        assertTrue(refusals(with(
                        dg("w", KEYS + "/dg.secret"), "chat-token.profiles.w.vendor", null, "chat-token.active", "w"))
                .get(0)
                .contains("chat-token.profiles.w.vendor is not set"));
        assertTrue(refusals(with(
                        dg("w", KEYS + "/dg.secret"), "chat-token.profiles.w.key-file", null, "chat-token.active", "w"))
                .get(0)
                .contains("chat-token.profiles.w.key-file is not set"));
    }

    @Test
    void dgNeedsTheApiKeyAsKeyId() {
        String line = refusals(with(
                        dg("w", KEYS + "/dg.secret"), "chat-token.profiles.w.key-id", null, "chat-token.active", "w"))
                .get(0);
        assertTrue(line.startsWith("profile 'w': chat-token.profiles.w.key-id is required for dg"), line);
    }

    @Test
    void kindlyNeedsAnIssuerAndAtMostFifteenMinutes() {
        Map<String, String> bot = with(kindly("bot", KEYS + "/kindly-pkcs8.pem"), "chat-token.active", "bot");
        assertTrue(refusals(with(bot, "chat-token.profiles.bot.issuer", null))
                .get(0)
                .contains("issuer is required for kindly"));
        assertTrue(refusals(with(bot, "chat-token.profiles.bot.ttl", "16m"))
                .get(0)
                .contains("is 960s; kindly accepts at most 900s"));
        assertTrue(
                refusals(with(bot, "chat-token.profiles.bot.ttl", "0s")).get(0).contains("at least 1s"));
        assertEquals(1, load(with(bot, "chat-token.profiles.bot.ttl", "15m")).size());
        assertEquals(1, load(with(bot, "chat-token.profiles.bot.ttl", "PT10M")).size());
    }

    @Test
    void kindlyWebhookDomainsMustBeDomains() {
        Map<String, String> bot = with(
                kindly("bot", KEYS + "/kindly-pkcs8.pem"),
                "chat-token.active",
                "bot",
                "chat-token.profiles.bot.webhook-domains",
                "example.com,https://x.example/hook");
        assertTrue(
                refusals(bot)
                        .get(0)
                        .contains("chat-token.profiles.bot.webhook-domains: 'https://x.example/hook' is not a "
                                + "domain name"),
                refusals(bot).get(0));
    }

    @Test
    void kindlyWebhookDomainsMustBePublicAndNoWildcardOverASingleLabel() {
        for (String domain : new String[] {
            "*.com",
            "localhost",
            "intranet",
            "10.0.0.1",
            "127.0.0.1",
            "hooks.internal",
            "a.local",
            "x.home.arpa",
            "shop.test"
        }) {
            Map<String, String> bot = with(
                    kindly("bot", KEYS + "/kindly-pkcs8.pem"),
                    "chat-token.active",
                    "bot",
                    "chat-token.profiles.bot.webhook-domains",
                    "example.com," + domain);
            assertTrue(refusals(bot).get(0).contains("'" + domain + "'"), domain + ": " + refusals(bot));
        }
        Map<String, String> allowed = with(
                kindly("bot", KEYS + "/kindly-pkcs8.pem"),
                "chat-token.active",
                "bot",
                "chat-token.profiles.bot.webhook-domains",
                "localhost,10.0.0.1,hooks.internal",
                "chat-token.profiles.bot.allow-non-public-webhook-domains",
                "true");
        assertEquals(1, load(allowed).size(), "the profile may allow non-public names");
        assertTrue(
                refusals(with(allowed, "chat-token.profiles.bot.webhook-domains", "*.com"))
                        .get(0)
                        .contains("single label"),
                "never a wildcard over a single label");
    }

    @Test
    void aKeyIdFileIsReadWithTheKeyAndReplacesKeyId() throws Exception {
        Path keyId = Files.writeString(dir.resolve("api-key"), "dg-api-key-from-file\n");
        Map<String, String> p = with(
                dg("w", KEYS + "/dg.secret"),
                "chat-token.active",
                "w",
                "chat-token.profiles.w.key-id",
                null,
                "chat-token.profiles.w.key-id-file",
                keyId.toString());
        Profile profile = load(p).get("w");
        assertEquals(
                java.util.Optional.of("dg-api-key-from-file"),
                profile.keys().state().keyId());
        assertEquals(
                List.of(
                        "profile 'w': chat-token.profiles.w.key-id and chat-token.profiles.w.key-id-file are both set; keep one"),
                refusals(with(p, "chat-token.profiles.w.key-id", "x")));
        Files.writeString(keyId, "two words\n");
        assertTrue(
                refusals(p).get(0).contains("has a key id file " + keyId + " that does not hold a key id"),
                refusals(p).get(0));
        Map<String, String> huggy = Map.of(
                "chat-token.active",
                "h",
                "chat-token.profiles.h.vendor",
                "huggy",
                "chat-token.profiles.h.key-file",
                KEYS + "/huggy.secret",
                "chat-token.profiles.h.key-id-file",
                keyId.toString());
        assertTrue(
                refusals(huggy).get(0).contains("key-id-file is not used by huggy tokens"),
                refusals(huggy).get(0));
    }

    @Test
    void optionsAVendorHasNoPlaceForAreRefused() {
        Map<String, String> huggy = Map.of(
                "chat-token.active",
                "h",
                "chat-token.profiles.h.vendor",
                "huggy",
                "chat-token.profiles.h.key-file",
                KEYS + "/huggy.secret",
                "chat-token.profiles.h.ttl",
                "5m");
        assertTrue(refusals(huggy).get(0).contains("chat-token.profiles.h.ttl is not used by huggy tokens"));
        Map<String, String> w =
                with(dg("w", KEYS + "/dg.secret"), "chat-token.active", "w", "chat-token.profiles.w.issuer", "x");
        assertTrue(refusals(w).get(0).contains("issuer is not used by dg"));
    }

    @Test
    void keyProblemsNameTheProfileTheFileAndTheReasonButNotTheContent() throws Exception {
        Path wrongType = KEYS.resolve("dg.secret");
        String line = refusals(with(kindly("bot", wrongType.toString()), "chat-token.active", "bot"))
                .get(0);
        assertEquals("profile 'bot': key file " + wrongType + " is neither a PEM private key nor a JWK", line);
        assertFalse(line.contains("dg-test-secret"), "never the key's content");

        Path missing = dir.resolve("absent.pem");
        assertEquals(
                "profile 'bot': key file " + missing + " does not exist",
                refusals(with(kindly("bot", missing.toString()), "chat-token.active", "bot"))
                        .get(0));

        Path unreadable = Files.writeString(dir.resolve("locked.secret"), "secret");
        unreadable.toFile().setReadable(false);
        if (!Files.isReadable(unreadable)) { // root reads everything: the check only means something for others
            assertTrue(refusals(with(dg("w", unreadable.toString()), "chat-token.active", "w"))
                    .get(0)
                    .endsWith("is not readable (permission denied)"));
        }
    }

    @Test
    void everyFailingProfileGetsItsOwnLine() {
        Map<String, String> p = new HashMap<>(kindly("bot", KEYS + "/dg.secret"));
        p.putAll(dg("w", dir.resolve("none").toString()));
        p.put("chat-token.active", "bot,w,ghost");
        List<String> lines = refusals(p);
        assertEquals(3, lines.size());
        assertTrue(lines.get(0).startsWith("profile 'bot'"));
        assertTrue(lines.get(1).startsWith("profile 'w'"));
        assertTrue(lines.get(2).startsWith("profile 'ghost'"));
        lines.forEach(l -> assertFalse(l.contains("\n")));
    }

    @Test
    void aKeyWhosePrivateHalfDoesNotBelongToItsPublicHalfIsRefusedAndOneWithNEAndDOnlyIsServed() throws Exception {
        KeyPair pair = TestKeys.rsa2048();
        KeyPair other = TestKeys.rsa2048();
        Path mismatched = Files.write(
                dir.resolve("mismatched.jwk.json"),
                TestKeys.jwkWithoutCrt(
                        (RSAPublicKey) pair.getPublic(), ((RSAPrivateCrtKey) other.getPrivate()).getPrivateExponent()));
        Path withoutCrt = Files.write(dir.resolve("ned.jwk.json"), TestKeys.jwkWithoutCrt(pair));
        Map<String, String> p = new HashMap<>(kindly("bad", mismatched.toString()));
        p.putAll(kindly("ned", withoutCrt.toString()));
        p.put("chat-token.active", "bad,ned");
        assertEquals(
                List.of("profile 'bad': key file " + mismatched
                        + " holds an RSA private key that does not belong to its "
                        + "public key: a test signature made with it does not verify"),
                refusals(p));

        Profile ned = load(with(p, "chat-token.active", "ned")).get("ned");
        assertEquals("the JDK", ned.keys().state().signer().implementation());
    }
}
