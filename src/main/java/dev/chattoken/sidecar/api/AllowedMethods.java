package dev.chattoken.sidecar.api;

import dev.chattoken.sidecar.config.ChatTokenConfig;
import dev.chattoken.sidecar.http.FilterOrder;
import dev.chattoken.sidecar.http.Problem;
import dev.chattoken.sidecar.http.ProblemType;
import dev.chattoken.sidecar.http.ProblemWriter;
import dev.chattoken.sidecar.injector.WebhookRoutes;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.vertx.http.ManagementInterface;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The methods each route of both listeners answers, said here once: {@code OPTIONS} lists them in {@code Allow}, any
 * other method is answered 405 with the same {@code Allow}. Left to themselves, the REST layer lists {@code HEAD} in
 * {@code OPTIONS} for a route that then answers it 405, and sends a 405 without {@code Allow}; the framework's health,
 * metrics and OpenAPI handlers answer every method as {@code GET}. A route that reads answers {@code GET} and
 * {@code HEAD} (the REST layer and those handlers answer {@code HEAD} wherever they answer {@code GET}). A path that is
 * no route here goes on to the router as it is (404).
 */
@ApplicationScoped
public class AllowedMethods {

    /**
     * A route: its path, where {@code *} stands for one segment (a profile, a health group) and a final {@code **} for
     * any rest, and the methods it answers besides {@code OPTIONS}.
     */
    record Route(String path, List<HttpMethod> methods, String allow) {
        static Route reads(String path) {
            return new Route(path, List.of(HttpMethod.GET, HttpMethod.HEAD), "GET, HEAD, OPTIONS");
        }

        static Route takes(String path) {
            return new Route(path, List.of(HttpMethod.POST), "POST, OPTIONS");
        }
    }

    private final ProblemWriter problems;
    private final List<Route> api;
    private final List<Route> management;

    public AllowedMethods(ProblemWriter problems, ChatTokenConfig config, Config settings) {
        this.problems = problems;
        List<Route> api = new ArrayList<>(List.of(
                Route.takes("/v1/tokens/*"),
                Route.takes("/v1/verify/*"),
                Route.reads("/v1/profiles"),
                Route.reads("/v1/profiles/*/jwks.json"),
                Route.reads("/v1/profiles/*/public-key.pem"),
                Route.reads("/q/openapi"),
                Route.reads("/q/openapi.json"),
                Route.reads("/q/openapi.yaml"),
                Route.reads("/q/openapi.yml")));
        FrameworkUis.of(settings, LaunchMode.current()).swaggerUi().ifPresent(ui -> {
            api.add(Route.reads(ui));
            api.add(Route.reads(ui + "/**"));
        });
        List<Route> management = new ArrayList<>(List.of(
                Route.reads("/q/health"),
                Route.reads("/q/health/*"),
                Route.reads("/q/health/group/*"),
                Route.reads("/q/metrics"),
                Route.reads("/q/metrics/**")));
        if (config.role() == ChatTokenConfig.Role.INJECTOR) {
            management.add(Route.takes(WebhookRoutes.INJECT));
            management.add(Route.takes(WebhookRoutes.VALIDATE));
        }
        this.api = List.copyOf(api);
        this.management = List.copyOf(management);
    }

    void register(@Observes Filters filters) {
        filters.register(rc -> check(rc, api), FilterOrder.METHODS.priority());
    }

    /** The management interface has no {@link Filters}: the handler goes on its router, after the deadline's. */
    void registerOnManagement(@Observes ManagementInterface interfaces) {
        interfaces.router().route().order(Integer.MIN_VALUE + 1).handler(rc -> check(rc, management));
    }

    private void check(RoutingContext rc, List<Route> routes) {
        Optional<Route> route = route(rc.normalizedPath(), routes);
        if (route.isEmpty() || route.get().methods().contains(rc.request().method())) {
            rc.next();
            return;
        }
        rc.response().putHeader(HttpHeaders.ALLOW, route.get().allow());
        if (rc.request().method() == HttpMethod.OPTIONS) {
            rc.response().setStatusCode(200).end();
            return;
        }
        problems.send(
                rc,
                Problem.of(
                        ProblemType.METHOD_NOT_ALLOWED,
                        isPlain(rc.request().method().name())
                                ? "this resource answers " + route.get().allow() + ", not "
                                        + rc.request().method().name()
                                : "this resource answers " + route.get().allow()));
    }

    /** A method name that may stand in a detail as it is: a few capital letters (the client chose it). */
    private static boolean isPlain(String method) {
        return method.length() <= 16 && method.chars().allMatch(c -> c >= 'A' && c <= 'Z');
    }

    static Optional<Route> route(String path, List<Route> routes) {
        if (path == null) {
            return Optional.empty();
        }
        for (Route route : routes) {
            if (matches(route.path(), path)) {
                return Optional.of(route);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether {@code path} is one of {@code pattern}'s paths: {@code *} one non-empty segment, a final {@code **} any
     * rest.
     */
    static boolean matches(String pattern, String path) {
        int p = 0;
        int i = 0;
        while (p < pattern.length()) {
            if (pattern.startsWith("**", p) && p + 2 == pattern.length()) {
                return true;
            }
            char c = pattern.charAt(p++);
            if (c == '*') {
                int start = i;
                while (i < path.length() && path.charAt(i) != '/') {
                    i++;
                }
                if (i == start) {
                    return false;
                }
            } else if (i >= path.length() || path.charAt(i++) != c) {
                return false;
            }
        }
        return i == path.length();
    }
}
