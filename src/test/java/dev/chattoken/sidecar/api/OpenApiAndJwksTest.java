package dev.chattoken.sidecar.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.interfaces.RSAPublicKey;

import org.junit.jupiter.api.Test;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;

import dev.chattoken.sidecar.support.JwkCertificates;
import dev.chattoken.sidecar.support.Management;
import dev.chattoken.sidecar.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/** The JWKS of RSA profiles, and the OpenAPI document app developers generate clients from. */
@QuarkusTest
class OpenApiAndJwksTest {

    @Test
    void theJwksPublishesTheKindlyPublicKeyUnderItsKid() throws Exception {
        String json = given().get("/v1/profiles/kindly/jwks.json").then().statusCode(200).extract().asString();
        JWKSet set = JWKSet.parse(json);
        assertEquals(1, set.getKeys().size());
        RSAKey key = set.getKeys().get(0).toRSAKey();
        RSAPublicKey expected = Tokens.publicKey("kindly-pkcs8.pub.pem");
        assertEquals(expected.getModulus(), key.toRSAPublicKey().getModulus());
        assertEquals(expected.getPublicExponent(), key.toRSAPublicKey().getPublicExponent());
        assertEquals(new RSAKey.Builder(expected).build().computeThumbprint().toString(), key.getKeyID());
        assertEquals("RS256", key.getAlgorithm().getName());
        assertEquals("sig", key.getKeyUse().getValue());
        assertEquals(false, key.isPrivate(), "never the private part");
        given().get("/v1/profiles/kindly/jwks.json").then().body("keys[0].d", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void aProfileWhoseVendorTakesCertificatesPublishesOneOfItsKeyAsX5c() throws Exception {
        for (String profile : java.util.List.of("salesforce", "salesforce-rs512")) {
            java.util.Map<String, Object> jwk = given().get("/v1/profiles/{p}/jwks.json", profile).then().statusCode(200)
                    .body("keys", hasSize(1)).extract().path("keys[0]");
            JwkCertificates.assertCertifiesItsKey(jwk, profile);
            assertEquals(Tokens.publicKey("kindly-pkcs8.pub.pem").getModulus(), RSAKey.parse(jwk).toRSAPublicKey().getModulus());
        }
        assertEquals("RS512", given().get("/v1/profiles/salesforce-rs512/jwks.json").then().extract().path("keys[0].alg"));
        assertEquals("salesforce-rs512-1", given().get("/v1/profiles/salesforce-rs512/jwks.json").then().extract().path("keys[0].kid"));
        given().get("/v1/profiles/kindly/jwks.json").then().body("keys[0].x5c", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void theConfiguredKidNamesTheJwkKey() {
        given().get("/v1/profiles/kindly-jwk/jwks.json").then().statusCode(200)
                .body("keys", hasSize(1)).body("keys[0].kid", equalTo("kindly-jwk-1")).body("keys[0].kty", equalTo("RSA"));
    }

    @Test
    void hmacProfilesHaveNoPublicKey() {
        given().get("/v1/profiles/dg/jwks.json").then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:chat-token-sidecar:problem:no-public-key"));
        given().get("/v1/profiles/nope/jwks.json").then().statusCode(404)
                .body("type", equalTo("urn:chat-token-sidecar:problem:unknown-profile"));
    }

    @Test
    void openApiDescribesTheEndpointsAndTheirProblems() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.keySet()", org.hamcrest.Matchers.hasItems("/v1/tokens/{profile}", "/v1/profiles",
                        "/v1/profiles/{profile}/jwks.json", "/v1/verify/{profile}"))
                .body("paths.'/v1/tokens/{profile}'.post.responses.'400'.content.'application/problem+json'", org.hamcrest.Matchers.notNullValue())
                .body("paths.'/v1/verify/{profile}'.post.responses.'401'.description", containsString("invalid-token"));
    }

    @Test
    void openApiListsEveryVendorsWidgetFieldsOfTheAnswer() throws Exception {
        java.util.Set<String> fields = new java.util.TreeSet<>();
        for (var vendor : dev.chattoken.sidecar.support.VendorCatalog.all()) { // what the vendors answer, minted here
            fields.addAll(dev.chattoken.sidecar.support.VendorTesting.mint(dev.chattoken.sidecar.support.VendorTesting.example(vendor),
                    vendor.example().request()).widgetFields().keySet());
        }
        org.junit.jupiter.api.Assertions.assertTrue(fields.containsAll(java.util.Set.of("user_hash", "signature", "intercom_user_jwt")), fields.toString());
        java.util.Map<String, Object> properties = given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .extract().path("components.schemas.TokenResponse.properties");
        org.junit.jupiter.api.Assertions.assertTrue(properties.keySet().containsAll(fields), properties.keySet() + " lacks some of " + fields);
        org.junit.jupiter.api.Assertions.assertTrue(properties.keySet().containsAll(java.util.Set.of("token", "profile", "vendor", "expires_at")));
    }
}
