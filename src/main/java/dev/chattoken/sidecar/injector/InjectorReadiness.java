package dev.chattoken.sidecar.injector;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * The injector role's readiness ({@code injector}): the API server's version is known (it decides native or classic
 * sidecars), so that the webhook can answer; until then the Service sends it no review. Registered by
 * {@link WebhookRoutes} in that role only, so that a sidecar's readiness never shows it.
 */
final class InjectorReadiness implements HealthCheck {

    private final Injector injector;

    InjectorReadiness(Injector injector) {
        this.injector = injector;
    }

    @Override
    public HealthCheckResponse call() {
        return injector.version()
                .map(v -> HealthCheckResponse.named("injector")
                        .up()
                        .withData("kubernetes", v.toString())
                        .build())
                .orElseGet(() -> HealthCheckResponse.named("injector")
                        .down()
                        .withData("kubernetes", injector.versionProblem())
                        .build());
    }
}
