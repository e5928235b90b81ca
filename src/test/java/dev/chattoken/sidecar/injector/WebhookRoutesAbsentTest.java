package dev.chattoken.sidecar.injector;

import static io.restassured.RestAssured.given;

import dev.chattoken.sidecar.support.Management;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** In the sidecar role the webhook routes do not exist: not on the management port, not on the token listener. */
@QuarkusTest
class WebhookRoutesAbsentTest {

    @Test
    void neitherPortHasTheWebhooks() {
        for (String path : new String[] {WebhookRoutes.INJECT, WebhookRoutes.VALIDATE}) {
            given().contentType("application/json").body("{}").post(path).then().statusCode(404);
            // the sidecar's management port takes no body at all (413): without one, the path alone is looked up
            Management.request().post(path).then().statusCode(404);
        }
    }
}
