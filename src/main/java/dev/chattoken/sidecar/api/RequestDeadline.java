package dev.chattoken.sidecar.api;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chattoken.sidecar.profile.ChatTokenConfig;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;

/**
 * A request must be complete and answered within {@code chat-token.request-deadline} (5 s) of its headers: a
 * client that trickles its body is answered 408 and disconnected. A client that stalls before its headers are
 * complete is closed by the server's idle timeout ({@code quarkus.http.idle-timeout}). Neither holds a thread:
 * every endpoint runs on the event loop and waits for nothing.
 */
@ApplicationScoped
public class RequestDeadline {

    private final Vertx vertx;
    private final long deadlineMillis;
    private final String problemBody;

    public RequestDeadline(Vertx vertx, ChatTokenConfig config, ObjectMapper mapper) throws JsonProcessingException {
        Duration deadline = config.requestDeadline();
        this.vertx = vertx;
        this.deadlineMillis = deadline.toMillis();
        this.problemBody = mapper.writeValueAsString(Problem.of(ProblemType.REQUEST_TIMEOUT,
                "the request was not complete within " + deadline.toMillis() + " ms"));
    }

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            long timer = vertx.setTimer(deadlineMillis, id -> {
                if (!rc.response().ended() && !rc.response().headWritten()) {
                    rc.response().setStatusCode(408).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                            .end(problemBody);
                }
                rc.request().connection().close();
            });
            rc.addEndHandler(done -> vertx.cancelTimer(timer));
            rc.next();
        }, 3000);
    }
}
