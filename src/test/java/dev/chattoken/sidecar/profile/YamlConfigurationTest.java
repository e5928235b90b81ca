package dev.chattoken.sidecar.profile;

import static dev.chattoken.sidecar.support.Tokens.mintOk;
import static dev.chattoken.sidecar.support.Tokens.payload;
import static dev.chattoken.sidecar.support.Tokens.verifiedRs256;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A profile declared in a mounted YAML file ({@code quarkus.config.locations}) is read into the mapping. */
@QuarkusTest
@TestProfile(YamlConfigurationTest.MountedYaml.class)
class YamlConfigurationTest {

    public static class MountedYaml implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.config.locations",
                    "src/test/resources/yaml/chat-token.yaml",
                    "%test.chat-token.active",
                    "kindly-yaml"); // %test in application.properties outranks the file
        }
    }

    @Test
    void theYamlProfileIsTheOneServed() throws Exception {
        given().get("/v1/profiles").then().statusCode(200).body("name", contains("kindly-yaml"));
        Map<String, Object> claims = payload(
                verifiedRs256(mintOk("kindly-yaml", "{\"user_id\":\"u\",\"chat_id\":\"c\"}"), "kindly-pkcs1.pub.pem"));
        assertEquals("https://yaml.example", claims.get("iss"));
        assertEquals(90L, (Long) claims.get("exp") - (Long) claims.get("iat"));
        assertEquals(
                Map.of("id", "c", "webhook_domains", List.of("hooks.yaml.example", "*.yaml.example")),
                claims.get("chat"));
    }
}
