package dev.chattoken.sidecar.api;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Writes a problem answer from a Vert.x filter, before a request reaches the REST layer (whose answers are
 * {@link Problem#toResponse()}): the one place such answers are serialized.
 */
@ApplicationScoped
public class ProblemWriter {

    private final ObjectMapper mapper;

    public ProblemWriter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Answers {@code problem} and ends the response; completes when it is written. */
    public Future<Void> send(RoutingContext rc, Problem problem) {
        String body;
        try {
            body = mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) { // a record of strings and an int: cannot happen
            throw new IllegalStateException("a problem answer could not be serialized", e);
        }
        return rc.response().setStatusCode(problem.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(body);
    }
}
