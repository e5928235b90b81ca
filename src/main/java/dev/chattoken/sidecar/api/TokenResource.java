package dev.chattoken.sidecar.api;

import dev.chattoken.sidecar.http.Problem;
import dev.chattoken.sidecar.http.ProblemType;
import dev.chattoken.sidecar.token.TokenMinter;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestPath;

/** {@code POST /v1/tokens/{profile}}: the app asks for a token for one user. */
@Path("/v1/tokens")
public class TokenResource {

    private final TokenMinter minter;

    public TokenResource(TokenMinter minter) {
        this.minter = minter;
    }

    /**
     * Runs on the event loop: keys are in memory and signing is pure CPU, there is nothing to block on; a token that
     * only the vendor's API issues is answered when its call completes, without holding a thread meanwhile.
     */
    @POST
    @Path("/{profile}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @NonBlocking
    @Operation(
            summary = "Mint a token for a user",
            description = "The profile's vendor decides which fields are "
                    + "required and accepted; see the README's vendor table.")
    @APIResponse(responseCode = "200", description = "The token, and what the widget needs besides it")
    @APIResponse(
            responseCode = "400",
            description = "missing-body, malformed-json, wrong-type, unknown-field, duplicate-field, "
                    + "missing-field, invalid-field, unsupported-field or reserved-claim; field names the culprit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "unknown-profile (active_profiles lists the names there are); unknown-user: the vendor has no"
                    + " user of this user_id (Sendbird, Channel Talk)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "413",
            description = "body-too-large: over 16 KiB",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "415",
            description = "unsupported-media-type: not application/json",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "429",
            description = "upstream-rate-limited: the vendor's rate limit (or the profile's budget of it) is spent for "
                    + "longer than the request could wait; Retry-After says when to ask again",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "503",
            description =
                    "upstream-unavailable (Retry-After): the vendor's API is down, slow or answered what cannot be "
                            + "used; upstream-refused: the vendor refused the profile's credential, plan or request (no Retry-After:"
                            + " asking again does not help)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CompletionStage<TokenResponse> mint(@RestPath String profile, TokenRequest request) {
        if (request == null) {
            throw new ProblemException(
                    Problem.of(ProblemType.MISSING_BODY, "send the user's identity as a JSON object"));
        }
        return minter.mint(profile, request.toIdentity()).thenApply(TokenResponse::of);
    }
}
