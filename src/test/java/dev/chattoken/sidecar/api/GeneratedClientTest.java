package dev.chattoken.sidecar.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import com.nimbusds.jwt.SignedJWT;
import dev.chattoken.client.ApiClient;
import dev.chattoken.client.ApiException;
import dev.chattoken.client.api.ProfilesResourceApi;
import dev.chattoken.client.api.TokenResourceApi;
import dev.chattoken.client.api.VerifyResourceApi;
import dev.chattoken.client.model.TokenRequest;
import dev.chattoken.client.model.TokenResponse;
import dev.chattoken.client.model.VerifyRequest;
import dev.chattoken.sidecar.http.Problem;
import dev.chattoken.sidecar.http.ProblemType;
import dev.chattoken.sidecar.support.FakeVendors;
import dev.chattoken.sidecar.support.Fixtures;
import dev.chattoken.sidecar.support.InjectFakeVendors;
import dev.chattoken.sidecar.support.RawHttp;
import dev.chattoken.sidecar.support.VendorCatalog;
import dev.chattoken.sidecar.support.VendorTesting;
import dev.chattoken.sidecar.vendors.UpstreamRules;
import dev.chattoken.sidecar.vendors.Vendor;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The OpenAPI document is one a client can be generated from and trusted: the build generates a Java client from the
 * committed document ({@value #SNAPSHOT}, by openapi-generator-maven-plugin before the tests compile), this test holds
 * the served document equal to it, and that client mints a token for every vendor's test profile (from the document's
 * own example request of the vendor) and receives the sidecar's problems as typed errors. Besides, every answer of
 * every kind the sidecar gives, success or problem, is checked against the document: its status declared for the
 * operation, its media type declared for the status, its body valid against the declared JSON Schema (nullable and
 * required fields included). If the document lies, the build fails.
 */
@QuarkusTest
class GeneratedClientTest {

    static final String SNAPSHOT = "src/main/openapi/chat-token-sidecar.json";
    private static final String TOKENS = "/v1/tokens/{profile}";
    private static final String VERIFY = "/v1/verify/{profile}";
    private static final String JWKS = "/v1/profiles/{profile}/jwks.json";
    private static final String PEM = "/v1/profiles/{profile}/public-key.pem";
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * OpenAPI 3.1's schema dialect (JSON Schema 2020-12 and OpenAPI's keywords), where a schema validated here carries
     * the document's components beside it, for its references.
     */
    private static final SchemaRegistry SCHEMAS =
            SchemaRegistry.withDefaultDialect(Dialect.builder(Dialects.getOpenApi31())
                    .keyword(new NonValidationKeyword("components"))
                    .build());

    /** The fake APIs of the vendors whose tokens only their API issues, which their test profiles call. */
    @InjectFakeVendors
    FakeVendors fakes;

    static List<Vendor> vendors() {
        return VendorCatalog.all();
    }

    /** The document as served, parsed. */
    static JsonNode served() throws IOException {
        return JSON.readTree(given().accept("application/json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .asString());
    }

    /** The generated client, on the sidecar under test, refusing answer fields the document does not declare. */
    static ApiClient client() {
        ApiClient client = new ApiClient();
        client.updateBaseUri(RestAssured.baseURI + ":" + RestAssured.port);
        client.setObjectMapper(ApiClient.createDefaultObjectMapper()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES));
        return client;
    }

    @Test
    void theServedDocumentIsTheCommittedOneTheClientIsGeneratedFrom() throws Exception {
        JsonNode served = served();
        if (!served.equals(JSON.readTree(Files.readString(Path.of(SNAPSHOT))))) {
            Path written = Path.of("target/chat-token-sidecar.served.json");
            Files.writeString(written, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(served) + "\n");
            fail("the served OpenAPI document differs from " + SNAPSHOT + ", which the test client is generated from: "
                    + "if the change is meant, cp " + written + " " + SNAPSHOT + " and build again");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vendors")
    void theGeneratedClientMintsAVerifiedTokenFromTheDocumentsExampleOfEachVendor(Vendor vendor) throws Exception {
        JsonNode example = served().at(pointer(
                "paths",
                TOKENS,
                "post",
                "requestBody",
                "content",
                "application/json",
                "examples",
                vendor.id(),
                "value"));
        assertFalse(example.isMissingNode(), "the document has an example request for " + vendor.id());
        assertEquals(JSON.readTree(vendor.example().request()), example, "the vendor's own example");
        ApiClient client = client();
        TokenRequest request = client.getObjectMapper().treeToValue(example, TokenRequest.class);

        TokenResponse answer = new TokenResourceApi(client).mint(vendor.id(), request);

        assertEquals(vendor.id(), answer.getProfile());
        assertEquals(vendor.id(), answer.getVendor());
        var profile = VendorTesting.example(vendor);
        Map<String, Object> typed = new TreeMap<>(client.getObjectMapper().convertValue(answer, Map.class));
        for (String common : List.of("token", "profile", "vendor", "expires_at")) {
            typed.remove(common);
        }
        typed.values().removeIf(v -> v == null);
        typed.forEach((field, value) -> assertFalse(value.toString().isEmpty(), field));
        if (profile.rules() instanceof UpstreamRules rules) { // the vendor's API issued it (its fake, here)
            assertEquals(
                    new TreeSet<>(rules.widgetFields(
                                    VendorTesting.identity(vendor.example().request()), answer.getToken())
                            .keySet()),
                    typed.keySet(),
                    "the widget fields, each a typed field of the generated answer");
            assertTrue(fakes.issued(vendor.id()).contains(answer.getToken()), "a token the vendor's API issued");
            assertNotNull(answer.getExpiresAt(), "the vendor's expiry");
            assertTrue(answer.getExpiresAt() > java.time.Instant.now().getEpochSecond(), "the vendor's expiry, ahead");
            return;
        }
        var expected = VendorTesting.mint(profile, vendor.example().request());
        assertEquals(
                new TreeSet<>(expected.widgetFields().keySet()),
                typed.keySet(),
                "the widget fields, each a typed field of the generated answer (or, for a declared hmac profile's "
                        + "configured name, an additional one)");
        if (!profile.rules().signsJwt()) {
            assertEquals(null, answer.getExpiresAt(), "a digest has no exp");
            assertTrue(expected.token().equals(answer.getToken()), "the digest the vendor's rules compute here");
            return;
        }
        SignedJWT jwt = Fixtures.verifiedJwt(answer.getToken(), profile.rules().algorithm());
        Object exp = jwt.getPayload().toJSONObject().get("exp");
        assertEquals(
                exp == null ? null : ((Number) exp).longValue(),
                answer.getExpiresAt(),
                "expires_at is the token's exp, null when it has none");
    }

    @Test
    void theGeneratedClientReceivesProblemsAsTypedErrors() throws Exception {
        ApiClient client = client();
        record Case(String type, int status, String field, ApiException error) {}
        List<Case> cases = List.of(
                new Case(
                        "unknown-profile",
                        404,
                        "profile",
                        assertThrows(
                                ApiException.class,
                                () -> new TokenResourceApi(client)
                                        .mint("no-such-profile", new TokenRequest().userId("u-1")))),
                new Case(
                        "missing-field",
                        400,
                        "user_id",
                        assertThrows(
                                ApiException.class, () -> new TokenResourceApi(client).mint("dg", new TokenRequest()))),
                new Case(
                        "unsupported-field",
                        400,
                        "email",
                        assertThrows(
                                ApiException.class,
                                () -> new TokenResourceApi(client)
                                        .mint(
                                                "dg",
                                                new TokenRequest().userId("u-1").email("a@example.com")))),
                new Case(
                        "no-public-key",
                        404,
                        "profile",
                        assertThrows(ApiException.class, () -> new ProfilesResourceApi(client).jwks("dg"))),
                new Case(
                        "invalid-token",
                        401,
                        null,
                        assertThrows(
                                ApiException.class,
                                () -> new VerifyResourceApi(client).verify("dg", new VerifyRequest().token("a.b.c")))));
        for (Case c : cases) {
            assertEquals(c.status(), c.error().getCode(), c.type());
            assertEquals(
                    Problem.MEDIA_TYPE,
                    c.error().getResponseHeaders().firstValue("content-type").orElse(""),
                    c.type());
            dev.chattoken.client.model.Problem problem = client.getObjectMapper()
                    .readValue(c.error().getResponseBody(), dev.chattoken.client.model.Problem.class);
            assertEquals(ProblemType.URI_PREFIX + c.type(), problem.getType());
            assertEquals(c.status(), problem.getStatus());
            assertFalse(problem.getTitle().isBlank(), c.type());
            assertFalse(problem.getDetail().isBlank(), c.type());
            if (c.field() != null) {
                assertEquals(c.field(), problem.getField(), c.type());
            }
        }
    }

    /** One request to the token API: the operation it is for, and what it sends. */
    record Exchange(String method, String template, String path, Map<String, String> headers, String body) {
        static Exchange get(String template, String path, Map<String, String> headers) {
            return new Exchange("GET", template, path, headers, "");
        }

        static Exchange post(String template, String path, Map<String, String> headers, String body) {
            Map<String, String> all = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            all.put("Content-Type", "application/json");
            all.putAll(headers);
            return new Exchange("POST", template, path, all, body);
        }
    }

    @Test
    void everyAnswerOfEveryKindIsDeclaredForItsOperationAndValidAgainstItsSchema() throws Exception {
        JsonNode document = served();
        String dgToken = given().contentType("application/json")
                .body("{\"user_id\":\"u-1\"}")
                .post("/v1/tokens/dg")
                .then()
                .statusCode(200)
                .extract()
                .path("token");
        List<Exchange> exchanges = new ArrayList<>(List.of(
                Exchange.get("/v1/profiles", "/v1/profiles", Map.of()),
                Exchange.get(JWKS, "/v1/profiles/kindly/jwks.json", Map.of()),
                Exchange.get(JWKS, "/v1/profiles/salesforce/jwks.json", Map.of()),
                Exchange.get(JWKS, "/v1/profiles/dg/jwks.json", Map.of()),
                Exchange.get(JWKS, "/v1/profiles/no-such-profile/jwks.json", Map.of()),
                Exchange.get(JWKS, "/v1/profiles/kindly/jwks.json", Map.of("Accept", "text/html")),
                Exchange.get(PEM, "/v1/profiles/kindly/public-key.pem", Map.of()),
                Exchange.get(PEM, "/v1/profiles/dg/public-key.pem", Map.of()),
                Exchange.get(PEM, "/v1/profiles/kindly/public-key.pem", Map.of("Accept", "application/json")),
                Exchange.get(PEM, "/v1/profiles/kind%6Cy/public-key.pem", Map.of()),
                Exchange.post(TOKENS, "/v1/tokens/dg", Map.of(), "{}"),
                Exchange.post(TOKENS, "/v1/tokens/dg", Map.of(), "{\"user_id\":42}"),
                Exchange.post(TOKENS, "/v1/tokens/dg", Map.of(), "{\"user_id\":"),
                Exchange.post(TOKENS, "/v1/tokens/dg", Map.of(), ""),
                Exchange.post(TOKENS, "/v1/tokens/no-such-profile", Map.of(), "{\"user_id\":\"u-1\"}"),
                Exchange.post(TOKENS, "/v1/tokens/d%67", Map.of(), "{\"user_id\":\"u-1\"}"),
                Exchange.post(TOKENS, "/v1/tokens/dg", Map.of("Content-Type", "text/plain"), "{\"user_id\":\"u-1\"}"),
                Exchange.post(TOKENS, "/v1/tokens/dg", Map.of("Content-Type", "application/"), "{\"user_id\":\"u-1\"}"),
                Exchange.post(TOKENS, "/v1/tokens/dg", Map.of("Accept", "text/html"), "{\"user_id\":\"u-1\"}"),
                Exchange.post(TOKENS, "/v1/tokens/dg", Map.of(), "{\"user_id\":\"" + "u".repeat(17 * 1024) + "\"}"),
                Exchange.post(VERIFY, "/v1/verify/dg", Map.of(), "{\"token\":\"" + dgToken + "\"}"),
                Exchange.post(VERIFY, "/v1/verify/dg", Map.of(), "{\"token\":\"a.b.c\"}"),
                Exchange.post(VERIFY, "/v1/verify/dg", Map.of(), "{}"),
                Exchange.post(VERIFY, "/v1/verify/no-such-profile", Map.of(), "{\"token\":\"a.b.c\"}"),
                Exchange.post(VERIFY, "/v1/verify/dg", Map.of("Content-Type", "text/plain"), "a.b.c")));
        for (Vendor vendor : VendorCatalog.all()) { // every vendor's 200, expires_at null or not
            exchanges.add(Exchange.post(
                    TOKENS,
                    "/v1/tokens/" + vendor.id(),
                    Map.of(),
                    vendor.example().request()));
        }
        TreeSet<String> seen = new TreeSet<>();
        for (Exchange exchange : exchanges) {
            RawHttp.Answer answer =
                    RawHttp.send(exchange.method(), exchange.path(), exchange.headers(), exchange.body());
            assertDeclared(document, exchange, answer.status(), answer.contentType(), answer.body());
            seen.add(exchange.template() + " " + answer.status());
        }
        // the problems of a vendor's API: a user it does not know (404), a refusal of the account's plan (503)
        List<Exchange> upstream = List.of(
                Exchange.post(
                        TOKENS,
                        "/v1/tokens/sendbird",
                        Map.of(),
                        "{\"user_id\":\"" + FakeVendors.NEW_USER_PREFIX + "generated-client\"}"),
                Exchange.post(TOKENS, "/v1/tokens/hubspot", Map.of(), "{\"email\":\"plan@generated.example\"}"));
        fakes.answerTimes("hubspot", 1, WireMock.aResponse().withStatus(403)); // once: the fakes stay shared
        for (Exchange exchange : upstream) {
            RawHttp.Answer answer =
                    RawHttp.send(exchange.method(), exchange.path(), exchange.headers(), exchange.body());
            assertDeclared(document, exchange, answer.status(), answer.contentType(), answer.body());
            seen.add(exchange.template() + " " + answer.status());
        }
        RawHttp.Answer late = lateBody();
        assertDeclared(
                document,
                Exchange.post(TOKENS, "/v1/tokens/dg", Map.of(), "{\"user"),
                late.status(),
                late.contentType(),
                late.body());
        seen.add(TOKENS + " " + late.status());
        for (String expected : List.of(
                TOKENS + " 200",
                TOKENS + " 400",
                TOKENS + " 404",
                TOKENS + " 406",
                TOKENS + " 408",
                TOKENS + " 413",
                TOKENS + " 415",
                TOKENS + " 503",
                VERIFY + " 200",
                VERIFY + " 400",
                VERIFY + " 401",
                VERIFY + " 404",
                JWKS + " 200",
                JWKS + " 404",
                JWKS + " 406",
                PEM + " 200",
                PEM + " 400",
                PEM + " 404",
                PEM + " 406")) {
            assertTrue(seen.contains(expected), "the requests above were meant to reach " + expected + ": " + seen);
        }
    }

    @Test
    void everyExampleInTheDocumentIsValidAgainstItsSchema() throws Exception {
        JsonNode document = served();
        int examples = 0;
        for (var path : document.get("paths").properties()) {
            for (var operation : path.getValue().properties()) {
                JsonNode body = operation.getValue().path("requestBody").path("content");
                for (var media : body.properties()) {
                    for (var example : media.getValue().path("examples").properties()) {
                        assertValid(
                                document,
                                media.getValue().get("schema"),
                                example.getValue().get("value"),
                                path.getKey() + " " + operation.getKey() + " example " + example.getKey());
                        examples++;
                    }
                }
            }
        }
        assertEquals(VendorCatalog.all().size(), examples, "one example request per vendor");
    }

    private static void assertDeclared(
            JsonNode document, Exchange exchange, int status, String contentType, String body) throws IOException {
        String what = exchange.method() + " " + exchange.path() + " answered " + status + " " + contentType;
        JsonNode response = document.at(pointer(
                "paths", exchange.template(), exchange.method().toLowerCase(), "responses", String.valueOf(status)));
        assertFalse(response.isMissingNode(), what + ": the document declares no " + status + " for this operation");
        String mediaType = contentType.split(";")[0].strip();
        JsonNode content = response.path("content").path(mediaType);
        assertFalse(content.isMissingNode(), what + ": the document declares no " + mediaType + " for " + status);
        if (mediaType.endsWith("json")) {
            assertValid(document, content.get("schema"), JSON.readTree(body), what);
        } else {
            assertEquals("string", content.path("schema").path("type").asText(), what);
        }
    }

    /** Validates {@code value} against {@code schema}, whose references point into the document's components. */
    private static void assertValid(JsonNode document, JsonNode schema, JsonNode value, String what) {
        assertNotNull(schema, what + ": no schema");
        ObjectNode root = schema.deepCopy();
        root.set("components", document.get("components"));
        var errors = SCHEMAS.getSchema(root).validate(value);
        assertTrue(errors.isEmpty(), what + ": not valid against the declared schema: " + errors);
    }

    /** A body trickled a byte at a time (never idle, never complete): answered when the request deadline passes. */
    private static RawHttp.Answer lateBody() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(
                    ("POST /v1/tokens/dg HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n"
                                    + "{\"user")
                            .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            for (int i = 0; i < 20 && in.available() == 0; i++) {
                Thread.sleep(500);
                try {
                    out.write(' ');
                    out.flush();
                } catch (IOException closed) {
                    break;
                }
            }
            String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int headEnd = raw.indexOf("\r\n\r\n");
            assertTrue(headEnd > 0, "an answer to the late body, not a closed connection");
            String head = raw.substring(0, headEnd);
            String contentType = head.lines()
                    .filter(l -> l.toLowerCase().startsWith("content-type:"))
                    .map(l -> l.substring(13).strip())
                    .findFirst()
                    .orElse("");
            return new RawHttp.Answer(Integer.parseInt(head.split(" ")[1]), contentType, raw.substring(headEnd + 4));
        }
    }

    /** A JSON pointer of these member names, each escaped (RFC 6901). */
    private static String pointer(String... names) {
        StringBuilder pointer = new StringBuilder();
        for (String name : names) {
            pointer.append('/').append(name.replace("~", "~0").replace("/", "~1"));
        }
        return pointer.toString();
    }
}
