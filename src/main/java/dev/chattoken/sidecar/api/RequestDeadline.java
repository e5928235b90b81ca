package dev.chattoken.sidecar.api;

import dev.chattoken.sidecar.config.ChatTokenConfig;
import dev.chattoken.sidecar.http.FilterOrder;
import dev.chattoken.sidecar.http.Problem;
import dev.chattoken.sidecar.http.ProblemType;
import dev.chattoken.sidecar.http.ProblemWriter;
import io.quarkus.vertx.http.ManagementInterface;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;

/**
 * A request must be complete and answered within {@code chat-token.request-deadline} (5 s) of its headers, on both
 * listeners (the token API and the management interface): a client that trickles its body is answered 408. On HTTP/1.1
 * its connection is then closed, since the rest of the body was never read and the connection cannot carry another
 * request; on HTTP/2 only that request's stream is reset, and the connection's other streams go on. A client that
 * stalls before its headers are complete is closed by the idle timeout ({@code quarkus.http.idle-timeout},
 * {@code quarkus.management.idle-timeout}). Neither holds a thread: every endpoint runs on the event loop.
 */
@ApplicationScoped
public class RequestDeadline {

    /**
     * RFC 9113 section 8.1: after a complete answer, a server asks the client to stop sending the request's body
     * "without error" with RST_STREAM NO_ERROR, so the client still reads the 408.
     */
    private static final long HTTP2_NO_ERROR = 0x0;

    private final Vertx vertx;
    private final long deadlineMillis;
    private final Problem timeout;
    private final ProblemWriter problems;

    public RequestDeadline(Vertx vertx, ChatTokenConfig config, ProblemWriter problems) {
        Duration deadline = config.requestDeadline();
        this.vertx = vertx;
        this.deadlineMillis = deadline.toMillis();
        this.problems = problems;
        this.timeout = Problem.of(
                ProblemType.REQUEST_TIMEOUT, "the request was not complete within " + deadlineMillis + " ms");
    }

    void register(@Observes Filters filters) {
        filters.register(this::bound, FilterOrder.REQUEST_DEADLINE.priority());
    }

    /** The management interface has no {@link Filters}: the handler goes first on its router. */
    void registerOnManagement(@Observes ManagementInterface management) {
        management.router().route().order(Integer.MIN_VALUE).handler(this::bound);
    }

    private void bound(RoutingContext rc) {
        long timer = vertx.setTimer(deadlineMillis, id -> expire(rc));
        rc.addEndHandler(done -> vertx.cancelTimer(timer));
        rc.next();
    }

    private void expire(RoutingContext rc) {
        HttpServerResponse response = rc.response();
        boolean http2 = rc.request().version() == HttpVersion.HTTP_2;
        if (response.ended() || response.headWritten()) {
            release(rc, http2);
            return;
        }
        problems.send(rc, timeout).onComplete(sent -> release(rc, http2));
    }

    private static void release(RoutingContext rc, boolean http2) {
        if (http2) {
            rc.response().reset(HTTP2_NO_ERROR);
        } else {
            rc.request().connection().close();
        }
    }
}
