package dev.chattoken.sidecar.injector;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * {@code admission.k8s.io/v1} {@code AdmissionReview}: the request the API server sends, and the answer it takes
 * (allowed, refused with a message, or allowed with a JSON Patch).
 */
public final class AdmissionReviews {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private AdmissionReviews() {}

    /** The request of a review: what a webhook reads. */
    public record Request(String uid, String namespace, String name, String operation, JsonNode object) {}

    /** A body that is not an AdmissionReview v1: answered 400, and the API server applies the failurePolicy. */
    public static final class MalformedReviewException extends Exception {
        MalformedReviewException(String message) {
            super(message, null, false, false);
        }
    }

    public static Request read(byte[] body) throws MalformedReviewException {
        JsonNode review;
        try {
            review = MAPPER.readTree(body);
        } catch (IOException e) {
            throw new MalformedReviewException("the body is not JSON");
        }
        if (review == null
                || !"admission.k8s.io/v1".equals(review.path("apiVersion").asText())
                || !"AdmissionReview".equals(review.path("kind").asText())) {
            throw new MalformedReviewException("the body is not an admission.k8s.io/v1 AdmissionReview");
        }
        JsonNode request = review.path("request");
        if (!request.path("uid").isTextual() || request.path("uid").asText().isEmpty()) {
            throw new MalformedReviewException("request.uid is missing");
        }
        if (!request.path("object").isObject()) {
            throw new MalformedReviewException("request.object is missing");
        }
        return new Request(
                request.path("uid").asText(),
                request.path("namespace").asText(""),
                request.path("name").asText(""),
                request.path("operation").asText(""),
                request.path("object"));
    }

    public static byte[] allowed(String uid) {
        return write(response(uid, true));
    }

    public static byte[] patched(String uid, ArrayNode patch) {
        ObjectNode response = response(uid, true);
        response.put("patchType", "JSONPatch");
        try {
            response.put("patch", Base64.getEncoder().encodeToString(MAPPER.writeValueAsBytes(patch)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return write(response);
    }

    /** Refused: the API server shows {@code message} to whoever created the object ({@code kubectl apply}). */
    public static byte[] refused(String uid, String message) {
        ObjectNode response = response(uid, false);
        response.putObject("status")
                .put("code", 400)
                .put("reason", "BadRequest")
                .put("message", message);
        return write(response);
    }

    private static ObjectNode response(String uid, boolean allowed) {
        ObjectNode response = JSON.objectNode();
        response.put("uid", uid).put("allowed", allowed);
        return response;
    }

    private static byte[] write(ObjectNode response) {
        ObjectNode review =
                JSON.objectNode().put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
        review.set("response", response);
        return review.toString().getBytes(StandardCharsets.UTF_8);
    }
}
