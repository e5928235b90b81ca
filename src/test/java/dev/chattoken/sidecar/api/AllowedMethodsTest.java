package dev.chattoken.sidecar.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chattoken.sidecar.support.Management;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * On every route of both listeners, {@code OPTIONS} lists in {@code Allow} exactly the methods that are not answered
 * 405, and every 405 carries that same {@code Allow}. The token API's routes are taken from the served OpenAPI
 * document, so that a new route is held to it without an edit here.
 */
@QuarkusTest
class AllowedMethodsTest {

    /** Every method the routes answer, and some they do not; HttpClient refuses to send CONNECT. */
    private static final List<String> METHODS =
            List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "TRACE", "PROPFIND", "FOO");

    private static final List<String> MANAGEMENT_ROUTES = List.of(
            "/q/health",
            "/q/health/live",
            "/q/health/ready",
            "/q/health/started",
            "/q/health/well",
            "/q/health/group",
            "/q/metrics");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void optionsAndEvery405AgreeOnEveryRouteOfTheTokenListener() throws Exception {
        List<String> routes = new ArrayList<>(apiRoutes());
        routes.addAll(List.of("/q/openapi", "/q/openapi.json", "/q/openapi.yaml", "/q/openapi.yml"));
        if (send(RestAssured.port, "GET", "/q/swagger-ui").statusCode() == 302) { // dev and test mode only
            routes.addAll(List.of("/q/swagger-ui", "/q/swagger-ui/", "/q/swagger-ui/index.html"));
        }
        List<String> failures = new ArrayList<>();
        for (String route : routes) {
            check(RestAssured.port, route, failures);
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void optionsAndEvery405AgreeOnEveryRouteOfTheManagementInterface() throws Exception {
        List<String> failures = new ArrayList<>();
        for (String route : MANAGEMENT_ROUTES) {
            check(Management.port(), route, failures);
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void theRoutesAnswerWhatTheyShould() throws Exception {
        assertEquals("POST, OPTIONS", allow(send(RestAssured.port, "OPTIONS", "/v1/tokens/dg")));
        assertEquals("POST, OPTIONS", allow(send(RestAssured.port, "OPTIONS", "/v1/verify/dg")));
        assertEquals("GET, HEAD, OPTIONS", allow(send(RestAssured.port, "OPTIONS", "/v1/profiles")));
        assertEquals("GET, HEAD, OPTIONS", allow(send(Management.port(), "OPTIONS", "/q/health/ready")));
        HttpResponse<String> notAllowed = send(RestAssured.port, "GET", "/v1/tokens/dg");
        assertEquals(405, notAllowed.statusCode());
        assertTrue(notAllowed.headers().firstValue("content-type").orElse("").startsWith("application/problem+json"));
        assertTrue(
                notAllowed.body().contains("\"type\":\"urn:chat-token-sidecar:problem:method-not-allowed\""),
                notAllowed.body());
        assertTrue(notAllowed.body().contains("answers POST, OPTIONS, not GET"), notAllowed.body());
        // a path that is no route stays a 404, whatever the method
        assertEquals(404, send(RestAssured.port, "OPTIONS", "/v1/nothing").statusCode());
        assertEquals(404, send(Management.port(), "POST", "/q/nothing").statusCode());
    }

    @Test
    void theSwaggerUiRedirectLandsOnAPageWhereTheUiIsServedAndNowhereElse() throws Exception {
        HttpResponse<String> bare = send(RestAssured.port, "GET", "/q/swagger-ui");
        HttpResponse<String> directory = send(RestAssured.port, "GET", "/q/swagger-ui/");
        if (bare.statusCode() == 302) { // dev and test mode
            assertEquals("/q/swagger-ui/", bare.headers().firstValue("location").orElse(""));
            assertEquals(200, directory.statusCode());
            assertTrue(directory.body().contains("swagger-ui"), "the Swagger UI page");
        } else { // a packaged sidecar serves no UI: the trailing / is refused like any other
            assertEquals(400, directory.statusCode());
            assertTrue(directory.body().contains("urn:chat-token-sidecar:problem:invalid-path"), directory.body());
        }
        // only the UI's own directory: not a trailing / elsewhere, nor a second one
        for (String path : List.of("/v1/profiles/", "/q/openapi/", "/q/swagger-ui//", "/q/dev-ui/")) {
            HttpResponse<String> answer = send(RestAssured.port, "GET", path);
            assertEquals(400, answer.statusCode(), path);
            assertTrue(answer.body().contains("urn:chat-token-sidecar:problem:invalid-path"), path);
        }
    }

    /** The token API's paths from the served document, {@code {profile}} replaced by a profile that has every route. */
    private List<String> apiRoutes() throws Exception {
        JsonNode document = new ObjectMapper()
                .readTree(
                        send(RestAssured.port, "GET", "/q/openapi?format=json").body());
        List<String> routes = new ArrayList<>();
        document.get("paths").fieldNames().forEachRemaining(path -> routes.add(path.replace("{profile}", "kindly")));
        assertTrue(routes.size() >= 5, "the document lists the API's routes: " + routes);
        return routes;
    }

    private void check(int port, String route, List<String> failures) throws Exception {
        HttpResponse<String> options = send(port, "OPTIONS", route);
        Set<String> allowed = methods(allow(options));
        Set<String> answered = new TreeSet<>(Set.of("OPTIONS"));
        for (String method : METHODS) {
            HttpResponse<String> answer = send(port, method, route);
            if (answer.statusCode() != 405) {
                answered.add(method);
            } else if (!methods(allow(answer)).equals(allowed)) {
                failures.add(method + " " + route + ": 405 with Allow '" + allow(answer) + "', OPTIONS says '"
                        + allow(options) + "'");
            }
        }
        if (options.statusCode() != 200 || !answered.equals(allowed)) {
            failures.add("OPTIONS " + route + ": " + options.statusCode() + " with Allow '" + allow(options)
                    + "', but answered " + answered);
        }
    }

    private static String allow(HttpResponse<String> answer) {
        return answer.headers().firstValue("allow").orElse("");
    }

    private static Set<String> methods(String allow) {
        return Arrays.stream(allow.split(","))
                .map(String::strip)
                .filter(m -> !m.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private HttpResponse<String> send(int port, String method, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(10))
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
