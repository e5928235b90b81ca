package dev.chattoken.sidecar.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.nimbusds.jose.jwk.RSAKey;
import dev.chattoken.sidecar.support.Tokens;
import dev.chattoken.sidecar.support.VendorCatalog;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/profiles}: the active profiles, their algorithm, kid and key fingerprint; never a secret. */
@QuarkusTest
class ProfilesResourceTest {

    @Test
    void listsTheActiveProfilesInConfigurationOrder() {
        List<String> vendors =
                VendorCatalog.all().stream().map(v -> v.id()).toList(); // one test profile per vendor, first
        List<String> names = given().get("/v1/profiles")
                .then()
                .statusCode(200)
                .body("name", not(hasItem("dormant")))
                .extract()
                .path("name");
        org.junit.jupiter.api.Assertions.assertEquals(vendors, names.subList(0, vendors.size()));
        org.junit.jupiter.api.Assertions.assertEquals(
                List.of(
                        "dg-ttl",
                        "kindly-pkcs1",
                        "kindly-jwk",
                        "huggy-brief",
                        "salesforce-rs512",
                        "jwt-es256",
                        "jwt-ps256",
                        "jwt-hs512"),
                names.subList(vendors.size(), names.size()));
    }

    @Test
    void eachProfileShowsVendorAlgorithmKidAndFingerprint() throws Exception {
        String thumbprint = new RSAKey.Builder(Tokens.publicKey("kindly-pkcs8.pub.pem"))
                .build()
                .computeThumbprint()
                .toString();
        given().get("/v1/profiles")
                .then()
                .body("find { it.name == 'dg' }.vendor", equalTo("dg"))
                .body("find { it.name == 'dg' }.algorithm", equalTo("HS256"))
                .body("find { it.name == 'dg' }.kid", equalTo("dg-api-key-1"))
                .body("find { it.name == 'kindly' }.algorithm", equalTo("RS256"))
                .body("find { it.name == 'kindly' }.kid", equalTo(thumbprint))
                .body("find { it.name == 'huggy' }.kid", nullValue())
                .body("find { it.name == 'jwt-es256' }.algorithm", equalTo("ES256"))
                .body("find { it.name == 'jwt-es256' }.kid", equalTo("jwt-es256-1"))
                .body(
                        "find { it.name == 'jwt-es256' }.key_fingerprint",
                        equalTo("sha256:"
                                + java.util.HexFormat.of()
                                        .formatHex(
                                                java.security.MessageDigest.getInstance("SHA-256")
                                                        .digest(dev.chattoken.sidecar.support.Fixtures.ecPublicKey()
                                                                .getEncoded()),
                                                0,
                                                8)))
                .body("find { it.name == 'jwt-ps256' }.algorithm", equalTo("PS256"))
                .body("key_fingerprint", org.hamcrest.Matchers.everyItem(matchesPattern("sha256:[0-9a-f]{16}")));
    }

    @Test
    void theSameSecretFileGivesTheSameFingerprintAndDifferentKeysDifferentOnes() {
        var answer = given().get("/v1/profiles").then().extract();
        String dg = answer.path("find { it.name == 'dg' }.key_fingerprint");
        String dgTtl = answer.path("find { it.name == 'dg-ttl' }.key_fingerprint");
        String brief = answer.path("find { it.name == 'huggy-brief' }.key_fingerprint");
        org.junit.jupiter.api.Assertions.assertEquals(dg, dgTtl);
        org.junit.jupiter.api.Assertions.assertNotEquals(dg, brief);
    }

    @Test
    void neverShowsASecretOrAPrivateKey() throws Exception {
        String body = given().get("/v1/profiles").then().extract().asString();
        for (String secret : new String[] {Tokens.DG_SECRET, Tokens.HUGGY_SECRET}) {
            assertFalse(body.contains(secret));
        }
        String pem = Files.readString(Tokens.KEYS.resolve("kindly-pkcs8.pem"));
        String someKeyLine = pem.lines().skip(5).findFirst().orElseThrow();
        given().get("/v1/profiles").then().body(not(containsString(someKeyLine)));
    }
}
