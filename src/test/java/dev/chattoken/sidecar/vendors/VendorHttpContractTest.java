package dev.chattoken.sidecar.vendors;

import static dev.chattoken.sidecar.support.Tokens.mint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import dev.chattoken.sidecar.keys.SigningAlgorithm;
import dev.chattoken.sidecar.support.FakeVendors;
import dev.chattoken.sidecar.support.Fixtures;
import dev.chattoken.sidecar.support.InjectFakeVendors;
import dev.chattoken.sidecar.support.VendorCatalog;
import dev.chattoken.sidecar.support.VendorTesting;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every vendor over HTTP, on its test profile (the vendor's own example, {@code VendorTestProfiles}): the running
 * sidecar (and, as {@code VendorHttpContractIT}, the native executable) answers the example request 200 with the token
 * the vendor's rules make, verified here independently, and the widget fields the vendor names.
 */
@QuarkusTest
class VendorHttpContractTest {

    @InjectFakeVendors
    FakeVendors fakes;

    static List<Vendor> vendors() {
        return VendorCatalog.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vendors")
    void theExampleRequestIsAnsweredWithAVerifiedTokenAndTheWidgetFields(Vendor vendor) throws Exception {
        var rules = VendorTesting.example(vendor).rules();
        if (rules instanceof UpstreamRules) {
            theVendorsTokenIsAnsweredWithItsExpiryAndTheWidgetFields(vendor, rules);
            return;
        }
        var expected = VendorTesting.mint(
                VendorTesting.example(vendor), vendor.example().request());
        Map<String, Object> answer = mint(vendor.id(), vendor.example().request())
                .statusCode(200)
                .contentType("application/json")
                .extract()
                .jsonPath()
                .getMap("$");
        String token = (String) answer.get("token");
        assertEquals(vendor.id(), answer.get("vendor"));
        assertEquals(vendor.id(), answer.get("profile"));
        assertTrue(answer.containsKey("expires_at"), "expires_at is always answered, null when the token has no exp");
        for (String field : expected.widgetFields().keySet()) { // the same field names as the vendor's rules give
            assertFalse(String.valueOf(answer.get(field)).isEmpty(), field);
        }
        if (!rules.signsJwt()) {
            assertNull(answer.get("expires_at"));
            assertEquals(expected.token(), token, "the digest is deterministic: the same as the rules compute here");
            return;
        }
        SignedJWT jwt = Fixtures.verifiedJwt(token, rules.algorithm());
        Object exp = jwt.getPayload().toJSONObject().get("exp");
        assertEquals(
                exp == null ? null : ((Number) exp).longValue(),
                answer.get("expires_at") == null ? null : ((Number) answer.get("expires_at")).longValue());
        assertEquals(
                SignedJWT.parse(expected.token()).getPayload().toJSONObject().keySet(),
                jwt.getPayload().toJSONObject().keySet(),
                "the claims the vendor's rules make");
        assertEquals(
                rules.algorithm(),
                SigningAlgorithm.valueOf(jwt.getHeader().getAlgorithm().getName()));
    }

    /**
     * A vendor whose token only its API issues: the answer's token is one its fake API issued (for this request or an
     * earlier one for the same identity, from the cache), its {@code expires_at} the vendor's expiry, and the widget
     * fields are those of the vendor's rules; every request kept the vendor's contract.
     */
    private void theVendorsTokenIsAnsweredWithItsExpiryAndTheWidgetFields(Vendor vendor, TokenRules rules)
            throws Exception {
        Map<String, Object> answer = mint(vendor.id(), vendor.example().request())
                .statusCode(200)
                .contentType("application/json")
                .extract()
                .jsonPath()
                .getMap("$");
        String token = (String) answer.get("token");
        assertEquals(vendor.id(), answer.get("vendor"));
        assertTrue(fakes.issued(vendor.id()).contains(token), "the token is one the vendor's API issued");
        long expiresAt = ((Number) answer.get("expires_at")).longValue();
        assertTrue(expiresAt > java.time.Instant.now().getEpochSecond(), "expires_at is the vendor's expiry, ahead");
        for (String field : rules.widgetFields(
                        VendorTesting.identity(vendor.example().request()), token)
                .keySet()) {
            assertFalse(String.valueOf(answer.get(field)).isEmpty(), field);
        }
        assertEquals(java.util.List.of(), fakes.unmatched(), "every request kept the vendor's contract");
    }
}
