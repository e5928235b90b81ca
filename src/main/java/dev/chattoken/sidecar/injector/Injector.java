package dev.chattoken.sidecar.injector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chattoken.sidecar.config.ChatTokenConfig;
import dev.chattoken.sidecar.vendors.Vendors;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * The injector role: the two webhooks' logic over the API server, and the server's version, read at startup and again
 * every {@code chat-token.injector.version-refresh} (a cluster may be upgraded under a running injector). Created only
 * in that role, by {@link WebhookRoutes}.
 */
@ApplicationScoped
public class Injector {

    private static final Logger LOG = Logger.getLogger(Injector.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** How soon a failed read of the version is tried again. */
    private static final long RETRY_SECONDS = 2;

    private final KubernetesApi api;
    private final PodInjection pods;
    private final ProfileSpecs specs;
    private final AtomicReference<Optional<KubernetesVersion>> version = new AtomicReference<>(Optional.empty());
    private final AtomicReference<String> versionProblem = new AtomicReference<>("not read yet");
    private final ScheduledExecutorService refresh;
    private final long refreshSeconds;

    public Injector(ChatTokenConfig config, Vendors vendors) {
        ChatTokenConfig.Injector injector = config.injector();
        this.api = new KubernetesApi(
                KubernetesApi.server(injector.kubernetes().url()),
                injector.kubernetes().caFile(),
                injector.kubernetes().tokenFile(),
                injector.kubernetes().timeout());
        this.specs = new ProfileSpecs(vendors);
        this.pods = new PodInjection(sidecarValues(injector), specs, api, injector.namespace());
        this.refreshSeconds = Math.max(1, injector.versionRefresh().toSeconds());
        this.refresh = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("chat-token-version").factory());
        refresh.execute(this::readVersion);
    }

    private static ObjectNode sidecarValues(ChatTokenConfig.Injector injector) {
        var file = injector.sidecarValuesFile()
                .orElseThrow(
                        () -> new IllegalStateException(
                                "chat-token.injector.sidecar-values-file is not set: the injector needs the sidecar's values (its chart renders them)"));
        try {
            JsonNode values = MAPPER.readTree(Files.readAllBytes(file));
            if (values == null || !values.isObject()) {
                throw new IllegalStateException(file + " is not a JSON object of the sidecar chart's values");
            }
            return (ObjectNode) values;
        } catch (IOException e) {
            throw new IllegalStateException("the sidecar's values " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    private void readVersion() {
        try {
            readVersionNow();
            refresh.schedule(this::readVersion, refreshSeconds, TimeUnit.SECONDS);
        } catch (IOException | RuntimeException e) {
            LOG.warnf("the API server's version could not be read (again in %d s): %s", RETRY_SECONDS, e.getMessage());
            refresh.schedule(
                    this::readVersion, version.get().isPresent() ? refreshSeconds : RETRY_SECONDS, TimeUnit.SECONDS);
        }
    }

    private KubernetesVersion readVersionNow() throws IOException {
        try {
            KubernetesVersion read = api.version();
            if (!version.getAndSet(Optional.of(read)).equals(Optional.of(read))) {
                LOG.infof(
                        "API server %s: %s sidecars",
                        read, read.atLeast(1, 29) ? "native (init container, restartPolicy Always)" : "classic");
            }
            versionProblem.set("");
            return read;
        } catch (IOException | RuntimeException e) {
            versionProblem.set(e.getMessage());
            throw e;
        }
    }

    /** The API server's version, once read; the webhook is not ready before. */
    public Optional<KubernetesVersion> version() {
        return version.get();
    }

    /** Why the version is not known, for the readiness check. */
    public String versionProblem() {
        return versionProblem.get();
    }

    /**
     * @throws IOException when the API server could not be asked; the webhook answers an error, failurePolicy decides
     */
    public PodInjection.Decision decide(AdmissionReviews.Request request) throws IOException {
        // known once the first read succeeded; a review that comes before (readiness keeps the Service from sending
        // one) reads it itself
        KubernetesVersion known = version.get().isPresent() ? version.get().get() : readVersionNow();
        return pods.decide(request.object(), request.namespace(), known);
    }

    /** The problems of a ChatTokenProfile, each naming its field; empty when it is valid. */
    public List<String> validate(AdmissionReviews.Request request) {
        String name = request.object().path("metadata").path("name").asText(request.name());
        return specs.problems(name, request.object().get("spec"));
    }

    @PreDestroy
    void stop() {
        refresh.shutdownNow();
    }
}
