package dev.chattoken.sidecar.api;

import dev.chattoken.sidecar.http.FilterOrder;
import dev.chattoken.sidecar.http.Problem;
import dev.chattoken.sidecar.http.ProblemType;
import dev.chattoken.sidecar.http.ProblemWriter;
import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;

/**
 * Only canonical paths reach the router: segments of unreserved characters ({@code A-Z a-z 0-9 - . _ ~}), no empty,
 * {@code .} or {@code ..} segment, no {@code ;} (matrix parameters), no backslash and no percent-encoding. Vert.x and
 * RESTEasy read a path like {@code /v1;x=y/tokens/p} or {@code /v1/tokens%2Fp} differently (one keeps what the other
 * strips or decodes), so anything that would be read two ways is refused rather than interpreted. Every route and
 * profile name of the API is canonical; the rule is on the raw request line, before any decoding.
 */
@ApplicationScoped
public class CanonicalPath {

    private final ProblemWriter problems;

    public CanonicalPath(ProblemWriter problems) {
        this.problems = problems;
    }

    void register(@Observes Filters filters) {
        filters.register(
                rc -> {
                    Optional<String> problem = problem(rc.request().path());
                    if (problem.isPresent()) {
                        problems.send(rc, Problem.of(ProblemType.INVALID_PATH, problem.get()));
                        return;
                    }
                    rc.next();
                },
                FilterOrder.CANONICAL_PATH.priority());
    }

    /** Why {@code rawPath} (the request line's path, undecoded) is not canonical; empty when it is. */
    static Optional<String> problem(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/")) {
            return Optional.of("the path must start with /");
        }
        if (rawPath.equals("/")) {
            return Optional.empty();
        }
        // one pass over the characters, segment by segment (no split: this runs for every request)
        int start = 1;
        for (int i = 1; i <= rawPath.length(); i++) {
            char c = i < rawPath.length() ? rawPath.charAt(i) : '/';
            if (c != '/') {
                if (c == ';') {
                    return Optional.of("the path has a ; (matrix parameters are not accepted)");
                }
                if (c == '%') {
                    return Optional.of("the path has percent-encoded characters");
                }
                if (!isUnreserved(c)) {
                    return Optional.of("the path has a character outside A-Z a-z 0-9 - . _ ~");
                }
                continue;
            }
            int length = i - start;
            if (length == 0) {
                return Optional.of("the path has an empty segment (// or a trailing /)");
            }
            if (rawPath.charAt(start) == '.' && (length == 1 || length == 2 && rawPath.charAt(start + 1) == '.')) {
                return Optional.of("the path has a . or .. segment");
            }
            start = i + 1;
        }
        return Optional.empty();
    }

    /** RFC 3986 unreserved characters: the ones that mean the same encoded or not. */
    private static boolean isUnreserved(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '.'
                || c == '_'
                || c == '~';
    }
}
