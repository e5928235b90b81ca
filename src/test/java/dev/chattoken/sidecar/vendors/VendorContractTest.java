package dev.chattoken.sidecar.vendors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.SignedJWT;
import dev.chattoken.sidecar.keys.SigningAlgorithm;
import dev.chattoken.sidecar.profile.Profile;
import dev.chattoken.sidecar.support.Fixtures;
import dev.chattoken.sidecar.support.VendorCatalog;
import dev.chattoken.sidecar.support.VendorTesting;
import dev.chattoken.sidecar.token.MintedToken;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every vendor promises, run for each vendor the build has ({@link VendorCatalog}): its example works and verifies
 * independently, a JWT's header is exactly {@code alg}, {@code typ}, {@code kid} when it has one and the members its
 * rules declare, an HMAC digest is the JDK's {@code Mac} of the message its rules sign (no expiry, the widget field
 * holding the token), times are integer seconds, nothing null or secret reaches the token, options it does not declare
 * and fields it does not use are refused by name, a required option is named when missing, a key of the wrong family is
 * refused and a ttl outside its limits is refused. Each vendor's own spec test checks its exact claims.
 */
class VendorContractTest {

    /** The header members the sidecar sets itself; a vendor declares only others. */
    private static final Set<String> SIDECARS_HEADER = Set.of("alg", "typ", "kid");

    static List<Vendor> vendors() {
        return VendorCatalog.all();
    }

    /** The vendors whose example is an HMAC digest, not a JWT. */
    static Stream<Vendor> hmacVendors() {
        return vendors().stream().filter(vendor -> VendorTesting.example(vendor).rules() instanceof DigestRules);
    }

    /** The vendors whose tokens are signed here (the others' come from their API: VendorHttpContractTest). */
    static Stream<Vendor> signingVendors() {
        return vendors().stream()
                .filter(vendor -> !(VendorTesting.example(vendor).rules() instanceof UpstreamRules));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signingVendors")
    void theExampleMintsATokenThatVerifiesIndependently(Vendor vendor) throws Exception {
        Profile profile = VendorTesting.example(vendor);
        MintedToken minted = VendorTesting.mint(profile, vendor.example().request());
        assertEquals(vendor.id(), minted.vendor());
        assertFalse(minted.token().isEmpty());
        assertFalse(minted.token().contains(Fixtures.HMAC_SECRET), "the secret is not the token");
        if (!profile.rules().signsJwt()) {
            return; // an HMAC digest: anHmacDigestIsTheJdkMacOfItsMessage
        }
        SignedJWT jwt = Fixtures.verifiedJwt(minted.token(), profile.rules().algorithm());
        Map<String, Object> header = jwt.getHeader().toJSONObject();
        assertEquals("JWT", header.get("typ"));
        assertEquals(profile.rules().algorithm().name(), header.get("alg"));
        assertEquals(minted.keyId().orElse(null), header.get("kid"));
        // the members the vendor's rules declare (TokenContent.Jwt#header, Twilio's cty), and nothing else of its own
        Map<String, Object> declared = ((TokenContent.Jwt)
                        VendorTesting.content(profile, vendor.example().request()))
                .header();
        assertTrue(
                Collections.disjoint(declared.keySet(), SIDECARS_HEADER),
                "alg, typ and kid are the sidecar's: " + declared);
        Set<String> expected = new HashSet<>(declared.keySet());
        expected.addAll(List.of("alg", "typ"));
        minted.keyId().ifPresent(kid -> expected.add("kid"));
        assertEquals(
                expected,
                header.keySet(),
                "the header is alg, typ, kid when there is one and the vendor's own members");
        declared.forEach((name, value) -> assertEquals(value, header.get(name), name));
        Map<String, Object> claims = jwt.getPayload().toJSONObject();
        String payload = jwt.getPayload().toString();
        assertFalse(payload.contains(":null"), "no claim is null: " + claims.keySet());
        assertFalse(payload.contains(Fixtures.HMAC_SECRET), "no secret in the payload");
        for (String time : List.of("iat", "exp", "nbf")) {
            if (claims.containsKey(time)) {
                assertInstanceOf(Long.class, claims.get(time), time + " is integer seconds");
            }
        }
        assertEquals(
                claims.containsKey("exp") ? ((Long) claims.get("exp")) : null,
                minted.expiresAt().map(java.time.Instant::getEpochSecond).orElse(null),
                "the answer's expires_at is exp");
    }

    /**
     * An HMAC vendor's token is the JDK's own HMAC-SHA256, with the fixture secret, of the message its rules sign (the
     * expectation is computed here, not by the sidecar's signer), written as its rules say; it has no expiry and no
     * kid, and the widget field the vendor names holds exactly the token.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("hmacVendors")
    void anHmacDigestIsTheJdkMacOfItsMessage(Vendor vendor) throws Exception {
        Profile profile = VendorTesting.example(vendor);
        String request = vendor.example().request();
        TokenContent.Hmac hmac = assertInstanceOf(TokenContent.Hmac.class, VendorTesting.content(profile, request));
        MintedToken minted = VendorTesting.mint(profile, request);
        assertTrue(
                requestTexts(request).stream().anyMatch(hmac.message()::contains),
                "the message signs something of the user's, else everyone would get the same digest: "
                        + hmac.message());
        String expected = switch (hmac.encoding()) {
            case HEX -> Fixtures.hmacHex(hmac.message());
            case BASE64 -> Fixtures.hmacBase64(hmac.message());
        };
        String form = switch (hmac.encoding()) { // 32 bytes of HMAC-SHA256
            case HEX -> "[0-9a-f]{64}";
            case BASE64 -> "[A-Za-z0-9+/]{43}=";
        };
        // compared without printing the token on a failure
        assertTrue(minted.token().matches(form), "the token is " + hmac.encoding() + " of 32 bytes");
        assertTrue(
                expected.equals(minted.token()), "HMAC-SHA256 of '" + hmac.message() + "' with the profile's secret");
        assertEquals(Optional.empty(), minted.expiresAt(), "a digest never expires: the answer's expires_at is null");
        assertEquals(Optional.empty(), minted.keyId());
        String answerField =
                assertInstanceOf(DigestRules.class, profile.rules()).answerField();
        assertEquals(Set.of(answerField), minted.widgetFields().keySet(), "one widget field");
        assertTrue(
                minted.token().equals(minted.widgetFields().get(answerField)),
                "the widget's field is the token itself");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vendors")
    void anOptionTheVendorDoesNotDeclareIsRefusedByName(Vendor vendor) {
        String refusal = VendorTesting.refusal(
                vendor, VendorTesting.with(vendor.example().options(), "no-such-option", "x"));
        assertTrue(
                refusal.contains("chat-token.profiles." + vendor.id() + ".no-such-option is not used by " + vendor.id()
                        + " tokens; remove it"),
                refusal);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vendors")
    void eachRequiredOptionIsNamedWhenMissing(Vendor vendor) {
        for (Option option : vendor.options()) {
            if (option.required() && option.kind() != Option.Kind.FAMILY) {
                String refusal = VendorTesting.refusal(
                        vendor, VendorTesting.with(vendor.example().options(), option.name(), null));
                assertTrue(
                        refusal.contains("chat-token.profiles." + vendor.id() + "." + option.name()
                                + " is required for " + vendor.id()),
                        refusal);
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
            String body = request.substring(0, request.lastIndexOf('}')) + ",\"" + field.jsonName() + "\":"
                    + sample(field) + "}";
            InvalidRequestException refused = assertThrows(
                    InvalidRequestException.class, () -> VendorTesting.mint(profile, body), field.jsonName());
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
            RuntimeException refused = assertThrows(
                    RuntimeException.class,
                    () -> VendorTesting.profile(vendor, vendor.example().options(), java.util.Optional.of(file)));
            assertTrue(
                    refused.getMessage().startsWith("profile '" + vendor.id() + "': key file " + file),
                    refused.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vendors")
    void aTtlOutsideItsLimitsIsRefused(Vendor vendor) {
        for (Option option : vendor.options()) {
            if (option.name().equals(Option.TTL_NAME)) {
                long max = option.limit().orElseThrow().toSeconds();
                VendorTesting.profile(
                        vendor, VendorTesting.with(vendor.example().options(), "ttl", max + "s"));
                for (String bad : List.of((max + 1) + "s", "0s", "1500ms", "soon")) {
                    String refusal = VendorTesting.refusal(
                            vendor, VendorTesting.with(vendor.example().options(), "ttl", bad));
                    assertTrue(refusal.contains("chat-token.profiles." + vendor.id() + ".ttl"), refusal);
                }
            }
        }
    }

    /** The text values of a request body, at its top level. */
    private static List<String> requestTexts(String json) throws Exception {
        return new ObjectMapper()
                .readValue(json, new TypeReference<Map<String, Object>>() {}).values().stream()
                        .filter(String.class::isInstance)
                        .map(String.class::cast)
                        .toList();
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
