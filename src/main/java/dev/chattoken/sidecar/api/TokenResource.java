package dev.chattoken.sidecar.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestPath;

import dev.chattoken.sidecar.token.TokenMinter;
import io.smallrye.common.annotation.NonBlocking;

/** {@code POST /v1/tokens/{profile}}: the app asks for a token for one user. */
@Path("/v1/tokens")
public class TokenResource {

    private final TokenMinter minter;

    public TokenResource(TokenMinter minter) {
        this.minter = minter;
    }

    /** Runs on the event loop: keys are in memory and signing is pure CPU, there is nothing to block on. */
    @POST
    @Path("/{profile}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @NonBlocking
    public TokenResponse mint(@RestPath String profile, TokenRequest request) {
        if (request == null) {
            throw new ProblemException(Problem.of(ProblemType.MISSING_BODY, "send the user's identity as a JSON object"));
        }
        return TokenResponse.of(minter.mint(profile, request.toIdentity()));
    }
}
