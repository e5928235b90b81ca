package dev.chattoken.sidecar.vendors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.nimbusds.jwt.SignedJWT;

import dev.chattoken.sidecar.keys.SigningAlgorithm;
import dev.chattoken.sidecar.profile.Profile;
import dev.chattoken.sidecar.support.Fixtures;
import dev.chattoken.sidecar.support.VendorCatalog;
import dev.chattoken.sidecar.support.VendorTesting;
import dev.chattoken.sidecar.token.MintedToken;

/**
 * What every vendor promises, run for each vendor the build has ({@link VendorCatalog}): its example works and
 * verifies independently, its header is {@code alg}, {@code typ} and at most {@code kid} plus what it declares,
 * times are integer seconds, nothing null or secret reaches the token, options it does not declare and fields it
 * does not use are refused by name, a required option is named when missing, a key of the wrong family is refused
 * and a ttl outside its limits is refused. Each vendor's own spec test checks its exact claims.
 */
class VendorContractTest {

    @TempDir
    Path dir;

    static List<Vendor> vendors() {
        return VendorCatalog.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vendors")
    void theExampleMintsATokenThatVerifiesIndependently(Vendor vendor) throws Exception {
        Profile profile = VendorTesting.example(vendor);
        MintedToken minted = VendorTesting.mint(profile, vendor.example().request());
        assertEquals(vendor.id(), minted.vendor());
        assertFalse(minted.token().isEmpty());
        assertFalse(minted.token().contains(Fixtures.HMAC_SECRET), "the secret is not the token");
        if (!profile.rules().signsJwt()) {
            return;
        }
        SignedJWT jwt = Fixtures.verifiedJwt(minted.token(), profile.rules().algorithm());
        Map<String, Object> header = jwt.getHeader().toJSONObject();
        assertEquals("JWT", header.get("typ"));
        assertEquals(profile.rules().algorithm().name(), header.get("alg"));
        assertEquals(minted.keyId().orElse(null), header.get("kid"));
        Map<String, Object> claims = jwt.getPayload().toJSONObject();
        String payload = jwt.getPayload().toString();
        assertFalse(payload.contains(":null"), "no claim is null: " + claims.keySet());
        assertFalse(payload.contains(Fixtures.HMAC_SECRET), "no secret in the payload");
        for (String time : List.of("iat", "exp", "nbf")) {
            if (claims.containsKey(time)) {
                assertInstanceOf(Long.class, claims.get(time), time + " is integer seconds");
            }
        }
        assertEquals(claims.containsKey("exp") ? ((Long) claims.get("exp")) : null,
                minted.expiresAt().map(java.time.Instant::getEpochSecond).orElse(null), "the answer's expires_at is exp");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vendors")
    void anOptionTheVendorDoesNotDeclareIsRefusedByName(Vendor vendor) {
        String refusal = VendorTesting.refusal(vendor, VendorTesting.with(vendor.example().options(), "no-such-option", "x"));
        assertTrue(refusal.contains("chat-token.profiles." + vendor.id() + ".no-such-option is not used by " + vendor.id()
                + " tokens; remove it"), refusal);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vendors")
    void eachRequiredOptionIsNamedWhenMissing(Vendor vendor) {
        for (Option option : vendor.options()) {
            if (option.required() && option.kind() != Option.Kind.FAMILY) {
                String refusal = VendorTesting.refusal(vendor, VendorTesting.with(vendor.example().options(), option.name(), null));
                assertTrue(refusal.contains("chat-token.profiles." + vendor.id() + "." + option.name() + " is required for "
                        + vendor.id()), refusal);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vendors")
    void fieldsTheProfileDoesNotUseAreRefusedNotDropped(Vendor vendor) throws Exception {
        Profile profile = VendorTesting.example(vendor);
        Set<IdentityField> unused = EnumSet.allOf(IdentityField.class);
        unused.removeAll(profile.rules().acceptedFields());
        String request = vendor.example().request();
        for (IdentityField field : unused) {
            String body = request.substring(0, request.lastIndexOf('}')) + ",\"" + field.jsonName() + "\":" + sample(field) + "}";
            InvalidRequestException refused = assertThrows(InvalidRequestException.class, () -> VendorTesting.mint(profile, body),
                    field.jsonName());
            assertEquals(InvalidRequestException.Reason.UNSUPPORTED_FIELD, refused.reason());
            assertEquals(field.jsonName(), refused.field());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vendors")
    void aKeyOfAnotherFamilyIsRefusedAtLoad(Vendor vendor) throws Exception {
        SigningAlgorithm algorithm = VendorTesting.example(vendor).rules().algorithm();
        List<Path> wrong = Fixtures.keyFilesOfOtherFamilies(algorithm.family());
        assertEquals(SigningAlgorithm.Family.values().length - 1, wrong.size(), "a fixture of every other family");
        for (Path file : wrong) {
            RuntimeException refused = assertThrows(RuntimeException.class,
                    () -> VendorTesting.profile(vendor, vendor.example().options(), java.util.Optional.of(file)));
            assertTrue(refused.getMessage().startsWith("profile '" + vendor.id() + "': key file " + file), refused.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vendors")
    void aTtlOutsideItsLimitsIsRefused(Vendor vendor) {
        for (Option option : vendor.options()) {
            if (option.name().equals(Option.TTL_NAME)) {
                long max = option.limit().orElseThrow().toSeconds();
                VendorTesting.profile(vendor, VendorTesting.with(vendor.example().options(), "ttl", max + "s"));
                for (String bad : List.of((max + 1) + "s", "0s", "1500ms", "soon")) {
                    String refusal = VendorTesting.refusal(vendor, VendorTesting.with(vendor.example().options(), "ttl", bad));
                    assertTrue(refusal.contains("chat-token.profiles." + vendor.id() + ".ttl"), refusal);
                }
            }
        }
    }

    /** A well-formed value of each request field, so that only its presence is at stake. */
    private static String sample(IdentityField field) {
        return switch (field) {
            case EMAIL_VERIFIED, PHONE_NUMBER_VERIFIED -> "true";
            case WEBHOOK_DOMAINS -> "[\"example.com\"]";
            case CLAIMS, CONTEXT -> "{\"a\":\"b\"}";
            case EMAIL -> "\"ana@example.com\"";
            case PICTURE -> "\"https://example.com/a.png\"";
            default -> "\"x\"";
        };
    }
}
