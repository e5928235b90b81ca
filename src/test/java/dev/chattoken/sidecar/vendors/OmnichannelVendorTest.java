package dev.chattoken.sidecar.vendors;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import dev.chattoken.sidecar.keys.SigningAlgorithm;
import dev.chattoken.sidecar.profile.Profile;
import dev.chattoken.sidecar.support.Fixtures;
import dev.chattoken.sidecar.support.Tokens;
import dev.chattoken.sidecar.support.VendorTesting;
import dev.chattoken.sidecar.token.MintedToken;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Microsoft Dynamics 365 Omnichannel (Contact Center) authenticated chat, as Microsoft's
 * {@code ce/customer-service/administer/create-chat-auth-settings.md} (MicrosoftDocs/dynamics-365-customer-engagement)
 * specifies it: an RS256 JWT, header {@code {"alg": "RS256", "typ": "JWT"}} plus the {@code kid} that names the key,
 * "at a minimum" {@code iss}, {@code iat} ("in numeric date format"), {@code exp}, {@code sub} (Microsoft recommends
 * the contact's GUID), and {@code lwicontexts}, "the serialized custom context" in which "only primitive values are
 * allowed for any key". Microsoft verifies the token with the public key it fetches as one PEM ("-----BEGIN PUBLIC
 * KEY-----") from the URL in the authentication settings: here {@code /v1/profiles/{profile}/public-key.pem}. Choices
 * where the document is silent: ttl 5 minutes by default, at most 1 hour.
 */
@QuarkusTest // for the public-key.pem Microsoft fetches; the rest are plain minting through the sidecar's own assembly
class OmnichannelVendorTest {

    static final String GUID = "87b4d06c-abc2-e811-a9b0-000d3a10e09e";

    private final Vendor vendor = new OmnichannelVendor();
    private final Map<String, String> options = Map.of("issuer", "contosohelp.com");

    @Test
    void theHeaderIsRs256JwtAndTheKidIsTheKeysThumbprint() throws Exception {
        MintedToken minted = mint(options, "{\"user_id\":\"" + GUID + "\"}");
        SignedJWT jwt = Fixtures.verifiedJwt(minted.token(), SigningAlgorithm.RS256);
        String thumbprint = new RSAKey.Builder(Tokens.publicKey(Fixtures.RSA_PUBLIC_PEM))
                .build()
                .computeThumbprint()
                .toString();
        assertEquals(
                Map.of("alg", "RS256", "typ", "JWT", "kid", thumbprint),
                jwt.getHeader().toJSONObject());
        assertEquals(Optional.of(thumbprint), minted.keyId());
        assertEquals(Map.of(), minted.widgetFields(), "the page's function hands the token itself to the widget");
    }

    @Test
    void aConfiguredKeyIdIsTheKid() throws Exception {
        MintedToken minted =
                mint(VendorTesting.with(options, "key-id", "contoso-2025"), "{\"user_id\":\"" + GUID + "\"}");
        assertEquals(
                "contoso-2025",
                Fixtures.verifiedJwt(minted.token(), SigningAlgorithm.RS256)
                        .getHeader()
                        .getKeyID());
    }

    @Test
    void theClaimsAreIssSubIatExpAndLwicontextsAndNothingElse() throws Exception {
        long before = Instant.now().getEpochSecond();
        MintedToken minted =
                mint(options, "{\"user_id\":\"" + GUID + "\",\"context\":{\"msdyn_cartvalue\":\"10000\"}}");
        long after = Instant.now().getEpochSecond();
        Map<String, Object> claims = claims(minted);

        long iat = (Long) claims.get("iat");
        assertTrue(iat >= before && iat <= after, "iat is the time of the request, in seconds");
        assertEquals(
                Map.of(
                        "iss",
                        "contosohelp.com",
                        "sub",
                        GUID,
                        "iat",
                        iat,
                        "exp",
                        iat + 300,
                        "lwicontexts",
                        "{\"msdyn_cartvalue\":\"10000\"}"),
                claims);
        assertEquals(Optional.of(Instant.ofEpochSecond(iat + 300)), minted.expiresAt());
    }

    @Test
    void withoutAContextThereIsNoLwicontexts() throws Exception {
        Map<String, Object> claims = claims(mint(options, "{\"user_id\":\"any string, not only a GUID\"}"));
        assertEquals(List.of("iss", "sub", "iat", "exp"), List.copyOf(claims.keySet()));
        assertEquals("any string, not only a GUID", claims.get("sub"));
    }

    @Test
    void lwicontextsIsTheContextSerializedAsAStringInRequestOrder() throws Exception {
        String context = "{\"plan\":\"gold\",\"age\":42,\"score\":2.5,\"vip\":true,\"big\":12345678901234567890,"
                + "\"city\":\"S\u00e3o Paulo \uD83C\uDF34\",\"quote\":\"a \\\"b\\\" \\\\ c\",\"empty\":\"\",\"a\":-0.125}";
        Object lwicontexts = claims(mint(options, "{\"user_id\":\"" + GUID + "\",\"context\":" + context + "}"))
                .get("lwicontexts");

        String serialized = assertInstanceOf(String.class, lwicontexts, "a JSON string, not an object");
        assertEquals(context, serialized, "each key and value as sent, in the request's order");
        ObjectMapper plain = new ObjectMapper();
        Map<String, Object> back =
                plain.readValue(serialized, new TypeReference<java.util.LinkedHashMap<String, Object>>() {});
        Map<String, Object> sent =
                plain.readValue(context, new TypeReference<java.util.LinkedHashMap<String, Object>>() {});
        assertEquals(sent, back, "it parses back to the request's object");
        assertEquals(List.copyOf(sent.keySet()), List.copyOf(back.keySet()));
    }

    @Test
    void numbersKeepTheirValue() throws Exception {
        // a decimal is written as the double it is (1e2 is 100.0): the same number for any JSON reader
        assertEquals("{\"n\":100.0,\"m\":0.1,\"i\":-7}", lwicontexts("{\"n\":1e2,\"m\":0.1,\"i\":-7}"));
        assertEquals("{}", lwicontexts("{}"), "an empty context is an empty one, sent as given");
    }

    @Test
    void onlyPrimitiveValuesAreTakenAndEachRefusalNamesTheKey() {
        Map<String, String> refusals = new java.util.LinkedHashMap<>();
        refusals.put("{\"a\":{\"b\":1}}", "context.a");
        refusals.put("{\"a\":[1]}", "context.a");
        refusals.put("{\"ok\":1,\"a\":null}", "context.a");
        refusals.put("{\"\":\"x\"}", "context");
        refusals.put("{\" \":\"x\"}", "context");
        refusals.put("{\"a\\u0000\":\"x\"}", "context");
        refusals.put("{\"a\\u200b\":\"x\"}", "context");
        refusals.put("{\"a\\ud800\":\"x\"}", "context");
        refusals.put("{\"a\":\"x\\u200by\"}", "context.a");
        refusals.put("{\"a\":\"line\\nbreak\"}", "context.a");
        refusals.put("{\"a\":\"\\udc00\"}", "context.a");
        refusals.put("{\"a\":\"" + "x".repeat(Fields.MAX_TEXT_LENGTH + 1) + "\"}", "context.a");
        refusals.put("{\"a\":1e400}", "context.a");
        refusals.put("{\"a\":0.10000000000000000001}", "context.a");
        Profile profile = VendorTesting.profile(vendor, options);
        refusals.forEach((context, field) -> {
            InvalidRequestException refused = assertThrows(
                    InvalidRequestException.class,
                    () -> VendorTesting.mint(profile, "{\"user_id\":\"u\",\"context\":" + context + "}"),
                    context);
            assertEquals(InvalidRequestException.Reason.INVALID_FIELD, refused.reason(), context);
            assertEquals(field, refused.field(), context);
        });
        assertThrows(
                MismatchedInputException.class,
                () -> VendorTesting.identity("{\"user_id\":\"u\",\"context\":\"{}\"}"),
                "context is an object, not a string holding one");
    }

    @Test
    void aRefusedContextIs400NamingTheKeyOverHttp() {
        Tokens.mint("omnichannel", "{\"user_id\":\"u\",\"context\":{\"cart\":{\"total\":5}}}")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:chat-token-sidecar:problem:invalid-field"))
                .body("field", equalTo("context.cart"));
        Tokens.mint("omnichannel", "{\"user_id\":\"u\",\"context\":[1]}")
                .statusCode(400)
                .body("type", equalTo("urn:chat-token-sidecar:problem:wrong-type"))
                .body("field", equalTo("context"));
    }

    @Test
    void theUserIdIsRequiredAndNoOtherFieldIsTaken() {
        Profile profile = VendorTesting.profile(vendor, options);
        InvalidRequestException missing = assertThrows(
                InvalidRequestException.class, () -> VendorTesting.mint(profile, "{\"context\":{\"a\":\"b\"}}"));
        assertEquals(InvalidRequestException.Reason.MISSING_FIELD, missing.reason());
        assertEquals("user_id", missing.field());
        InvalidRequestException email = assertThrows(
                InvalidRequestException.class,
                () -> VendorTesting.mint(profile, "{\"user_id\":\"u\",\"email\":\"ana@example.com\"}"));
        assertEquals(InvalidRequestException.Reason.UNSUPPORTED_FIELD, email.reason());
        assertEquals("email", email.field());
    }

    @Test
    void theIssuerIsRequiredAndTheTtlIsFiveMinutesByDefaultAndAtMostOneHour() throws Exception {
        String noIssuer = VendorTesting.refusal(vendor, Map.of());
        assertTrue(noIssuer.contains("chat-token.profiles.omnichannel.issuer is required for omnichannel"), noIssuer);

        Map<String, Object> hour = claims(mint(VendorTesting.with(options, "ttl", "1h"), "{\"user_id\":\"u\"}"));
        assertEquals(3600L, (Long) hour.get("exp") - (Long) hour.get("iat"));
        String refusal = VendorTesting.refusal(vendor, VendorTesting.with(options, "ttl", "3601s"));
        assertTrue(
                refusal.contains("chat-token.profiles.omnichannel.ttl is 3601s; omnichannel accepts at most 3600s"),
                refusal);
        assertEquals(
                Optional.of(Duration.ofMinutes(5)),
                VendorTesting.profile(vendor, options).rules().maxTokenLifetime(),
                "a replaced key verifies tokens as long as they live");
    }

    @Test
    void theTokenVerifiesWithThePublicKeyPemMicrosoftFetchesAndWithVerify() throws Exception {
        String token = Tokens.mintOk("omnichannel", vendor.example().request());
        RSAPublicKey pem = Tokens.servedPublicKey("omnichannel");
        assertEquals(Tokens.publicKey(Fixtures.RSA_PUBLIC_PEM), pem);
        SignedJWT jwt = SignedJWT.parse(token);
        assertTrue(jwt.verify(new RSASSAVerifier(pem)), "the token verifies with the key parsed from public-key.pem");
        assertEquals(
                "{\"msdyn_cartvalue\":\"10000\",\"msdyn_isvip\":\"false\"}",
                jwt.getJWTClaimsSet().getStringClaim("lwicontexts"));

        given().header("Authorization", "Bearer " + token)
                .post("/v1/verify/omnichannel")
                .then()
                .statusCode(200)
                .body("claims.iss", equalTo("contosohelp.com"));
        assertEquals(
                Optional.of("contosohelp.com"),
                VendorTesting.example(vendor).rules().issuer(Optional.empty()),
                "verify holds the token to the profile's iss");
        given().contentType(ContentType.JSON)
                .body("{\"token\":\"" + token + "\"}")
                .post("/v1/verify/kindly")
                .then()
                .statusCode(401);
    }

    private MintedToken mint(Map<String, String> profileOptions, String request) throws Exception {
        return VendorTesting.mint(VendorTesting.profile(vendor, profileOptions), request);
    }

    private String lwicontexts(String context) throws Exception {
        return (String) claims(mint(options, "{\"user_id\":\"u\",\"context\":" + context + "}"))
                .get("lwicontexts");
    }

    private static Map<String, Object> claims(MintedToken minted) throws Exception {
        return Fixtures.verifiedJwt(minted.token(), SigningAlgorithm.RS256)
                .getPayload()
                .toJSONObject();
    }
}
