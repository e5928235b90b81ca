package dev.chattoken.sidecar.config;

import io.quarkus.runtime.configuration.ConfigurationException;
import java.util.List;

/**
 * Startup refused: one line per configured thing that cannot be used (an active profile, the caller token file, the
 * audit key file). As a {@link ConfigurationException}, Quarkus prints just these lines and exits with status 1,
 * without a stack trace that would bury them.
 */
public final class StartupException extends ConfigurationException {

    private final List<String> failures;

    public StartupException(List<String> failures) {
        super(String.join(System.lineSeparator(), failures));
        this.failures = List.copyOf(failures);
    }

    public List<String> failures() {
        return failures;
    }
}
