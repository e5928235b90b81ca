package dev.chattoken.sidecar.support;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.ConfigProvider;

/** Requests to the management interface (health, metrics, OpenAPI), which listens on its own port. */
public final class Management {

    private Management() {}

    public static int port() {
        return ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
    }

    public static RequestSpecification request() {
        return given().port(port());
    }
}
