package dev.chattoken.sidecar.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * The one way a problem answer leaves the sidecar, from a Vert.x filter ({@link #send}) or from the REST layer
 * ({@link #response}), and so the one place a refused token request is counted ({@link Refusals}).
 */
@Singleton
public class ProblemWriter {

    private final ObjectMapper mapper;
    private final Refusals refusals;

    public ProblemWriter(ObjectMapper mapper, Refusals refusals) {
        this.mapper = mapper;
        this.refusals = refusals;
    }

    /**
     * Answers {@code problem} from a filter, before the request reaches the REST layer; completes when it is written.
     */
    public Future<Void> send(RoutingContext rc, Problem problem) {
        refusals.count(rc.normalizedPath(), problem);
        String body;
        try {
            body = mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) { // a record of strings and an int: cannot happen
            throw new IllegalStateException("a problem answer could not be serialized", e);
        }
        return rc.response()
                .setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(body);
    }

    /**
     * The REST layer's answer of {@code problem} to a request for {@code path}, with {@code headers} besides its
     * content type ({@code WWW-Authenticate}, {@code Allow}); the REST layer serializes it.
     */
    public Response response(String path, Problem problem, Map<String, String> headers) {
        refusals.count(path, problem);
        Response.ResponseBuilder answer =
                Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
        headers.forEach(answer::header);
        return answer.build();
    }
}
