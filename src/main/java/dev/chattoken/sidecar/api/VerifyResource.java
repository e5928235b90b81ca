package dev.chattoken.sidecar.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.chattoken.sidecar.http.Problem;
import dev.chattoken.sidecar.http.ProblemType;
import dev.chattoken.sidecar.token.TokenVerifier;
import dev.chattoken.sidecar.token.VerifiedToken;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;

/**
 * {@code POST /v1/verify/{profile}}: for the app's webhook handler, which receives our Kindly tokens back from Kindly
 * as {@code Authorization: Bearer <JWT>} and must know they are genuine before acting on them.
 */
@Path("/v1/verify")
public class VerifyResource {

    private static final String BEARER = "bearer ";

    private final TokenVerifier verifier;

    public VerifyResource(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    /** The token, when it is not sent as {@code Authorization: Bearer}. */
    public record VerifyRequest(@JsonProperty("token") String token) {
        @Override
        public String toString() {
            return "VerifyRequest[token hidden]";
        }
    }

    /** A verified token: which key verified it, and its claims. */
    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    @Schema(requiredProperties = {"valid", "profile", "algorithm", "key_fingerprint", "claims"})
    public record VerifyResponse(
            @JsonProperty("valid") boolean valid,
            @JsonProperty("profile") String profile,
            @JsonProperty("algorithm") String algorithm,
            @JsonProperty("kid") Optional<String> kid,
            @JsonProperty("key_fingerprint") String keyFingerprint,
            @JsonProperty("claims") Map<String, Object> claims) {

        static VerifyResponse of(VerifiedToken token) {
            return new VerifyResponse(
                    true, token.profile(), token.algorithm(), token.keyId(), token.keyFingerprint(), token.claims());
        }
    }

    @POST
    @Path("/{profile}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @NonBlocking
    @Operation(
            summary = "Verify a token of this profile",
            description = "Checks the signature with the current or a "
                    + "previous key (chosen by kid), pins the algorithm to the profile's, and checks exp, nbf and iat with the "
                    + "configured clock skew and iss against the profile. The token comes as the body's token or as "
                    + "Authorization: Bearer.")
    @APIResponse(responseCode = "200", description = "The token is genuine and current")
    @APIResponse(
            responseCode = "400",
            description = "missing-field: no token given",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "401",
            description = "invalid-token, with the reason",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "unknown-profile",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public VerifyResponse verify(
            @RestPath String profile,
            @RestHeader(HttpHeaders.AUTHORIZATION) String authorization,
            VerifyRequest request) {
        return verify(profile, authorization, Optional.ofNullable(request).map(VerifyRequest::token));
    }

    /** The webhook's usual case: it forwards Kindly's {@code Authorization} header and sends no body. */
    @POST
    @Path("/{profile}")
    @Produces(MediaType.APPLICATION_JSON)
    @NonBlocking
    @Operation(hidden = true)
    public VerifyResponse verifyBearer(
            @RestPath String profile, @RestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        return verify(profile, authorization, Optional.empty());
    }

    private VerifyResponse verify(String profile, String authorization, Optional<String> bodyToken) {
        Optional<String> fromHeader = Optional.ofNullable(authorization)
                .map(String::strip)
                .filter(h -> h.regionMatches(true, 0, BEARER, 0, BEARER.length()))
                .map(h -> h.substring(BEARER.length()).strip());
        Optional<String> fromBody = bodyToken.map(String::strip);
        if (fromHeader.isPresent() && fromBody.isPresent() && !fromHeader.equals(fromBody)) {
            throw new ProblemException(Problem.of(
                    ProblemType.INVALID_FIELD,
                    "token",
                    "two different tokens: send it either as the body's token or as Authorization: Bearer"));
        }
        String token = fromHeader
                .or(() -> fromBody)
                .filter(t -> !t.isEmpty())
                .orElseThrow(() -> new ProblemException(Problem.of(
                        ProblemType.MISSING_FIELD,
                        "token",
                        "send the token as the body's token or as Authorization: Bearer")));
        return VerifyResponse.of(verifier.verify(profile, token));
    }
}
