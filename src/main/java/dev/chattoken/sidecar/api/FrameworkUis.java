package dev.chattoken.sidecar.api;

import io.quarkus.runtime.LaunchMode;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The framework's browser UIs on the token listener, where the framework serves them: Swagger UI in dev and test mode,
 * Dev UI in dev mode (this build sets no {@code quarkus.swagger-ui.always-include}, so a packaged sidecar has neither).
 * Each is a directory: its bare path redirects to the path with a trailing slash, which {@link CanonicalPath} lets
 * through for them alone. Swagger UI is static files, read with GET ({@link AllowedMethods}); Dev UI, a tool of dev
 * mode with a WebSocket and pages of every extension, keeps the methods the framework gives it.
 */
record FrameworkUis(Optional<String> swaggerUi, Optional<String> devUi) {

    static FrameworkUis of(Config config, LaunchMode mode) {
        String root = nonApplicationRoot(config);
        return new FrameworkUis(
                Optional.of(root + "swagger-ui").filter(ui -> mode.isDevOrTest()),
                Optional.of(root + "dev-ui").filter(ui -> mode == LaunchMode.DEVELOPMENT));
    }

    /** Whether {@code path} is a UI's directory, e.g. {@code /q/swagger-ui/}. */
    boolean isDirectory(String path) {
        if (!path.endsWith("/")) {
            return false;
        }
        Optional<String> ui = Optional.of(path.substring(0, path.length() - 1));
        return ui.equals(swaggerUi) || ui.equals(devUi);
    }

    /**
     * The framework's non-application root with a trailing slash ({@code /q/}), resolved as the framework resolves it:
     * relative to the HTTP root path unless absolute.
     */
    private static String nonApplicationRoot(Config config) {
        String root =
                config.getOptionalValue("quarkus.http.root-path", String.class).orElse("/");
        String nonApplication = config.getOptionalValue("quarkus.http.non-application-root-path", String.class)
                .orElse("q");
        String resolved = nonApplication.startsWith("/")
                ? nonApplication
                : (root.endsWith("/") ? root : root + "/") + nonApplication;
        return resolved.endsWith("/") ? resolved : resolved + "/";
    }
}
