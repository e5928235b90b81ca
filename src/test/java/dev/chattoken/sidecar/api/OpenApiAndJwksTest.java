package dev.chattoken.sidecar.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import dev.chattoken.sidecar.support.Fixtures;
import dev.chattoken.sidecar.support.JwkCertificates;
import dev.chattoken.sidecar.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import org.junit.jupiter.api.Test;

/**
 * The JWKS and the public-key PEM of RSA and EC profiles, and the OpenAPI document app developers generate clients
 * from.
 */
@QuarkusTest
class OpenApiAndJwksTest {

    @Test
    void theJwksPublishesTheKindlyPublicKeyUnderItsKid() throws Exception {
        String json = given().get("/v1/profiles/kindly/jwks.json")
                .then()
                .statusCode(200)
                .extract()
                .asString();
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
            java.util.Map<String, Object> jwk = given().get("/v1/profiles/{p}/jwks.json", profile)
                    .then()
                    .statusCode(200)
                    .body("keys", hasSize(1))
                    .extract()
                    .path("keys[0]");
            JwkCertificates.assertCertifiesItsKey(jwk, profile);
            assertEquals(
                    Tokens.publicKey("kindly-pkcs8.pub.pem").getModulus(),
                    RSAKey.parse(jwk).toRSAPublicKey().getModulus());
        }
        assertEquals(
                "RS512",
                given().get("/v1/profiles/salesforce-rs512/jwks.json")
                        .then()
                        .extract()
                        .path("keys[0].alg"));
        assertEquals(
                "salesforce-rs512-1",
                given().get("/v1/profiles/salesforce-rs512/jwks.json")
                        .then()
                        .extract()
                        .path("keys[0].kid"));
        given().get("/v1/profiles/kindly/jwks.json").then().body("keys[0].x5c", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void anEs256ProfilePublishesItsEcKeyAsAJwkOfCrvXYAndAsPem() throws Exception {
        java.util.Map<String, Object> jwk = given().get("/v1/profiles/jwt-es256/jwks.json")
                .then()
                .statusCode(200)
                .body("keys", hasSize(1))
                .extract()
                .path("keys[0]");
        assertEquals(
                java.util.Set.of("kty", "crv", "x", "y", "kid", "alg", "use"), jwk.keySet(), "no d, no RSA members");
        assertEquals("EC", jwk.get("kty"));
        assertEquals("P-256", jwk.get("crv"));
        assertEquals("ES256", jwk.get("alg"));
        assertEquals("sig", jwk.get("use"));
        assertEquals("jwt-es256-1", jwk.get("kid"));
        ECKey fixture = ECKey.parse(java.nio.file.Files.readString(Fixtures.EC_JWK_KEY_FILE));
        assertEquals(fixture.getX().toString(), jwk.get("x"), "the key file's x");
        assertEquals(fixture.getY().toString(), jwk.get("y"), "the key file's y");

        assertEquals(
                java.nio.file.Files.readString(Tokens.KEYS.resolve(Fixtures.EC_PUBLIC_PEM)),
                given().get("/v1/profiles/jwt-es256/public-key.pem")
                        .then()
                        .extract()
                        .asString(),
                "byte for byte what `openssl ec -pubout` wrote for the fixture");
        ECPublicKey served = (ECPublicKey) java.security.KeyFactory.getInstance("EC")
                .generatePublic(
                        new java.security.spec.X509EncodedKeySpec(Tokens.servedSubjectPublicKeyInfo("jwt-es256")));
        String token = Tokens.mintOk("jwt-es256", "{\"user_id\":\"u\"}");
        assertTrue(SignedJWT.parse(token).verify(new ECDSAVerifier(served)), "a token of the profile verifies with it");
        assertTrue(SignedJWT.parse(token).verify(new ECDSAVerifier(ECKey.parse(jwk))), "and with the JWKS key");
    }

    @Test
    void theConfiguredKidNamesTheJwkKey() {
        given().get("/v1/profiles/kindly-jwk/jwks.json")
                .then()
                .statusCode(200)
                .body("keys", hasSize(1))
                .body("keys[0].kid", equalTo("kindly-jwk-1"))
                .body("keys[0].kty", equalTo("RSA"));
    }

    @Test
    void hmacProfilesHaveNoPublicKey() {
        given().get("/v1/profiles/dg/jwks.json")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:chat-token-sidecar:problem:no-public-key"));
        given().get("/v1/profiles/nope/jwks.json")
                .then()
                .statusCode(404)
                .body("type", equalTo("urn:chat-token-sidecar:problem:unknown-profile"));
    }

    @Test
    void thePublicKeyPemIsTheProfilesPublicKeyAndVerifiesItsTokens() throws Exception {
        RSAPublicKey served = Tokens.servedPublicKey("kindly");
        RSAPublicKey expected = Tokens.publicKey("kindly-pkcs8.pub.pem");
        assertEquals(expected, served, "the same key as OpenSSL's own public PEM of the fixture");
        assertEquals(
                java.nio.file.Files.readString(Tokens.KEYS.resolve("kindly-pkcs8.pub.pem")),
                given().get("/v1/profiles/kindly/public-key.pem")
                        .then()
                        .extract()
                        .asString(),
                "byte for byte what `openssl pkey -pubout` wrote for the fixture");

        String token = Tokens.mintOk("kindly", "{\"user_id\":\"u\",\"chat_id\":\"c\"}");
        assertTrue(
                SignedJWT.parse(token).verify(new RSASSAVerifier(served)), "a token of the profile verifies with it");
        assertEquals(
                Tokens.publicKey("kindly-jwk.pub.pem"),
                Tokens.servedPublicKey("kindly-jwk"),
                "whatever format the key file holds (here a private JWK)");
    }

    @Test
    void thePublicKeyPemIsServedToClientsThatAcceptPemOrAnything() throws Exception {
        assertEquals(
                "application/x-pem-file",
                dev.chattoken.sidecar.support.RawHttp.send(
                                "GET", "/v1/profiles/kindly/public-key.pem", java.util.Map.of(), "")
                        .contentType(),
                "no Accept: PEM, no charset");
        for (String accept : new String[] {
            "application/x-pem-file", "*/*", "application/*", "text/plain, application/x-pem-file;q=0.5"
        }) {
            given().accept(accept)
                    .get("/v1/profiles/kindly/public-key.pem")
                    .then()
                    .statusCode(200)
                    .contentType("application/x-pem-file")
                    .body(startsWith("-----BEGIN PUBLIC KEY-----\n"));
        }
        given().accept("application/json")
                .get("/v1/profiles/kindly/public-key.pem")
                .then()
                .statusCode(406)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:chat-token-sidecar:problem:not-acceptable"))
                .body("detail", containsString("application/x-pem-file"));
    }

    @Test
    void hmacProfilesHaveNoPublicKeyPem() {
        given().get("/v1/profiles/dg/public-key.pem")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:chat-token-sidecar:problem:no-public-key"))
                .body("field", equalTo("profile"))
                .body(
                        "detail",
                        equalTo("profile 'dg' signs with HS256, a shared secret: there is no public key to publish"));
        given().accept("application/x-pem-file")
                .get("/v1/profiles/crisp/public-key.pem")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:chat-token-sidecar:problem:no-public-key"));
        given().get("/v1/profiles/nope/public-key.pem")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:chat-token-sidecar:problem:unknown-profile"));
    }

    @Test
    void openApiDescribesThePublicKeyPem() {
        String path = "paths.'/v1/profiles/{profile}/public-key.pem'.get";
        given().accept("application/json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body(path + ".responses.'200'.content.'application/x-pem-file'.schema.type", equalTo("string"))
                .body(
                        path + ".responses.'404'.content.'application/problem+json'",
                        org.hamcrest.Matchers.notNullValue())
                .body(path + ".responses.'404'.description", containsString("no-public-key"));
    }

    @Test
    void theOpenApiDocumentIsServedAsJsonAndAsYaml() {
        // In what ships, the document is built on its first request (DeferredOpenApiDocumentService, the prod build
        // only): the IT runs this against the executable, where the first request here may be the one that builds it.
        given().accept("application/yaml")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body(containsString("/v1/tokens/{profile}:"));
        given().accept("application/json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body("info.title", equalTo("chat-token-sidecar"));
    }

    @Test
    void openApiDescribesTheEndpointsAndTheirProblems() {
        given().accept("application/json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body(
                        "paths.keySet()",
                        org.hamcrest.Matchers.hasItems(
                                "/v1/tokens/{profile}",
                                "/v1/profiles",
                                "/v1/profiles/{profile}/jwks.json",
                                "/v1/profiles/{profile}/public-key.pem",
                                "/v1/verify/{profile}"))
                .body(
                        "paths.'/v1/tokens/{profile}'.post.responses.'400'.content.'application/problem+json'",
                        org.hamcrest.Matchers.notNullValue())
                .body("paths.'/v1/verify/{profile}'.post.responses.'401'.description", containsString("invalid-token"));
    }

    @Test
    void openApiListsEveryVendorsWidgetFieldsOfTheAnswer() throws Exception {
        java.util.Set<String> fields = new java.util.TreeSet<>();
        for (var vendor : dev.chattoken.sidecar.support.VendorCatalog.all()) { // what the vendors' rules answer
            fields.addAll(dev.chattoken.sidecar.support.VendorTesting.example(vendor)
                    .rules()
                    .widgetFields(
                            dev.chattoken.sidecar.support.VendorTesting.identity(
                                    vendor.example().request()),
                            "token")
                    .keySet());
        }
        org.junit.jupiter.api.Assertions.assertTrue(
                fields.containsAll(java.util.Set.of(
                        "user_hash", "signature", "intercom_user_jwt", "identificationToken", "sessionJWT")),
                fields.toString());
        java.util.Map<String, Object> properties = given().accept("application/json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .path("components.schemas.TokenResponse.properties");
        org.junit.jupiter.api.Assertions.assertTrue(
                properties.keySet().containsAll(fields), properties.keySet() + " lacks some of " + fields);
        org.junit.jupiter.api.Assertions.assertTrue(
                properties.keySet().containsAll(java.util.Set.of("token", "profile", "vendor", "expires_at")));
    }
}
