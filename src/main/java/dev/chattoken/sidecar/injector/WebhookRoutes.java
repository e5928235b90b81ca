package dev.chattoken.sidecar.injector;

import dev.chattoken.sidecar.config.ChatTokenConfig;
import io.quarkus.vertx.http.ManagementInterface;
import io.smallrye.health.api.HealthRegistry;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * The admission webhooks, on the management interface and only in the injector role: they never exist on the sidecar's
 * token listener, nor on a sidecar's management port (the routes are added here or not at all). In that role the
 * management interface is HTTPS (the API server calls webhooks over TLS only) and there is no token listener
 * ({@code config/RoleDefaults}).
 *
 * <ul>
 *   <li>{@code POST /webhook/inject}: pods at creation; the MutatingWebhookConfiguration calls it
 *   <li>{@code POST /webhook/validate-profile}: ChatTokenProfiles at creation and update
 * </ul>
 *
 * The work runs on a worker thread: it waits for the API server.
 */
@Singleton
public class WebhookRoutes {

    public static final String INJECT = "/webhook/inject";
    public static final String VALIDATE = "/webhook/validate-profile";

    private static final Logger LOG = Logger.getLogger(WebhookRoutes.class);
    /** A whole pod in JSON, with room: the API server's own limit for an object is about 1.5 MB. */
    private static final long BODY_LIMIT = 3L * 1024 * 1024;

    void routes(
            @Observes ManagementInterface management,
            ChatTokenConfig config,
            Injector injector,
            InjectorMetrics metrics,
            @Readiness HealthRegistry readiness) {
        if (config.role() != ChatTokenConfig.Role.INJECTOR) {
            return;
        }
        if (!config.injector().sidecarValuesFile().isPresent()) {
            throw new IllegalStateException("chat-token.injector.sidecar-values-file is not set");
        }
        management
                .router()
                .post(INJECT)
                .handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT))
                .blockingHandler(ctx -> inject(ctx, injector, metrics), false);
        management
                .router()
                .post(VALIDATE)
                .handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT))
                .blockingHandler(ctx -> validate(ctx, injector, metrics), false);
        readiness.register("injector", new InjectorReadiness(injector));
        LOG.infof("injector: admission webhooks %s and %s on the management interface", INJECT, VALIDATE);
    }

    private static void inject(RoutingContext ctx, Injector injector, InjectorMetrics metrics) {
        long start = System.nanoTime();
        AdmissionReviews.Request request = read(ctx, "inject", metrics, start);
        if (request == null) {
            return;
        }
        InjectorMetrics.Outcome outcome;
        byte[] answer;
        try {
            PodInjection.Decision decision = injector.decide(request);
            switch (decision) {
                case PodInjection.Decision.Skip skip -> {
                    outcome = InjectorMetrics.Outcome.SKIPPED;
                    answer = AdmissionReviews.allowed(request.uid());
                    LOG.debugf("pod in %s left alone: %s", request.namespace(), skip.reason());
                }
                case PodInjection.Decision.Refuse refuse -> {
                    outcome = InjectorMetrics.Outcome.REFUSED;
                    answer = AdmissionReviews.refused(request.uid(), refuse.message());
                    LOG.infof("pod in %s refused: %s", request.namespace(), refuse.message());
                }
                case PodInjection.Decision.Inject inject -> {
                    outcome = InjectorMetrics.Outcome.INJECTED;
                    answer = AdmissionReviews.patched(request.uid(), inject.patch());
                    LOG.debugf(
                            "pod in %s: sidecar injected (%s, profiles %s)",
                            request.namespace(), inject.nativeSidecar() ? "native" : "classic", inject.profiles());
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not an answer on the pod: the API server applies the webhook's failurePolicy (Ignore: created without
            // the sidecar; Fail: refused)
            LOG.warnf("pod in %s: no decision: %s", request.namespace(), e.getMessage());
            metrics.admission("inject", InjectorMetrics.Outcome.ERROR, Duration.ofNanos(System.nanoTime() - start));
            problem(ctx, 503, "injector-unavailable", e.getMessage());
            return;
        }
        metrics.admission("inject", outcome, Duration.ofNanos(System.nanoTime() - start));
        json(ctx, answer);
    }

    private static void validate(RoutingContext ctx, Injector injector, InjectorMetrics metrics) {
        long start = System.nanoTime();
        AdmissionReviews.Request request = read(ctx, "validate", metrics, start);
        if (request == null) {
            return;
        }
        try {
            List<String> problems = injector.validate(request);
            InjectorMetrics.Outcome outcome =
                    problems.isEmpty() ? InjectorMetrics.Outcome.ALLOWED : InjectorMetrics.Outcome.REFUSED;
            metrics.admission("validate", outcome, Duration.ofNanos(System.nanoTime() - start));
            json(
                    ctx,
                    problems.isEmpty()
                            ? AdmissionReviews.allowed(request.uid())
                            : AdmissionReviews.refused(
                                    request.uid(),
                                    "ChatTokenProfile " + request.namespace() + "/"
                                            + request.object()
                                                    .path("metadata")
                                                    .path("name")
                                                    .asText(request.name()) + ": " + String.join("; ", problems)));
        } catch (RuntimeException e) {
            LOG.warnf("ChatTokenProfile in %s: no decision: %s", request.namespace(), e.getMessage());
            metrics.admission("validate", InjectorMetrics.Outcome.ERROR, Duration.ofNanos(System.nanoTime() - start));
            problem(ctx, 500, "injector-error", "the profile could not be checked");
        }
    }

    /** The review in the body; or null, when it is not one and a 400 problem has been answered. */
    private static AdmissionReviews.Request read(
            RoutingContext ctx, String webhook, InjectorMetrics metrics, long start) {
        try {
            return AdmissionReviews.read(
                    ctx.body().buffer() == null
                            ? new byte[0]
                            : ctx.body().buffer().getBytes());
        } catch (AdmissionReviews.MalformedReviewException e) {
            metrics.admission(webhook, InjectorMetrics.Outcome.ERROR, Duration.ofNanos(System.nanoTime() - start));
            problem(ctx, 400, "invalid-admission-review", e.getMessage());
            return null;
        }
    }

    private static void json(RoutingContext ctx, byte[] body) {
        ctx.response().putHeader("Content-Type", "application/json").end(Buffer.buffer(body));
    }

    private static void problem(RoutingContext ctx, int status, String type, String detail) {
        var problem = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                .objectNode()
                .put("type", dev.chattoken.sidecar.http.ProblemType.URI_PREFIX + type)
                .put("status", status)
                .put("detail", detail);
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/problem+json")
                .end(problem.toString());
    }
}
