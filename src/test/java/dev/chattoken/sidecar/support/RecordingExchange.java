package dev.chattoken.sidecar.support;

import dev.chattoken.sidecar.upstream.Credential;
import dev.chattoken.sidecar.upstream.IssuedToken;
import dev.chattoken.sidecar.upstream.ProfileUpstream;
import dev.chattoken.sidecar.upstream.VendorAnswer;
import dev.chattoken.sidecar.upstream.VendorRequest;
import dev.chattoken.sidecar.vendors.UpstreamRules;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * A vendor's exchange without a network, for the vendors' spec tests: it records each request a vendor's rules make and
 * gives each the next answer queued, read by the vendor's own reader.
 */
public final class RecordingExchange implements ProfileUpstream.Exchange {

    public static final Credential CREDENTIAL = new Credential("vendor-credential-0123", Optional.of("access-key-1"));

    private final List<VendorRequest> requests = new ArrayList<>();
    private final Deque<VendorAnswer> answers = new ArrayDeque<>();

    /** Queues a JSON answer. */
    public RecordingExchange answer(int status, String json) {
        answers.add(new VendorAnswer(
                status, Map.of("content-type", "application/json"), json.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    @Override
    public <T> CompletionStage<T> send(VendorRequest request, ProfileUpstream.AnswerReader<T> reader) {
        requests.add(request);
        try {
            return CompletableFuture.completedFuture(reader.read(answers.removeFirst()));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    public List<VendorRequest> requests() {
        return List.copyOf(requests);
    }

    /** The token an order fetches through this exchange, or the failure it ends with (unwrapped). */
    public IssuedToken fetch(UpstreamRules.Order order, Instant now) throws Throwable {
        try {
            return order.fetch()
                    .fetch(this, CREDENTIAL, now)
                    .toCompletableFuture()
                    .join();
        } catch (CompletionException e) {
            throw e.getCause();
        }
    }

    public static String body(VendorRequest request) {
        return request.json().map(b -> new String(b, StandardCharsets.UTF_8)).orElse(null);
    }
}
