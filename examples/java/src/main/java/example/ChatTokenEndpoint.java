package example;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The app's side of chat-token-sidecar, in Java (21 or newer; the JDK's HTTP server and client, Jackson for JSON).
 *
 * <p>{@code POST /chat-token} answers the page with a chat-widget token for the user logged in to the app: it asks the
 * sidecar beside the app (same pod, loopback) for a token of one profile and returns the sidecar's answer (token,
 * expires_at and the widget's fields) unchanged. The page hands it to the widget (examples/widgets/).
 *
 * <p><b>The rule that makes the sidecar safe: the identity sent to the sidecar comes from the app's own session, never
 * from the browser.</b> Whoever can choose the user_id gets a token for anyone. The browser's body is read for
 * {@code chat_id} only (Kindly's widget names its conversation), and a {@code user_id} in it is ignored.
 *
 * <p>Configuration (environment): {@code CHAT_TOKEN_SIDECAR_URL} (default http://127.0.0.1:8790),
 * {@code CHAT_TOKEN_PROFILE} (default dg), {@code CHAT_TOKEN_FIELDS} (what the profile's vendor takes: user_id, email,
 * name from the session, chat_id from the page; default user_id), {@code CHAT_TOKEN_CALLER_TOKEN_FILE} (when the
 * sidecar has chat-token.caller-token-file), {@code PORT} (default 8080).
 */
public final class ChatTokenEndpoint {

    private static final Logger LOG = Logger.getLogger("chat-token");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SESSION_FIELDS = List.of("user_id", "email", "name");

    /** Stand-in for the app's own session store: replace with your framework's logged-in user. */
    private static final Map<String, Map<String, String>> SESSIONS = Map.of("demo-session-ana",
            Map.of("user_id", "customer-42", "email", "ana@example.com", "name", "Ana Lima"));

    private final String sidecarUrl;
    private final String profile;
    private final List<String> fields;
    private final Optional<Path> callerTokenFile;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    ChatTokenEndpoint(Map<String, String> env) {
        this.sidecarUrl = env.getOrDefault("CHAT_TOKEN_SIDECAR_URL", "http://127.0.0.1:8790").replaceAll("/+$", "");
        this.profile = env.getOrDefault("CHAT_TOKEN_PROFILE", "dg");
        this.fields = Arrays.stream(env.getOrDefault("CHAT_TOKEN_FIELDS", "user_id").split(","))
                .map(String::strip).filter(f -> !f.isEmpty()).toList();
        this.callerTokenFile = Optional.ofNullable(env.get("CHAT_TOKEN_CALLER_TOKEN_FILE")).filter(f -> !f.isEmpty()).map(Path::of);
        for (String field : fields) {
            if (!field.equals("chat_id") && !SESSION_FIELDS.contains(field)) {
                throw new IllegalArgumentException("CHAT_TOKEN_FIELDS: " + field + " is none of user_id, email, name, chat_id");
            }
        }
    }

    public static void main(String[] args) throws IOException {
        ChatTokenEndpoint endpoint = new ChatTokenEndpoint(System.getenv());
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/chat-token", endpoint::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        LOG.info("chat-token example (java) on http://127.0.0.1:" + port + "/chat-token, profile " + endpoint.profile);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            if (!exchange.getRequestMethod().equals("POST") || !exchange.getRequestURI().getPath().equals("/chat-token")) {
                reply(exchange, 404, "{\"error\":\"not found\"}");
                return;
            }
            Optional<Map<String, String>> user = loggedInUser(exchange);
            if (user.isEmpty()) {
                reply(exchange, 401, "{\"error\":\"not logged in\"}");
                return;
            }
            JsonNode page;
            try (InputStream body = exchange.getRequestBody()) {
                byte[] bytes = body.readNBytes(4097);
                page = bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
                if (bytes.length > 4096 || !page.isObject()) {
                    throw new IOException("not a small JSON object");
                }
            } catch (IOException e) {
                reply(exchange, 400, "{\"error\":\"the body must be a small JSON object\"}");
                return;
            }
            Map<String, String> identity = new LinkedHashMap<>();
            for (String field : fields) {
                // the session's fields, whatever the page sent; only chat_id is the page's to give
                String value = field.equals("chat_id") ? page.path("chat_id").textValue() : user.get().get(field);
                if (value != null) {
                    identity.put(field, value);
                }
            }
            askTheSidecar(exchange, identity);
        } catch (RuntimeException e) {
            LOG.severe("chat token: " + e.getClass().getSimpleName());
            reply(exchange, 500, "{\"error\":\"internal error\"}");
        } finally {
            exchange.close();
        }
    }

    private void askTheSidecar(HttpExchange exchange, Map<String, String> identity) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sidecarUrl + "/v1/tokens/"
                        + URLEncoder.encode(profile, StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, application/problem+json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(identity)));
        String token = callerToken();
        if (!token.isEmpty()) {
            request.header("X-Chat-Token-Caller", token);
        }
        HttpResponse<byte[]> answer;
        try {
            answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            LOG.severe("chat token: the sidecar at " + sidecarUrl + " did not answer: "
                    + (e instanceof HttpTimeoutException ? "timeout" : e.getClass().getSimpleName()));
            reply(exchange, 503, "{\"error\":\"chat token service unavailable\"}");
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply(exchange, 503, "{\"error\":\"chat token service unavailable\"}");
            return;
        }
        if (answer.statusCode() == 200) {
            reply(exchange, 200, new String(answer.body(), StandardCharsets.UTF_8)); // token, expires_at, widget fields
            return;
        }
        if (answer.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
            // The sidecar's problems name the cause and never hold a key, a secret or a token: safe to log.
            JsonNode problem = JSON.readTree(answer.body());
            String field = problem.path("field").asText("");
            LOG.severe("chat token refused: " + problem.path("status").asInt() + " " + problem.path("type").asText()
                    + (field.isEmpty() ? "" : " (" + field + ")") + ": " + problem.path("detail").asText());
            if (field.equals("chat_id")) {
                reply(exchange, 400, "{\"error\":\"invalid chat_id\"}");
                return;
            }
        } else {
            LOG.severe("chat token: the sidecar answered " + answer.statusCode() + " without a problem");
        }
        reply(exchange, 502, "{\"error\":\"chat token unavailable\"}");
    }

    private static Optional<Map<String, String>> loggedInUser(HttpExchange exchange) {
        return exchange.getRequestHeaders().getOrDefault("Cookie", List.of()).stream()
                .flatMap(header -> Arrays.stream(header.split(";")))
                .map(String::strip)
                .filter(cookie -> cookie.startsWith("session="))
                .map(cookie -> SESSIONS.get(cookie.substring("session=".length())))
                .filter(user -> user != null)
                .findFirst();
    }

    /** Read at every request: the Secret it comes from may be rotated. One trailing newline is not part of it. */
    private String callerToken() throws IOException {
        if (callerTokenFile.isEmpty()) {
            return "";
        }
        String token = Files.readString(callerTokenFile.get(), StandardCharsets.UTF_8);
        return token.endsWith("\r\n") ? token.substring(0, token.length() - 2)
                : token.endsWith("\n") ? token.substring(0, token.length() - 1) : token;
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
