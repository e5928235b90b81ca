package dev.chattoken.sidecar.caller;

import dev.chattoken.sidecar.api.ListenerProblemsFilter;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Declares the optional caller token in the OpenAPI document: an API key in {@value CallerAuthentication#HEADER} that a
 * generated client can be given, asked for by every operation but not required (the sidecar asks for it only with
 * {@code chat-token.caller-token-file} set), and the 401 every operation then answers without it.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class CallerTokenOpenApiFilter implements OASFilter {

    static final String SCHEME = "callerToken";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents()
                .addSecurityScheme(
                        SCHEME,
                        OASFactory.createSecurityScheme()
                                .type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER)
                                .name(CallerAuthentication.HEADER)
                                .description("The pod's caller token, when chat-token.caller-token-file is set"));
        // either the caller token or nothing: the empty requirement is what a sidecar without caller-token-file takes
        openAPI.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme(SCHEME));
        openAPI.addSecurityRequirement(OASFactory.createSecurityRequirement());
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (PathItem path : openAPI.getPaths().getPathItems().values()) {
            path.getOperations()
                    .values()
                    .forEach(operation -> ListenerProblemsFilter.declare(
                            operation,
                            "401",
                            "caller-unauthenticated: chat-token.caller-token-file is set and the request lacks the right "
                                    + CallerAuthentication.HEADER));
        }
    }
}
