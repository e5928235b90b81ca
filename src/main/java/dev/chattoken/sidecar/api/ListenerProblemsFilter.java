package dev.chattoken.sidecar.api;

import dev.chattoken.sidecar.http.Problem;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Declares in the OpenAPI document the problems any operation of the token API may answer, whatever its resource: the
 * listener's filters ({@link FilterOrder}) and the REST layer refuse a request before or around the resource method, so
 * these answers belong to the listener and are declared here once rather than on every method. A client generated from
 * the document then knows them as problems ({@code GeneratedClientTest} holds the document to what the sidecar
 * answers). The document is made at build time from the resources; this runs on it there.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ListenerProblemsFilter implements OASFilter {

    /** Any request; sorted, so that the document lists the answers in the same order at every build. */
    private static final Map<String, String> EVERY_REQUEST = new TreeMap<>(Map.of(
            "400",
                    "invalid-path: the path is not canonical (a profile name that needs percent-encoding); "
                            + "invalid-header: a malformed Content-Type or Accept",
            "406", "not-acceptable: the Accept header allows neither the answer's media type nor problem+json",
            "500", "internal-error: a bug (the log names the exception class)"));

    /** Requests with a body. */
    private static final Map<String, String> WITH_BODY = new TreeMap<>(Map.of(
            "408", "request-timeout: the body was not complete within chat-token.request-deadline",
            "413", "body-too-large: over 16 KiB",
            "415", "unsupported-media-type: the body is not application/json"));

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (PathItem path : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : path.getOperations().values()) {
                EVERY_REQUEST.forEach((status, description) -> declare(operation, status, description));
                if (operation.getRequestBody() != null) {
                    WITH_BODY.forEach((status, description) -> declare(operation, status, description));
                }
            }
        }
    }

    /**
     * Declares that {@code operation} may answer {@code status} with a problem: beside the problems the resource method
     * declares for that status, if any (their descriptions are joined).
     */
    public static void declare(Operation operation, String status, String description) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        APIResponse response = responses.getAPIResponse(status);
        if (response == null) {
            response = OASFactory.createAPIResponse().description(description);
            responses.addAPIResponse(status, response);
        } else if (!response.getDescription().contains(description)) {
            response.setDescription(response.getDescription() + "; " + description);
        }
        if (response.getContent() == null) {
            response.setContent(OASFactory.createContent());
        }
        if (response.getContent().getMediaType(Problem.MEDIA_TYPE) == null) {
            response.getContent()
                    .addMediaType(
                            Problem.MEDIA_TYPE,
                            OASFactory.createMediaType()
                                    .schema(OASFactory.createSchema().ref("Problem")));
        }
    }
}
