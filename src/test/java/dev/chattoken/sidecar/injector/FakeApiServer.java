package dev.chattoken.sidecar.injector;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two paths of a Kubernetes API server the injector reads, over HTTPS with a bearer token, answering as the API
 * server does ({@code /version}, a ChatTokenProfile by namespace and name, 404 with a Status otherwise, 401 without the
 * token). For the tests of the packaged injector and the benchmark, which have no cluster.
 */
public final class FakeApiServer implements AutoCloseable {

    private static final Pattern PROFILE =
            Pattern.compile("/apis/chattoken\\.dev/v1alpha1/namespaces/([^/]+)/chattokenprofiles/([^/]+)");

    private final HttpsServer server;
    private final String token;
    private final Map<String, ObjectNode> profiles = new ConcurrentHashMap<>();
    private volatile String minor = "20";
    public final AtomicInteger profileReads = new AtomicInteger();

    public FakeApiServer(TestTls tls, String token) throws Exception {
        this.token = token;
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
        server.createContext("/", this::handle);
        server.setExecutor(
                Executors.newFixedThreadPool(4, Thread.ofPlatform().daemon().factory()));
        server.start();
    }

    public String url() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The minor version /version answers (1.20 by default). */
    public void minor(String minor) {
        this.minor = minor;
    }

    public FakeApiServer profile(String namespace, String name, String specYaml) {
        ObjectNode object = Pods.yaml("apiVersion: chattoken.dev/v1alpha1\nkind: ChatTokenProfile\n");
        object.putObject("metadata").put("name", name).put("namespace", namespace);
        object.set("spec", Pods.yaml(specYaml));
        profiles.put(namespace + "/" + name, object);
        return this;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                answer(exchange, 401, status(401, "Unauthorized"));
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/version")) {
                answer(
                        exchange,
                        200,
                        "{\"major\":\"1\",\"minor\":\"" + minor + "\",\"gitVersion\":\"v1." + minor + ".2\"}");
                return;
            }
            Matcher matcher = PROFILE.matcher(path);
            if (matcher.matches()) {
                profileReads.incrementAndGet();
                ObjectNode profile = profiles.get(matcher.group(1) + "/" + matcher.group(2));
                if (profile != null) {
                    answer(exchange, 200, profile.toString());
                    return;
                }
                answer(
                        exchange,
                        404,
                        status(404, "chattokenprofiles.chattoken.dev \"" + matcher.group(2) + "\" not found"));
                return;
            }
            answer(exchange, 403, status(403, "forbidden: " + path));
        }
    }

    private static String status(int code, String message) {
        return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\"" + message
                + "\",\"code\":" + code + "}";
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
