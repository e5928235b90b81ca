package dev.chattoken.sidecar.caller;

import java.util.List;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chattoken.sidecar.api.Problem;
import dev.chattoken.sidecar.api.ProblemType;
import dev.chattoken.sidecar.keys.SecretFileWatcher;
import dev.chattoken.sidecar.profile.ChatTokenConfig;
import dev.chattoken.sidecar.profile.ProfileStartupException;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;

/**
 * Optional caller authentication (`chat-token.caller-token-file`): whoever can call the token API can
 * impersonate any user to the vendor, so a pod may require its app to present a shared token. It travels in
 * {@value #HEADER}, not in {@code Authorization}, which {@code /v1/verify} uses for the JWT being checked.
 * Checked before anything else on {@code /v1/*}; the management interface is not affected.
 */
@ApplicationScoped
public class CallerAuthentication {

    public static final String HEADER = "X-Chat-Token-Caller";

    private static final Logger LOG = Logger.getLogger(CallerAuthentication.class);

    private final Optional<CallerToken> token;
    private final Optional<SecretFileWatcher> watcher;
    private final String problemBody;

    public CallerAuthentication(ChatTokenConfig config, ObjectMapper mapper) throws JsonProcessingException {
        this.token = config.callerTokenFile().map(file -> {
            try {
                return CallerToken.load(file);
            } catch (IllegalArgumentException e) {
                throw new ProfileStartupException(List.of("chat-token.caller-token-file " + file + " " + e.getMessage()));
            }
        });
        this.watcher = token.map(t -> new SecretFileWatcher(List.of(t), config.reloadInterval()));
        watcher.ifPresent(SecretFileWatcher::start);
        token.ifPresent(t -> LOG.infof("token API requests must carry the caller token of %s in %s", t.file(), HEADER));
        this.problemBody = mapper.writeValueAsString(Problem.of(ProblemType.CALLER_UNAUTHENTICATED,
                "send the pod's caller token in the " + HEADER + " header"));
    }

    /** Runs before the body limit and the API: an unauthenticated request is refused before its body is read. */
    void register(@Observes Filters filters) {
        token.ifPresent(expected -> filters.register(rc -> {
            if (rc.normalizedPath().startsWith("/v1/") && !expected.matches(rc.request().getHeader(HEADER))) {
                rc.response().setStatusCode(401)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .end(problemBody);
                return;
            }
            rc.next();
        }, 2000));
    }

    @PreDestroy
    void stop() {
        watcher.ifPresent(SecretFileWatcher::close);
    }
}
