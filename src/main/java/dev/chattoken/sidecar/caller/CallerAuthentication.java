package dev.chattoken.sidecar.caller;

import dev.chattoken.sidecar.config.ChatTokenConfig;
import dev.chattoken.sidecar.config.StartupException;
import dev.chattoken.sidecar.http.FilterOrder;
import dev.chattoken.sidecar.http.Problem;
import dev.chattoken.sidecar.http.ProblemType;
import dev.chattoken.sidecar.http.ProblemWriter;
import dev.chattoken.sidecar.keys.SecretFileWatcher;
import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Optional caller authentication (`chat-token.caller-token-file`): whoever can call the token API can impersonate any
 * user to the vendor, so a pod may require its app to present a shared token. It travels in {@value #HEADER}, not in
 * {@code Authorization}, which {@code /v1/verify} uses for the JWT being checked.
 *
 * <p>The check guards the whole token listener, not a set of paths: every request on it is checked, whatever its path,
 * method or spelling, before the path is looked at (a path prefix test is one a router that reads the path differently
 * could walk around). The management interface is another listener and is not affected.
 */
@ApplicationScoped
public class CallerAuthentication {

    public static final String HEADER = "X-Chat-Token-Caller";

    private static final Logger LOG = Logger.getLogger(CallerAuthentication.class);

    private final Optional<CallerToken> token;
    private static final Problem UNAUTHENTICATED =
            Problem.of(ProblemType.CALLER_UNAUTHENTICATED, "send the pod's caller token in the " + HEADER + " header");

    private final ProblemWriter problems;

    public CallerAuthentication(ChatTokenConfig config, ProblemWriter problems, SecretFileWatcher watcher) {
        this.problems = problems;
        this.token = config.callerTokenFile().map(file -> {
            try {
                return CallerToken.load(file);
            } catch (IllegalArgumentException e) {
                throw new StartupException(List.of("chat-token.caller-token-file " + file + " " + e.getMessage()));
            }
        });
        token.ifPresent(t -> {
            watcher.watch(t.file());
            LOG.infof(
                    "token API requests must carry the caller token of %s in %s",
                    t.file().file(), HEADER);
        });
    }

    /** Runs before the path check, the body limit and the API: nothing of an unauthenticated request is read. */
    void register(@Observes Filters filters) {
        token.ifPresent(expected -> filters.register(
                rc -> {
                    if (!expected.matches(rc.request().getHeader(HEADER))) {
                        problems.send(rc, UNAUTHENTICATED);
                        return;
                    }
                    rc.next();
                },
                FilterOrder.CALLER_AUTHENTICATION.priority()));
    }
}
