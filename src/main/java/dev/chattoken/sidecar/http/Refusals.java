package dev.chattoken.sidecar.http;

import dev.chattoken.sidecar.metrics.SidecarMetrics;
import dev.chattoken.sidecar.profile.ProfileRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Counts refused token requests by profile and problem type ({@code chat_token_tokens_refused_total}), whichever layer
 * refused them: a filter (the caller token, the path, the headers, the body limit, the deadline) or the REST layer
 * (JSON parsing, a vendor rule, an unknown profile). {@link ProblemWriter} is its only caller: every problem answer
 * passes there.
 */
@ApplicationScoped
public class Refusals {

    private static final String TOKENS_PATH = "/v1/tokens/";

    private final SidecarMetrics metrics;
    private final ProfileRegistry profiles;

    public Refusals(SidecarMetrics metrics, ProfileRegistry profiles) {
        this.metrics = metrics;
        this.profiles = profiles;
    }

    /** @param path the request path, e.g. {@code /v1/tokens/kindly-prod}; other paths are not token requests */
    void count(String path, Problem problem) {
        if (path == null) {
            return;
        }
        String normalized = "/" + path.replaceFirst("^/", "");
        if (!normalized.startsWith(TOKENS_PATH)) {
            return;
        }
        String name = normalized.substring(TOKENS_PATH.length());
        String profile = profiles.find(name).isPresent() ? name : SidecarMetrics.UNKNOWN_PROFILE;
        metrics.refused(profile, problem.type().substring(ProblemType.URI_PREFIX.length()));
    }
}
