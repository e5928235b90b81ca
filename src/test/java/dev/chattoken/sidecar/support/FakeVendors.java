package dev.chattoken.sidecar.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonSchema;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fake HubSpot, Sendbird and Channel Talk APIs (WireMock) that answer only requests that keep the vendor's documented
 * contract: method, path, the credential's headers, the body's content type and its JSON schema. A request that breaks
 * it matches no stub: WireMock answers 404 and {@link #unmatched()} lists it, which every test checks is empty. Each
 * vendor is served under its own prefix ({@code /hubspot}, {@code /sendbird}, {@code /channel-talk}), which the test
 * profiles take as their {@code base-url}. A test replaces the answers of a vendor ({@link #answer},
 * {@link #answerTimes}) with a 403, a 429 with Retry-After, a 5xx, a slow answer, a reset, a malformed or oversized
 * body; those stubs keep the same contract matchers.
 *
 * <p>The tokens issued look like JWTs (three base64url parts), so that the suite's log scan ({@link LogLeakCheck})
 * would find one that leaked into a log line.
 */
public final class FakeVendors implements AutoCloseable {

    /** The credential the fakes accept: the test profiles' key-file is the DG fixture secret. */
    public static final String SECRET = Tokens.DG_SECRET;
    /** Channel Talk's access key of the example profile. */
    public static final String ACCESS_KEY = "64f1c0a5e2d3b4a5c6d7e8f9";
    /** Sendbird users whose id starts with this do not exist until the profile creates them. */
    public static final String NEW_USER_PREFIX = "new-";

    /**
     * HubSpot's request body, transcribed in our words from HubSpot's OpenAPI document of the endpoint (repository
     * HubSpot/HubSpot-public-api-spec-collection, PublicApiSpecs/Conversations/Visitor Identification/Rollouts/140938/
     * v3/visitorIdentification.json at commit 1e00d93b9cd56ec8bd3ece3aa04f4c89b6de8810, info.version "v3", and
     * .../2026-03/visitorIdentification.json at 6206f99f4845ae38a2bea416e6c96290b27019a3, "2026-03"; both define
     * IdentificationTokenGenerationRequest alike): an object, {@code email} required, {@code firstName} and
     * {@code lastName} optional, all strings. Stricter than the document on one point: no other member, since the
     * sidecar sends none. The operation: POST /visitor-identification/{v3|2026-03}/tokens/create, security private app
     * (Authorization: Bearer) with scope conversations.visitor_identification.tokens.create, request content
     * application/json, answer 200 application/json IdentificationTokenResponse {token: string, required}.
     */
    static final String HUBSPOT_REQUEST = """
            {"type": "object", "required": ["email"], "additionalProperties": false,
             "properties": {"email": {"type": "string", "minLength": 3},
                            "firstName": {"type": "string", "minLength": 1},
                            "lastName": {"type": "string", "minLength": 1}}}""";

    /** Sendbird's "Issue a session token" body: optional expires_at, a long in Unix milliseconds (13 digits today). */
    static final String SENDBIRD_TOKEN_REQUEST = """
            {"type": "object", "additionalProperties": false,
             "properties": {"expires_at": {"type": "integer", "minimum": 1000000000000}}}""";

    /** Sendbird's "Create a user" body: user_id, nickname and profile_url, all required (its platform SDK's model). */
    static final String SENDBIRD_USER_REQUEST = """
            {"type": "object", "required": ["user_id", "nickname", "profile_url"], "additionalProperties": false,
             "properties": {"user_id": {"type": "string", "minLength": 1, "maxLength": 80},
                            "nickname": {"type": "string"}, "profile_url": {"type": "string"}}}""";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Issuer issuer = new Issuer();
    private final WireMockServer server;

    public FakeVendors() {
        this(java.util.Optional.empty());
    }

    /** @param tls when present, the fakes answer HTTPS too, with a certificate of that test CA */
    public FakeVendors(java.util.Optional<TestTls> tls) {
        var options = options()
                .dynamicPort()
                .bindAddress("127.0.0.1")
                .extensions(issuer)
                .containerThreads(64)
                .jettyAcceptors(2);
        tls.ifPresent(t -> options.dynamicHttpsPort()
                .keystorePath(t.keyStore().toString())
                .keystorePassword(t.password())
                .keyManagerPassword(t.password())
                .keystoreType("PKCS12"));
        server = new WireMockServer(options);
        server.start();
        reset();
    }

    /** The HTTPS base URL of a vendor's fake API (with a {@link TestTls} only). */
    public String httpsBaseUrl(String vendor) {
        return "https://localhost:" + server.httpsPort() + "/" + vendor;
    }

    /** The base URL of a vendor's fake API ({@code hubspot}, {@code sendbird}, {@code channel-talk}). */
    public String baseUrl(String vendor) {
        return "http://127.0.0.1:" + server.port() + "/" + vendor;
    }

    public int port() {
        return server.port();
    }

    /** Back to the vendors' normal answers, with no request recorded. */
    public void reset() {
        server.resetAll();
        issuer.issued.clear();
        issuer.created.clear();
        server.stubFor(
                tokenRequest("hubspot").atPriority(10).willReturn(aResponse().withTransformers(Issuer.NAME)));
        server.stubFor(
                tokenRequest("sendbird").atPriority(10).willReturn(aResponse().withTransformers(Issuer.NAME)));
        server.stubFor(
                sendbirdCreateUser().atPriority(10).willReturn(aResponse().withTransformers(Issuer.NAME)));
        server.stubFor(tokenRequest("channel-talk")
                .atPriority(10)
                .willReturn(aResponse().withTransformers(Issuer.NAME)));
    }

    /** The token request of a vendor as its contract has it: anything else is unmatched. */
    public static MappingBuilder tokenRequest(String vendor) {
        return switch (vendor) {
            case "hubspot" ->
                post(urlMatching("/hubspot/visitor-identification/(v3|2026-03)/tokens/create"))
                        .withHeader("Authorization", equalTo("Bearer " + SECRET))
                        .withHeader("Content-Type", equalTo("application/json"))
                        .withRequestBody(matchingJsonSchema(HUBSPOT_REQUEST));
            case "sendbird" ->
                post(urlMatching("/sendbird/v3/users/[A-Za-z0-9._~%-]+/token"))
                        .withHeader("Api-Token", equalTo(SECRET))
                        .withHeader("Authorization", absent())
                        .withHeader("Content-Type", equalTo("application/json"))
                        .withRequestBody(matchingJsonSchema(SENDBIRD_TOKEN_REQUEST));
            case "channel-talk" ->
                put(urlMatching(
                                "/channel-talk/open/v5/users/@[A-Za-z0-9._~%-]+/session-jwt/issue\\?expiration=PT[1-9][0-9]*S"))
                        .withHeader("x-access-key", equalTo(ACCESS_KEY))
                        .withHeader("x-access-secret", equalTo(SECRET))
                        .withHeader("Authorization", absent())
                        .withHeader("Content-Type", absent())
                        .withRequestBody(absent());
            default -> throw new IllegalArgumentException(vendor);
        };
    }

    static MappingBuilder sendbirdCreateUser() {
        return post(urlMatching("/sendbird/v3/users"))
                .withHeader("Api-Token", equalTo(SECRET))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(matchingJsonSchema(SENDBIRD_USER_REQUEST));
    }

    /** From now on, the vendor's token requests get {@code response} (a fault, a status, a delay...). */
    public void answer(String vendor, ResponseDefinitionBuilder response) {
        server.stubFor(tokenRequest(vendor).atPriority(1).willReturn(response));
    }

    /** The next {@code times} token requests of the vendor get {@code response}, then the normal answer again. */
    public void answerTimes(String vendor, int times, ResponseDefinitionBuilder response) {
        String scenario = vendor + "-" + RANDOM.nextLong();
        String state = com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
        for (int i = 1; i <= times; i++) {
            String next = i == times ? "done" : "after-" + i;
            server.stubFor(tokenRequest(vendor)
                    .atPriority(1)
                    .inScenario(scenario)
                    .whenScenarioStateIs(state)
                    .willSetStateTo(next)
                    .willReturn(response));
            state = next;
        }
    }

    /** The vendor's normal answer, delayed: a transformer answer with {@code delay}. */
    public void answerSlowly(String vendor, Duration delay) {
        answer(vendor, aResponse().withTransformers(Issuer.NAME).withFixedDelay((int) delay.toMillis()));
    }

    /** Token requests the vendor's fake received (matching its contract or not). */
    public int calls(String vendor) {
        return (int) server.getAllServeEvents().stream()
                .filter(e -> isTokenRequest(e.getRequest(), vendor))
                .count();
    }

    /** Requests that broke a vendor's contract. */
    public List<LoggedRequest> unmatched() {
        return server.findAllUnmatchedRequests();
    }

    /** Every request received, oldest first. */
    public List<LoggedRequest> requests() {
        return server.getAllServeEvents().stream()
                .map(ServeEvent::getRequest)
                .sorted(java.util.Comparator.comparing(LoggedRequest::getLoggedDate))
                .toList();
    }

    /** The tokens the fake issued, by vendor. */
    public List<String> issued(String vendor) {
        return issuer.issued.getOrDefault(vendor, List.of());
    }

    /** Sendbird users the fake created on request. */
    public Set<String> createdUsers() {
        return Set.copyOf(issuer.created);
    }

    @Override
    public void close() {
        server.stop();
    }

    private static boolean isTokenRequest(Request request, String vendor) {
        String url = request.getUrl();
        return switch (vendor) {
            case "hubspot" -> url.startsWith("/hubspot/") && url.endsWith("/tokens/create");
            case "sendbird" -> url.startsWith("/sendbird/v3/users/") && url.endsWith("/token");
            case "channel-talk" -> url.startsWith("/channel-talk/open/v5/users/");
            default -> false;
        };
    }

    /** A token shaped like a JWT, random. */
    public static String newToken() {
        return "eyJ" + part(16) + ".eyJ" + part(48) + "." + part(32);
    }

    private static String part(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** Issues the vendors' tokens, the way each vendor answers. */
    static final class Issuer implements ResponseDefinitionTransformerV2 {
        static final String NAME = "fake-vendor-issuer";
        private static final Pattern SENDBIRD_USER = Pattern.compile("/sendbird/v3/users/([^/]+)/token");
        private static final Pattern EXPIRATION = Pattern.compile("expiration=PT(\\d+)S");

        final Map<String, List<String>> issued = new ConcurrentHashMap<>();
        final Set<String> created = ConcurrentHashMap.newKeySet();

        @Override
        public String getName() {
            return NAME;
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            Request request = event.getRequest();
            ResponseDefinitionBuilder answer = ResponseDefinitionBuilder.like(event.getResponseDefinition())
                    .but()
                    .withHeader("Content-Type", "application/json");
            try {
                String url = request.getUrl();
                if (url.startsWith("/hubspot/")) {
                    return answer.withStatus(200)
                            .withBody(JSON.writeValueAsString(Map.of("token", issue("hubspot"))))
                            .build();
                }
                if (url.equals("/sendbird/v3/users")) {
                    created.add(JSON.readTree(request.getBodyAsString())
                            .get("user_id")
                            .asText());
                    return answer.withStatus(200)
                            .withBody(request.getBodyAsString())
                            .build();
                }
                if (url.startsWith("/sendbird/")) {
                    Matcher user = SENDBIRD_USER.matcher(url);
                    String userId = user.matches() ? URLDecoder.decode(user.group(1), StandardCharsets.UTF_8) : "";
                    if (userId.startsWith(NEW_USER_PREFIX) && !created.contains(userId)) {
                        return answer.withStatus(400)
                                .withBody("{\"message\":\"\\\"User\\\" not found.\",\"code\":400201,\"error\":true}")
                                .build();
                    }
                    JsonNode body = JSON.readTree(request.getBodyAsString());
                    long expiresAt = body.has("expires_at")
                            ? body.get("expires_at").asLong()
                            : Instant.now().plus(Duration.ofDays(7)).toEpochMilli();
                    return answer.withStatus(200)
                            .withBody(JSON.writeValueAsString(
                                    Map.of("token", issue("sendbird"), "expires_at", expiresAt)))
                            .build();
                }
                Matcher expiration = EXPIRATION.matcher(url);
                long seconds = expiration.find() ? Long.parseLong(expiration.group(1)) : 60;
                return answer.withStatus(200)
                        .withBody(JSON.writeValueAsString(Map.of(
                                "sessionJWT",
                                issue("channel-talk"),
                                "expireAt",
                                Instant.now().plusSeconds(seconds).toEpochMilli())))
                        .build();
            } catch (java.io.IOException e) {
                return answer.withStatus(500).withBody("{}").build();
            }
        }

        private String issue(String vendor) {
            String token = newToken();
            issued.computeIfAbsent(vendor, v -> new CopyOnWriteArrayList<>()).add(token);
            return token;
        }
    }
}
