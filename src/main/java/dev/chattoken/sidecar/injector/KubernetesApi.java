package dev.chattoken.sidecar.injector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The two reads the injector makes of the API server, on the JDK's HTTP client with the pod's service account: a
 * ChatTokenProfile by name, and {@code /version}. Nothing else (its RBAC allows nothing else: no Secret at all). A
 * client library was measured against this (README "The injector", "Kubernetes client"): for two GETs it cost far more
 * executable and memory than it saves code.
 *
 * <p>TLS trusts only the cluster's CA file; the token file is read for every request, because the kubelet replaces a
 * projected service-account token before it expires.
 */
public final class KubernetesApi implements PodInjection.ProfileSource {

    static final String PROFILES = "/apis/chattoken.dev/v1alpha1/namespaces/%s/chattokenprofiles/%s";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final URI server;
    private final Path tokenFile;
    private final Duration timeout;
    private final HttpClient http;

    public KubernetesApi(URI server, Path caFile, Path tokenFile, Duration timeout) {
        this.server = server;
        this.tokenFile = tokenFile;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .sslContext(trusting(caFile))
                .connectTimeout(timeout)
                .build();
    }

    /**
     * The server of a pod's service account: {@code KUBERNETES_SERVICE_HOST} and {@code _PORT}, unless {@code url} is
     * set.
     */
    public static URI server(Optional<String> url) {
        return URI.create(url.orElseGet(() -> {
            String host = System.getenv("KUBERNETES_SERVICE_HOST");
            if (host == null) {
                throw new IllegalStateException(
                        "chat-token.injector.kubernetes.url is not set and KUBERNETES_SERVICE_HOST "
                                + "is not in the environment: the injector runs in a pod, or is told where the API server is");
            }
            String port = Optional.ofNullable(System.getenv("KUBERNETES_SERVICE_PORT"))
                    .orElse("443");
            return "https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }));
    }

    @Override
    public Optional<JsonNode> find(String namespace, String name) throws IOException {
        HttpResponse<byte[]> answer = get(PROFILES.formatted(encode(namespace), encode(name)));
        if (answer.statusCode() == 404) {
            return Optional.empty();
        }
        return Optional.of(json(answer, "ChatTokenProfile " + namespace + "/" + name));
    }

    public KubernetesVersion version() throws IOException {
        JsonNode version = json(get("/version"), "/version");
        return KubernetesVersion.of(
                version.path("major").asText(),
                version.path("minor").asText(),
                version.path("gitVersion").asText());
    }

    private HttpResponse<byte[]> get(String path) throws IOException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(server.resolve(path)).timeout(timeout).header("Accept", "application/json");
        if (Files.isReadable(tokenFile)) {
            request.header(
                    "Authorization", "Bearer " + Files.readString(tokenFile).strip());
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading " + path, e);
        }
    }

    private static JsonNode json(HttpResponse<byte[]> answer, String what) throws IOException {
        if (answer.statusCode() != 200) {
            // the API server's own Status message says why (403: the injector's RBAC; 401: its token)
            String message = "";
            try {
                message = ": " + MAPPER.readTree(answer.body()).path("message").asText();
            } catch (IOException e) {
                // not a Status object: the code alone
            }
            throw new IOException("reading " + what + " from the API server: " + answer.statusCode() + message);
        }
        return MAPPER.readTree(answer.body());
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8);
    }

    private static SSLContext trusting(Path caFile) {
        try (InputStream in = Files.newInputStream(caFile)) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int i = 0;
            for (Certificate certificate :
                    CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trusted.setCertificateEntry("ca-" + i++, certificate);
            }
            if (i == 0) {
                throw new IllegalStateException("no certificate in " + caFile);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(
                    "the API server's CA file " + caFile + " cannot be read: " + e.getMessage(), e);
        }
    }
}
