package dev.chattoken.sidecar.api;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;

/**
 * Token request bodies are limited to 16 KiB, answered with 413 problem+json. A declared {@code Content-Length}
 * over the limit is refused before the body is read; a chunked body is counted while it is parsed. The HTTP
 * server's own {@code quarkus.http.limits.max-body-size} (64 KiB) stays as the hard stop behind both.
 */
@Provider
@ApplicationScoped
public class BodyLimit implements ReaderInterceptor {

    public static final int MAX_BYTES = 16 * 1024;
    static final String DETAIL = "the body is larger than the " + MAX_BYTES + " bytes (16 KiB) the API accepts";

    private static final Problem TOO_LARGE = Problem.of(ProblemType.BODY_TOO_LARGE, DETAIL);

    private final ProblemWriter problems;
    private final TokenRefusals refusals;

    public BodyLimit(ProblemWriter problems, TokenRefusals refusals) {
        this.problems = problems;
        this.refusals = refusals;
    }

    void registerContentLengthCheck(@Observes Filters filters) {
        filters.register(rc -> {
            String declared = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (declared != null && exceeds(declared)) {
                refusals.count(rc.normalizedPath(), TOO_LARGE);
                problems.send(rc, TOO_LARGE).onComplete(sent -> { // the unread body must not be taken for the next request
                            if (rc.request().version() != HttpVersion.HTTP_2) {
                                rc.request().connection().close();
                            }
                        });
                return;
            }
            rc.next();
        }, FilterOrder.BODY_LIMIT.priority());
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        context.setInputStream(new Bounded(context.getInputStream()));
        return context.proceed();
    }

    private static boolean exceeds(String declared) {
        try {
            return Long.parseLong(declared.strip()) > MAX_BYTES;
        } catch (NumberFormatException e) {
            return false; // the HTTP server refuses a malformed Content-Length itself
        }
    }

    /** Fails the read as soon as the body passes the limit. */
    private static final class Bounded extends FilterInputStream {
        private long count;

        Bounded(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            count += n;
            if (count > MAX_BYTES) {
                throw new ProblemException(TOO_LARGE);
            }
        }
    }
}
