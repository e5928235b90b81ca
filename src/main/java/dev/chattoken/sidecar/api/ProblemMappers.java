package dev.chattoken.sidecar.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.chattoken.sidecar.http.Problem;
import dev.chattoken.sidecar.http.ProblemType;
import dev.chattoken.sidecar.http.ProblemWriter;
import dev.chattoken.sidecar.profile.UnknownProfileException;
import dev.chattoken.sidecar.token.InvalidTokenException;
import dev.chattoken.sidecar.upstream.UpstreamException;
import dev.chattoken.sidecar.vendors.InvalidRequestException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every failure of the REST layer becomes an {@code application/problem+json} answer, in one place: 4xx naming the
 * field for bad input, and for anything unexpected a 500 that says nothing about the internals (the log gets the
 * exception's class). What a failure is, is said apart: the sidecar's own refusals ({@link #problem}), a body Jackson
 * could not read ({@link JsonProblems}), the REST layer's HTTP refusals ({@link #http}).
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final int MAX_HEADER_IN_DETAIL = 100;

    private final ProblemWriter problems;

    public ProblemMappers(ProblemWriter problems) {
        this.problems = problems;
    }

    /** A problem answer, with the headers its status asks for. */
    record Answer(Problem problem, Map<String, String> headers) {
        static Answer of(Problem problem) {
            return new Answer(problem, Map.of());
        }
    }

    /**
     * Each type named here, so that this mapper is the most specific for it and wins over the REST layer's own mappers
     * (Jackson's in particular); {@code Throwable} for everything else.
     */
    @ServerExceptionMapper({
        ProblemException.class,
        InvalidRequestException.class,
        UnknownProfileException.class,
        InvalidTokenException.class,
        UpstreamException.class,
        UnrecognizedPropertyException.class,
        MismatchedInputException.class,
        JsonProcessingException.class,
        NotFoundException.class,
        NotAllowedException.class,
        NotSupportedException.class,
        NotAcceptableException.class,
        WebApplicationException.class,
        Throwable.class
    })
    public Response answer(Throwable e, UriInfo uri, HttpHeaders headers) {
        Answer answer = answer(e, Optional.ofNullable(headers.getHeaderString(HttpHeaders.CONTENT_TYPE)));
        return problems.response(uri.getPath(), answer.problem(), answer.headers());
    }

    /** @param contentType the request's, for a 415 to name */
    static Answer answer(Throwable e, Optional<String> contentType) {
        return switch (e) {
            case ProblemException refused -> Answer.of(refused.problem());
            case InvalidRequestException refused -> Answer.of(problem(refused));
            case UnknownProfileException unknown ->
                Answer.of(Problem.of(ProblemType.UNKNOWN_PROFILE, "profile", unknown.getMessage())
                        .withActiveProfiles(unknown.active()));
            case InvalidTokenException invalid ->
                new Answer(
                        Problem.of(ProblemType.INVALID_TOKEN, invalid.getMessage()),
                        Map.of(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\""));
            case UpstreamException upstream -> upstream(upstream);
            case JsonProcessingException json -> Answer.of(JsonProblems.of(json));
            case WebApplicationException http -> http(http, contentType);
            default -> Answer.of(unexpected(e));
        };
    }

    /** A request a vendor's rules refuse: its reason is the problem type. */
    static Problem problem(InvalidRequestException e) {
        ProblemType type = switch (e.reason()) {
            case MISSING_FIELD -> ProblemType.MISSING_FIELD;
            case INVALID_FIELD -> ProblemType.INVALID_FIELD;
            case UNSUPPORTED_FIELD -> ProblemType.UNSUPPORTED_FIELD;
            case RESERVED_CLAIM -> ProblemType.RESERVED_CLAIM;
        };
        return Problem.of(type, e.field(), e.getMessage());
    }

    /**
     * A vendor's API gave no token: 503 or 429 in the sidecar's words (never the vendor's body), with
     * {@code Retry-After} where asking again later helps.
     */
    private static Answer upstream(UpstreamException e) {
        return switch (e) {
            case UpstreamException.Unavailable u ->
                retryAfter(Problem.of(ProblemType.UPSTREAM_UNAVAILABLE, u.getMessage()), u.retryAfter());
            case UpstreamException.RateLimited r ->
                retryAfter(Problem.of(ProblemType.UPSTREAM_RATE_LIMITED, r.getMessage()), r.retryAfter());
            case UpstreamException.Refused r -> Answer.of(Problem.of(ProblemType.UPSTREAM_REFUSED, r.getMessage()));
            case UpstreamException.UnknownUser u ->
                Answer.of(Problem.of(ProblemType.UNKNOWN_USER, u.field().orElse(""), u.getMessage()));
        };
    }

    /** {@code Retry-After} in whole seconds, at least one. */
    private static Answer retryAfter(Problem problem, java.time.Duration wait) {
        return new Answer(
                problem, Map.of(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, (wait.toMillis() + 999) / 1000))));
    }

    /** The REST layer's own refusals, by their HTTP status. */
    private static Answer http(WebApplicationException e, Optional<String> contentType) {
        return switch (e) {
            case NotFoundException notFound -> Answer.of(Problem.of(ProblemType.NOT_FOUND, "no resource at this path"));
            case NotAllowedException notAllowed ->
                new Answer(
                        Problem.of(ProblemType.METHOD_NOT_ALLOWED, "the resource does not support this method"),
                        Optional.ofNullable(notAllowed.getResponse().getHeaderString(HttpHeaders.ALLOW))
                                .map(allow -> Map.of(HttpHeaders.ALLOW, allow))
                                .orElse(Map.of()));
            case NotSupportedException notSupported ->
                Answer.of(Problem.of(
                        ProblemType.UNSUPPORTED_MEDIA_TYPE,
                        contentType
                                .map(type ->
                                        "the body was sent as " + printable(type) + "; send it as application/json")
                                .orElse("send the body as application/json")));
            case NotAcceptableException notAcceptable ->
                Answer.of(
                        Problem.of(
                                ProblemType.NOT_ACCEPTABLE,
                                "accept application/json (public-key.pem: application/x-pem-file) or application/problem+json"));
            default -> {
                if (e.getCause() instanceof JsonProcessingException json) { // Quarkus wraps parse errors in a plain 400
                    yield Answer.of(JsonProblems.of(json));
                }
                int status = e.getResponse().getStatus();
                if (status == 413) {
                    yield Answer.of(Problem.of(ProblemType.BODY_TOO_LARGE, BodyLimit.DETAIL));
                }
                yield Answer.of(
                        status >= 500
                                ? unexpected(e)
                                : Problem.ofStatus(status, "the request was refused with HTTP " + status));
            }
        };
    }

    /**
     * A header's value as it may stand in a detail, and so in a log: printable ASCII only (anything else shown as
     * {@code ?}), at most {@value #MAX_HEADER_IN_DETAIL} characters.
     */
    static String printable(String value) {
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < value.length() && shown.length() < MAX_HEADER_IN_DETAIL; i++) {
            char c = value.charAt(i);
            shown.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return "'" + shown + (value.length() > MAX_HEADER_IN_DETAIL ? "...'" : "'");
    }

    private static Problem unexpected(Throwable e) {
        // The message of an exception from the signing path could quote key material: log the class chain only.
        StringBuilder chain = new StringBuilder(e.getClass().getName());
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            chain.append(" <- ").append(cause.getClass().getName());
        }
        LOG.errorf("unexpected failure answering a request: %s", chain);
        return Problem.of(ProblemType.INTERNAL_ERROR, "the sidecar could not answer; its log has the exception class");
    }
}
