package dev.chattoken.sidecar.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem detail, with the offending request field as the extension member {@code field}. Details describe
 * the request, never a key, a secret or a token.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
@Schema(requiredProperties = {"type", "title", "status", "detail"})
@RegisterForReflection // serialized from exception mappers' Responses, which Quarkus cannot see at build time
public record Problem(
        @JsonProperty("type") String type,
        @JsonProperty("title") String title,
        @JsonProperty("status") int status,
        @JsonProperty("detail") String detail,
        @JsonProperty("field") Optional<String> field) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(ProblemType type, String detail) {
        return new Problem(type.uri(), type.title(), type.status(), detail, Optional.empty());
    }

    public static Problem of(ProblemType type, String field, String detail) {
        return new Problem(
                type.uri(),
                type.title(),
                type.status(),
                detail,
                Optional.of(field).filter(f -> !f.isEmpty()));
    }

    /** For an HTTP-level refusal whose status is not one of the types' own (e.g. 431 from the server). */
    public static Problem ofStatus(int status, String detail) {
        return new Problem(
                ProblemType.HTTP_ERROR.uri(), ProblemType.HTTP_ERROR.title(), status, detail, Optional.empty());
    }
}
