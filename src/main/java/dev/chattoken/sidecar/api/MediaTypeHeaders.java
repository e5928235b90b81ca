package dev.chattoken.sidecar.api;

import dev.chattoken.sidecar.http.FilterOrder;
import dev.chattoken.sidecar.http.Problem;
import dev.chattoken.sidecar.http.ProblemType;
import dev.chattoken.sidecar.http.ProblemWriter;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code Content-Type} and {@code Accept} must be well-formed (RFC 9110 sections 8.3 and 12.5.1) before the REST layer
 * reads them: its media type parser throws on {@code /}, {@code application/} or {@code a/b/c}, which would otherwise
 * end as a 500. A malformed one is answered 400 {@code invalid-header}; a well-formed type the endpoint does not take
 * is still the REST layer's 415.
 */
@ApplicationScoped
public class MediaTypeHeaders {

    private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
    private static final String QUOTED = "\"(?:[\\t \\x21\\x23-\\x5B\\x5D-\\x7E]|\\\\[\\t \\x21-\\x7E])*\"";
    private static final String PARAMETERS = "(?:[ \\t]*;[ \\t]*(?:" + TOKEN + "=(?:" + TOKEN + "|" + QUOTED + "))?)*";
    private static final Pattern MEDIA_TYPE = Pattern.compile(TOKEN + "/" + TOKEN + PARAMETERS);
    /** One element of Accept: a media range; its {@code q} is checked apart. */
    private static final Pattern MEDIA_RANGE = MEDIA_TYPE;

    private static final Pattern Q = Pattern.compile("(?i).*;[ \\t]*q=([^;]*)");
    private static final Pattern QVALUE = Pattern.compile("0(\\.[0-9]{0,3})?|1(\\.0{0,3})?");

    private final ProblemWriter problems;

    public MediaTypeHeaders(ProblemWriter problems) {
        this.problems = problems;
    }

    void register(@Observes Filters filters) {
        filters.register(
                rc -> {
                    Optional<String> problem = problem(
                            rc.request().headers().getAll(HttpHeaders.CONTENT_TYPE),
                            rc.request().headers().getAll(HttpHeaders.ACCEPT));
                    if (problem.isPresent()) {
                        problems.send(rc, Problem.of(ProblemType.INVALID_HEADER, problem.get()));
                        return;
                    }
                    rc.next();
                },
                FilterOrder.MEDIA_TYPE_HEADERS.priority());
    }

    static Optional<String> problem(java.util.List<String> contentTypes, java.util.List<String> accepts) {
        if (isCommon(contentTypes, "application/json")
                && (accepts.isEmpty() || isCommon(accepts, "*/*") || isCommon(accepts, "application/json"))) {
            return Optional.empty(); // what nearly every request sends: no pattern needs to look at it
        }
        if (contentTypes.size() > 1) {
            return Optional.of("Content-Type is given more than once");
        }
        if (contentTypes.size() == 1
                && !MEDIA_TYPE.matcher(contentTypes.get(0).strip()).matches()) {
            return Optional.of("Content-Type is not a media type (type/subtype, then ;name=value parameters)");
        }
        for (String accept : accepts) {
            for (String range : accept.split(",", -1)) {
                String element = range.strip();
                if (element.isEmpty()) {
                    continue; // RFC 9110 5.6.1: empty list elements are ignored
                }
                if (!MEDIA_RANGE.matcher(element).matches() || !validQ(element)) {
                    return Optional.of("Accept holds an element that is not a media range with a valid q: accept "
                            + "application/json or application/problem+json");
                }
            }
        }
        return Optional.empty();
    }

    /** At most one header, and that one exactly {@code value} (no parameters, any case): well-formed as it is. */
    private static boolean isCommon(java.util.List<String> headers, String value) {
        return headers.isEmpty() || headers.size() == 1 && headers.get(0).equalsIgnoreCase(value);
    }

    private static boolean validQ(String range) {
        var q = Q.matcher(range);
        return !q.matches() || QVALUE.matcher(q.group(1).strip()).matches();
    }
}
