package dev.chattoken.sidecar.api;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import dev.chattoken.sidecar.token.InvalidTokenException;
import dev.chattoken.sidecar.token.UnknownProfileException;
import dev.chattoken.sidecar.upstream.UpstreamException;
import dev.chattoken.sidecar.vendors.InvalidRequestException;

/**
 * Every failure becomes an {@code application/problem+json} answer: 4xx naming the field for bad input,
 * and for anything unexpected a 500 that says nothing about the internals (the log gets the exception's class).
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final int MAX_DETAIL_LENGTH = 200;

    private final TokenRefusals refusals;

    public ProblemMappers(TokenRefusals refusals) {
        this.refusals = refusals;
    }

    /**
     * Counts a refused token request here, where every refusal the REST layer answers is made, rather than in a
     * response filter, which the REST layer would then run for every answer (0.7% of an HS256 token's CPU).
     */
    private Response counted(UriInfo uri, Response answer) {
        if (answer.getEntity() instanceof Problem problem) {
            refusals.count("/" + uri.getPath().replaceFirst("^/", ""), problem);
        }
        return answer;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return counted(uri, e.problem().toResponse());
    }

    @ServerExceptionMapper
    public Response invalidRequest(InvalidRequestException e, UriInfo uri) {
        ProblemType type = switch (e.reason()) {
            case MISSING_FIELD -> ProblemType.MISSING_FIELD;
            case INVALID_FIELD -> ProblemType.INVALID_FIELD;
            case UNSUPPORTED_FIELD -> ProblemType.UNSUPPORTED_FIELD;
            case RESERVED_CLAIM -> ProblemType.RESERVED_CLAIM;
        };
        return counted(uri, Problem.of(type, e.field(), e.getMessage()).toResponse());
    }

    @ServerExceptionMapper
    public Response invalidToken(InvalidTokenException e, UriInfo uri) {
        return counted(uri, Response.fromResponse(Problem.of(ProblemType.INVALID_TOKEN, e.getMessage()).toResponse())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"").build());
    }

    @ServerExceptionMapper
    public Response unknownProfile(UnknownProfileException e, UriInfo uri) {
        return counted(uri, Problem.of(ProblemType.UNKNOWN_PROFILE, "profile", e.getMessage()).toResponse());
    }

    /**
     * A vendor's API gave no token: 503 or 429 in the sidecar's words (never the vendor's body), with
     * {@code Retry-After} where asking again later helps.
     */
    @ServerExceptionMapper
    public Response upstream(UpstreamException e, UriInfo uri) {
        return counted(uri, switch (e) {
            case UpstreamException.Unavailable u -> retryAfter(Problem.of(ProblemType.UPSTREAM_UNAVAILABLE, u.getMessage()), u.retryAfter());
            case UpstreamException.RateLimited r -> retryAfter(Problem.of(ProblemType.UPSTREAM_RATE_LIMITED, r.getMessage()), r.retryAfter());
            case UpstreamException.Refused r -> Problem.of(ProblemType.UPSTREAM_REFUSED, r.getMessage()).toResponse();
            case UpstreamException.UnknownUser u -> Problem.of(ProblemType.UNKNOWN_USER, u.field().orElse(""), u.getMessage()).toResponse();
        });
    }

    private static Response retryAfter(Problem problem, java.time.Duration wait) {
        return Response.fromResponse(problem.toResponse()).header(HttpHeaders.RETRY_AFTER,
                String.valueOf(Math.max(1, (wait.toMillis() + 999) / 1000))).build();
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, UriInfo uri) {
        String field = path(e);
        return counted(uri, Problem.of(ProblemType.UNKNOWN_FIELD, field, "unknown field '" + field + "'").toResponse());
    }

    @ServerExceptionMapper
    public Response wrongType(MismatchedInputException e, UriInfo uri) {
        return counted(uri, wrongType(e));
    }

    private Response wrongType(MismatchedInputException e) {
        String field = path(e);
        if (field.isEmpty()) {
            return e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("No content")
                    ? Problem.of(ProblemType.MISSING_BODY, "the body must be a JSON object").toResponse()
                    : Problem.of(ProblemType.WRONG_TYPE, "the body must be a JSON object").toResponse();
        }
        return Problem.of(ProblemType.WRONG_TYPE, field, field + " must be " + describe(e.getTargetType())).toResponse();
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        return counted(uri, malformedJson(e));
    }

    private Response malformedJson(JsonProcessingException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof ProblemException problem) { // the body limit, hit while Jackson was reading
            return problem.problem().toResponse();
        }
        String field = e instanceof JsonMappingException mapping ? path(mapping) : "";
        if (root instanceof StreamConstraintsException) {
            return Problem.of(ProblemType.MALFORMED_JSON, field, "the body exceeds a JSON limit (nesting depth "
                    + StrictJson.MAX_NESTING_DEPTH + ", numbers of " + StrictJson.MAX_NUMBER_LENGTH + " digits)").toResponse();
        }
        String reason = root instanceof JsonProcessingException json ? shortMessage(json) : root.getClass().getSimpleName();
        return field.isEmpty()
                ? Problem.of(ProblemType.MALFORMED_JSON, "the body is not well-formed JSON: " + reason).toResponse()
                : Problem.of(ProblemType.INVALID_FIELD, field, field + " cannot be read: " + reason).toResponse();
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri) {
        return counted(uri, Problem.of(ProblemType.NOT_FOUND, "no resource at this path").toResponse());
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e, UriInfo uri) {
        Response response = Problem.of(ProblemType.METHOD_NOT_ALLOWED, "the resource does not support this method").toResponse();
        return counted(uri, Response.fromResponse(response).header(HttpHeaders.ALLOW, e.getResponse().getHeaderString(HttpHeaders.ALLOW)).build());
    }

    @ServerExceptionMapper
    public Response notSupported(NotSupportedException e, UriInfo uri) {
        return counted(uri, Problem.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, "send the body as application/json").toResponse());
    }

    @ServerExceptionMapper
    public Response notAcceptable(NotAcceptableException e, UriInfo uri) {
        return counted(uri, Problem.of(ProblemType.NOT_ACCEPTABLE, "accept application/json (public-key.pem: application/x-pem-file) or application/problem+json").toResponse());
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri) {
        return counted(uri, http(e));
    }

    private Response http(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) { // Quarkus wraps parse errors in a plain 400
            return malformedJson(json);
        }
        int status = e.getResponse().getStatus();
        if (status == 413) {
            return Problem.of(ProblemType.BODY_TOO_LARGE, BodyLimit.DETAIL).toResponse();
        }
        if (status >= 500) {
            return unexpected(e);
        }
        return Problem.ofStatus(status, "the request was refused with HTTP " + status).toResponse();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        return counted(uri, unexpected(e));
    }

    private Response unexpected(Throwable e) {
        // The message of an exception from the signing path could quote key material: log the class chain only.
        StringBuilder chain = new StringBuilder(e.getClass().getName());
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            chain.append(" <- ").append(cause.getClass().getName());
        }
        LOG.errorf("unexpected failure answering a request: %s", chain);
        return Problem.of(ProblemType.INTERNAL_ERROR, "the sidecar could not answer; its log has the exception class").toResponse();
    }

    /** The JSON path of a databind failure: {@code claims.a}, {@code webhook_domains[1]}. */
    static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return truncate(path.toString());
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "of another JSON type";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (List.class.isAssignableFrom(type) || Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || type == TokenRequest.class) {
            return "an object";
        }
        return "of another JSON type";
    }

    private static String shortMessage(JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        return truncate(message.lines().findFirst().orElse(""));
    }

    private static String truncate(String text) {
        return text.length() <= MAX_DETAIL_LENGTH ? text : text.substring(0, MAX_DETAIL_LENGTH) + "...";
    }
}
