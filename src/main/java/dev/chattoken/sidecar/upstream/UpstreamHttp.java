package dev.chattoken.sidecar.upstream;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.ProxyOptions;
import io.vertx.core.net.ProxyType;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.jboss.logging.Logger;

/**
 * The one HTTP client of the process for the vendors' APIs: Vert.x core's client (what Vert.x's web client and the
 * Quarkus REST client are built on) with the proxy of {@code HTTPS_PROXY}/{@code NO_PROXY}, TLS checked against the
 * system's CA bundle read at startup, HTTP/1.1 keep-alive. Each request is held to the caller's deadline as a whole
 * (connect, send, answer: the request is reset when it passes, so a vendor that trickles its answer is cut off too) and
 * its answer to {@code max-answer-size} (reset as soon as it is passed). What fails is a
 * {@link AttemptFailure.VendorFailure} naming the kind of failure, never the vendor's content.
 */
public final class UpstreamHttp implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(UpstreamHttp.class);

    /** The system CA bundles of the usual distributions (Debian/Ubuntu/Alpine, RHEL/UBI/Fedora, SUSE, others). */
    static final List<Path> SYSTEM_BUNDLES = List.of(
            Path.of("/etc/ssl/certs/ca-certificates.crt"),
            Path.of("/etc/pki/tls/certs/ca-bundle.crt"),
            Path.of("/etc/ssl/ca-bundle.pem"),
            Path.of("/etc/ssl/cert.pem"),
            Path.of("/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem"));

    private final Vertx vertx;
    private final HttpClient client;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final int maxAnswerBytes;

    public UpstreamHttp(Vertx vertx, UpstreamSettings settings, Map<String, String> environment) {
        this.vertx = vertx;
        this.connectTimeout = settings.connectTimeout();
        this.readTimeout = settings.readTimeout();
        this.maxAnswerBytes =
                (int) Math.min(Integer.MAX_VALUE, settings.maxAnswerSize().asLongValue());
        this.client = vertx.createHttpClient(options(settings, environment));
    }

    /** The client's options: HTTP/1.1, TLS with host verification against the trust store, the proxy. */
    static HttpClientOptions options(UpstreamSettings settings, Map<String, String> environment) {
        HttpClientOptions options = new HttpClientOptions()
                .setProtocolVersion(HttpVersion.HTTP_1_1)
                .setKeepAlive(true)
                .setMaxPoolSize(20)
                .setVerifyHost(true)
                .setDecompressionSupported(false)
                .setConnectTimeout((int) settings.connectTimeout().toMillis());
        trustStore(settings, environment)
                .ifPresent(bundle -> options.setTrustOptions(new PemTrustOptions().addCertPath(bundle.toString())));
        Optional<String> proxy =
                settings.httpsProxy().or(() -> env(environment, "HTTPS_PROXY")).filter(p -> !p.isBlank());
        List<String> noProxy = settings.noProxy()
                .or(() -> env(environment, "NO_PROXY").map(v -> List.of(v.split(","))))
                .orElse(List.of());
        if (proxy.isPresent() && !noProxy.stream().map(String::strip).anyMatch("*"::equals)) {
            options.setProxyOptions(proxyOptions(proxy.get()));
            options.setNonProxyHosts(nonProxyHosts(noProxy));
        }
        return options;
    }

    /** The trust store that checks the vendors' certificates, or empty for the JDK's own. */
    static Optional<Path> trustStore(UpstreamSettings settings, Map<String, String> environment) {
        if (settings.trustStore().isPresent()) {
            Path configured = settings.trustStore().get();
            if (!Files.isReadable(configured)) {
                throw new IllegalArgumentException(
                        "chat-token.upstream.trust-store " + configured + " is not a readable file");
            }
            return Optional.of(configured);
        }
        Optional<Path> found = Optional.ofNullable(environment.get("SSL_CERT_FILE"))
                .filter(v -> !v.isBlank())
                .map(Path::of)
                .filter(Files::isReadable)
                .or(() -> SYSTEM_BUNDLES.stream().filter(Files::isReadable).findFirst());
        if (found.isEmpty()) {
            LOG.warn(
                    "no system CA bundle found (SSL_CERT_FILE, /etc/ssl/certs/ca-certificates.crt, ...): the vendors' "
                            + "certificates are checked against the JDK's own trust store; set chat-token.upstream.trust-store");
        }
        return found;
    }

    /** {@code http://[user:password@]host[:port]}; the password is never logged. */
    static ProxyOptions proxyOptions(String url) {
        try {
            URI uri = new URI(url.strip());
            if (uri.getHost() == null
                    || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
                throw new IllegalArgumentException(
                        "the HTTPS proxy must be http://host:port (got a URL without host or of another scheme)");
            }
            ProxyOptions proxy = new ProxyOptions()
                    .setType(ProxyType.HTTP)
                    .setHost(uri.getHost())
                    .setPort(uri.getPort() > 0 ? uri.getPort() : 80);
            if (uri.getRawUserInfo() != null) {
                String[] user = uri.getRawUserInfo().split(":", 2);
                proxy.setUsername(URLDecoder.decode(user[0], StandardCharsets.UTF_8));
                if (user.length == 2) {
                    proxy.setPassword(URLDecoder.decode(user[1], StandardCharsets.UTF_8));
                }
            }
            return proxy;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the HTTPS proxy is not a URL", e);
        }
    }

    /**
     * {@code NO_PROXY} as Vert.x's patterns: a name stands for itself and its subdomains ({@code example.com} and a
     * leading-dot {@code .example.com} alike, as curl reads them); a port after a name is dropped.
     */
    static List<String> nonProxyHosts(List<String> noProxy) {
        List<String> hosts = new ArrayList<>();
        for (String entry : noProxy) {
            String host = entry.strip().toLowerCase(Locale.ROOT);
            if (host.startsWith("*.")) {
                host = host.substring(1);
            }
            if (host.startsWith(".")) {
                host = host.substring(1);
            }
            if (host.matches(".*:\\d+") && !host.startsWith("[")) {
                host = host.substring(0, host.lastIndexOf(':'));
            }
            if (!host.isEmpty()) {
                hosts.add(host);
                hosts.add("*." + host);
            }
        }
        return hosts;
    }

    private static Optional<String> env(Map<String, String> environment, String name) {
        return Optional.ofNullable(environment.get(name))
                .or(() -> Optional.ofNullable(environment.get(name.toLowerCase(Locale.ROOT))));
    }

    /** Sends {@code request} to {@code baseUrl} and reads the whole answer, within {@code deadline}. */
    public Future<VendorAnswer> send(URI baseUrl, VendorRequest request, Deadline deadline) {
        Duration total = deadline.cap(readTimeout);
        if (total.isZero()) {
            return Future.failedFuture(
                    new AttemptFailure.VendorFailure("timeout", "no time was left to call the vendor", false));
        }
        RequestOptions options = new RequestOptions()
                .setMethod(request.method())
                .setAbsoluteURI(baseUrl.toString().replaceFirst("/+$", "") + request.path())
                .setConnectTimeout(deadline.cap(connectTimeout).toMillis())
                .setIdleTimeout(total.toMillis())
                .setFollowRedirects(false)
                .addHeader("accept", "application/json");
        request.headers().forEach(options::addHeader);
        request.json().ifPresent(body -> options.addHeader("content-type", "application/json"));
        return client.request(options)
                .compose(sent -> {
                    long timer = vertx.setTimer(
                            Math.max(1, total.toMillis()), id -> sent.reset(0, new TimeoutException("deadline")));
                    Future<HttpClientResponse> response = request.json().isPresent()
                            ? sent.send(Buffer.buffer(request.json().get()))
                            : sent.send();
                    return response.compose(r -> read(sent, r)).onComplete(done -> vertx.cancelTimer(timer));
                })
                .recover(failure ->
                        Future.failedFuture(failure instanceof AttemptFailure ? failure : classify(failure)));
    }

    /** The whole answer, or a reset of the request as soon as it is larger than allowed. */
    private Future<VendorAnswer> read(HttpClientRequest sent, HttpClientResponse response) {
        Map<String, String> headers = new HashMap<>();
        response.headers().forEach(h -> headers.putIfAbsent(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
        String length = headers.get("content-length");
        if (length != null
                && length.chars().allMatch(Character::isDigit)
                && length.length() < 19
                && Long.parseLong(length) > maxAnswerBytes) {
            sent.reset();
            return Future.failedFuture(oversized());
        }
        Promise<VendorAnswer> answer = Promise.promise();
        Buffer body = Buffer.buffer();
        response.handler(chunk -> {
            if (body.length() + chunk.length() > maxAnswerBytes) {
                if (answer.tryFail(oversized())) {
                    sent.reset();
                }
            } else {
                body.appendBuffer(chunk);
            }
        });
        response.exceptionHandler(answer::tryFail);
        response.endHandler(
                end -> answer.tryComplete(new VendorAnswer(response.statusCode(), headers, body.getBytes())));
        return answer.future();
    }

    private AttemptFailure oversized() {
        return new AttemptFailure.VendorFailure(
                "oversized", "the vendor's answer is larger than " + maxAnswerBytes + " bytes", false);
    }

    /** A transport failure by kind; its message is not passed on (it may name hosts of the proxy's network). */
    static AttemptFailure classify(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            if (root instanceof SSLException) {
                break;
            }
            root = root.getCause();
        }
        String name = root.getClass().getSimpleName();
        if (root instanceof TimeoutException || name.contains("Timeout")) {
            return new AttemptFailure.VendorFailure("timeout", "the vendor did not answer in time", true);
        }
        if (root instanceof SSLException || failure instanceof SSLException) {
            return new AttemptFailure.VendorFailure(
                    "tls", "the TLS handshake with the vendor failed (certificate not trusted?)", true);
        }
        if (root instanceof java.net.ConnectException || name.contains("Connect")) {
            return new AttemptFailure.VendorFailure("connect", "the vendor's API could not be reached", true);
        }
        if (root instanceof java.net.UnknownHostException || name.contains("Dns") || name.contains("UnknownHost")) {
            return new AttemptFailure.VendorFailure("connect", "the vendor's host name does not resolve", true);
        }
        return new AttemptFailure.VendorFailure(
                "reset", "the connection to the vendor broke before a whole answer", true);
    }

    @Override
    public void close() {
        client.close();
    }
}
