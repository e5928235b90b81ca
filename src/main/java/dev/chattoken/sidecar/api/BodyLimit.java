package dev.chattoken.sidecar.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.chattoken.sidecar.http.FilterOrder;
import dev.chattoken.sidecar.http.Problem;
import dev.chattoken.sidecar.http.ProblemType;
import dev.chattoken.sidecar.http.ProblemWriter;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Map;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;
import org.jboss.resteasy.reactive.server.spi.ServerMessageBodyReader;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

/**
 * Request bodies are limited to 16 KiB, answered with 413 problem+json, and must be well-formed UTF-8
 * ({@link StrictUtf8}), answered with 400 {@code malformed-json}. A declared {@code Content-Length} over the limit is
 * refused before the body is read; a chunked body is counted when it is read, by this class as the reader of the API's
 * JSON bodies ({@link TokenRequest}, {@link VerifyResource.VerifyRequest}), with the application's strict
 * {@link ObjectMapper} ({@link StrictJson}). A reader, not a {@code ReaderInterceptor}: with an interceptor the REST
 * layer parses the resource method's parameter annotations again for every request (JDK reflection, which does not
 * cache them; docs/performance.md, "Framework defaults replaced"). The HTTP server's own
 * {@code quarkus.http.limits.max-body-size} (64 KiB) stays as the hard stop behind both.
 */
@Provider
@Consumes(MediaType.APPLICATION_JSON)
@Singleton
public class BodyLimit implements ServerMessageBodyReader<Object> {

    public static final int MAX_BYTES = 16 * 1024;
    static final String DETAIL = "the body is larger than the " + MAX_BYTES + " bytes (16 KiB) the API accepts";

    private static final Problem TOO_LARGE = Problem.of(ProblemType.BODY_TOO_LARGE, DETAIL);

    private final ProblemWriter problems;
    private final ObjectMapper json;
    /**
     * The API's bodies' readers. Content after the value is refused by {@link #read} itself, which can say so in the
     * API's words; Jackson's own check would answer in its.
     */
    private final Map<Class<?>, ObjectReader> readers;

    public BodyLimit(ProblemWriter problems, ObjectMapper json) {
        this.problems = problems;
        this.json = json;
        this.readers = Map.of(
                TokenRequest.class, reader(json, TokenRequest.class),
                VerifyResource.VerifyRequest.class, reader(json, VerifyResource.VerifyRequest.class));
    }

    private static ObjectReader reader(ObjectMapper json, Class<?> type) {
        return json.readerFor(type).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    void registerContentLengthCheck(@Observes Filters filters) {
        filters.register(
                rc -> {
                    String declared = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
                    if (declared != null && exceeds(declared)) {
                        problems.send(rc, TOO_LARGE)
                                .onComplete(
                                        sent -> { // the unread body must not be taken for the next request
                                            if (rc.request().version() != HttpVersion.HTTP_2) {
                                                rc.request().connection().close();
                                            }
                                        });
                        return;
                    }
                    rc.next();
                },
                FilterOrder.BODY_LIMIT.priority());
    }

    private static boolean exceeds(String declared) {
        try {
            return Long.parseLong(declared.strip()) > MAX_BYTES;
        } catch (NumberFormatException e) {
            return false; // the HTTP server refuses a malformed Content-Length itself
        }
    }

    /** Only the API's own bodies: anything else is the REST layer's (there is nothing else today). */
    private boolean isApiBody(Class<?> type) {
        return readers.containsKey(type);
    }

    @Override
    public boolean isReadable(
            Class<?> type, Type genericType, ResteasyReactiveResourceInfo lazyMethod, MediaType mediaType) {
        return isApiBody(type);
    }

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return isApiBody(type);
    }

    @Override
    public Object readFrom(Class<Object> type, Type genericType, MediaType mediaType, ServerRequestContext context)
            throws IOException {
        return read(type, context.getInputStream());
    }

    @Override
    public Object readFrom(
            Class<Object> type,
            Type genericType,
            Annotation[] annotations,
            MediaType mediaType,
            MultivaluedMap<String, String> httpHeaders,
            InputStream entityStream)
            throws IOException {
        return read(type, entityStream);
    }

    /**
     * The body as {@code type}, or null when there is none or it is JSON {@code null} (the resource answers
     * {@code missing-body}). Whatever Jackson cannot read is answered in the API's words ({@link JsonProblems}), from
     * where the parser stood. Jackson reads the stream through its own recycled buffers; the count stops it past the
     * limit.
     */
    private Object read(Class<Object> type, InputStream stream) throws IOException {
        Bounded body = new Bounded(stream);
        try (JsonParser parser = json.createParser(body)) {
            Object value;
            try {
                if (parser.nextToken() == null) {
                    return null; // an empty body, as the REST layer's own JSON reader answers it
                }
                value = readers.get(type).readValue(parser);
            } catch (JsonProcessingException e) {
                throw new ProblemException(
                        JsonProblems.of(e, new JsonProblems.Reading(parser, body.count, body.ended)));
            }
            JsonLocation end = parser.currentLocation();
            try {
                if (parser.nextToken() != null) {
                    throw new ProblemException(JsonProblems.trailing(end));
                }
            } catch (JsonProcessingException e) { // not even a JSON token after the value
                throw new ProblemException(JsonProblems.trailing(end));
            }
            return value;
        }
    }

    /** Fails the read as soon as the body passes the limit, or stops being well-formed UTF-8. */
    private static final class Bounded extends FilterInputStream {
        private final StrictUtf8 utf8 = new StrictUtf8();
        private final byte[] one = new byte[1];
        private long count;
        private boolean ended;

        Bounded(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int n = read(one, 0, 1);
            return n < 0 ? n : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
                utf8.accept(buffer, offset, n).ifPresent(Bounded::malformed);
            } else if (n < 0) {
                ended = true;
                utf8.end().ifPresent(Bounded::malformed);
            }
            return n;
        }

        private static void malformed(String detail) {
            throw new ProblemException(Problem.of(ProblemType.MALFORMED_JSON, detail));
        }

        private void count(int n) {
            count += n;
            if (count > MAX_BYTES) {
                throw new ProblemException(TOO_LARGE);
            }
        }
    }
}
