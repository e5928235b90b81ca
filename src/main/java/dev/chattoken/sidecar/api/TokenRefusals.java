package dev.chattoken.sidecar.api;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chattoken.sidecar.metrics.SidecarMetrics;
import dev.chattoken.sidecar.profile.ProfileRegistry;

/**
 * Counts refused token requests by profile and problem type ({@code chat_token_tokens_refused_total}),
 * whichever layer refused them: JSON parsing, a vendor rule, an unknown profile ({@link ProblemMappers}), the body
 * limit ({@link BodyLimit}).
 */
@ApplicationScoped
public class TokenRefusals {

    private static final String TOKENS_PATH = "/v1/tokens/";

    private final SidecarMetrics metrics;
    private final ProfileRegistry profiles;

    public TokenRefusals(SidecarMetrics metrics, ProfileRegistry profiles) {
        this.metrics = metrics;
        this.profiles = profiles;
    }

    /** @param path the request path, e.g. {@code /v1/tokens/kindly-prod} */
    void count(String path, Problem problem) {
        if (!path.startsWith(TOKENS_PATH)) {
            return;
        }
        String name = path.substring(TOKENS_PATH.length());
        String profile = profiles.find(name).isPresent() ? name : SidecarMetrics.UNKNOWN_PROFILE;
        metrics.refused(profile, problem.type().substring(ProblemType.URI_PREFIX.length()));
    }
}
