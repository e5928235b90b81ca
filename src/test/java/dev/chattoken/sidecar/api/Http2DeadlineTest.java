package dev.chattoken.sidecar.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The request deadline ({@code chat-token.request-deadline}, 2 s in %test) over HTTP/2 ends only the late request: its
 * stream is answered 408 and reset, while a request in flight on the same connection completes.
 */
@QuarkusTest
class Http2DeadlineTest {

    @Test
    void aLateStreamIsAnswered408WhileItsNeighbourOnTheConnectionCompletes() throws Exception {
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        URI base = URI.create("http://127.0.0.1:" + RestAssured.port);
        HttpResponse<String> first = http.send(
                HttpRequest.newBuilder(base.resolve("/v1/profiles")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(HttpClient.Version.HTTP_2, first.version(), "the token port speaks h2c");

        // never complete: one byte every 400 ms of a declared 200, so the deadline ends it at 2 s
        CompletableFuture<HttpResponse<String>> late = post(http, base, 200, new Chunks(400, " ".repeat(200)));
        Thread.sleep(1200);
        // complete at about 2.7 s, inside its own deadline (3.2 s) but after the late one's
        String body = "{\"user_id\":\"u\"}";
        CompletableFuture<HttpResponse<String>> neighbour =
                post(http, base, body.length(), new Chunks(1500, body.substring(0, 5), body.substring(5)));

        HttpResponse<String> timedOut = late.get(10, TimeUnit.SECONDS);
        assertEquals(408, timedOut.statusCode(), timedOut.body());
        assertTrue(timedOut.body().contains("request-timeout"), timedOut.body());
        HttpResponse<String> served = neighbour.get(10, TimeUnit.SECONDS);
        assertEquals(200, served.statusCode(), "the other stream of the connection was not cut: " + served.body());
        assertEquals(HttpClient.Version.HTTP_2, served.version());
    }

    private static CompletableFuture<HttpResponse<String>> post(HttpClient http, URI base, long length, Chunks body) {
        return http.sendAsync(
                HttpRequest.newBuilder(base.resolve("/v1/tokens/dg"))
                        .header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.fromPublisher(body, length))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A body sent in pieces, the first at once, each next one {@code pauseMillis} later. */
    private record Chunks(long pauseMillis, List<String> pieces) implements Flow.Publisher<ByteBuffer> {
        Chunks(long pauseMillis, String... pieces) {
            this(
                    pauseMillis,
                    pieces.length == 1
                            ? pieces[0]
                                    .chars()
                                    .mapToObj(c -> String.valueOf((char) c))
                                    .toList()
                            : List.of(pieces));
        }

        @Override
        public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
            AtomicInteger next = new AtomicInteger();
            subscriber.onSubscribe(new Flow.Subscription() {
                private volatile boolean cancelled;

                @Override
                public void request(long n) {
                    Thread.ofVirtual().start(() -> {
                        int index = next.getAndIncrement();
                        try {
                            if (index > 0) {
                                Thread.sleep(pauseMillis);
                            }
                        } catch (InterruptedException e) {
                            return;
                        }
                        if (cancelled) {
                            return;
                        }
                        if (index < pieces.size()) {
                            subscriber.onNext(ByteBuffer.wrap(pieces.get(index).getBytes(StandardCharsets.US_ASCII)));
                        }
                        if (index == pieces.size() - 1) {
                            subscriber.onComplete();
                        }
                    });
                }

                @Override
                public void cancel() {
                    cancelled = true;
                }
            });
        }
    }
}
