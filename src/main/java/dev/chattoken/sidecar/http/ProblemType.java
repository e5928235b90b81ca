package dev.chattoken.sidecar.http;

/**
 * The stable problem types of the API (RFC 9457 {@code type}), each with its status and title. Clients switch on
 * {@link #uri()}; titles may be reworded, types never change.
 */
public enum ProblemType {
    MISSING_BODY("missing-body", 400, "The request has no JSON body"),
    MALFORMED_JSON("malformed-json", 400, "The body is not well-formed JSON"),
    WRONG_TYPE("wrong-type", 400, "A field has the wrong JSON type"),
    UNKNOWN_FIELD("unknown-field", 400, "The body has a field the API does not know"),
    DUPLICATE_FIELD("duplicate-field", 400, "The body gives a field more than once"),
    MISSING_FIELD("missing-field", 400, "A required field is missing"),
    INVALID_FIELD("invalid-field", 400, "A field's value is malformed"),
    UNSUPPORTED_FIELD("unsupported-field", 400, "The vendor's token has no place for this field"),
    RESERVED_CLAIM("reserved-claim", 400, "An extra claim would replace a claim the sidecar sets"),
    INVALID_PATH("invalid-path", 400, "The path is not in canonical form"),
    INVALID_HEADER("invalid-header", 400, "A request header is malformed"),
    CALLER_UNAUTHENTICATED("caller-unauthenticated", 401, "The caller did not present this pod's caller token"),
    INVALID_TOKEN("invalid-token", 401, "The token does not verify for this profile"),
    UNKNOWN_PROFILE("unknown-profile", 404, "No active profile has this name"),
    UNKNOWN_USER("unknown-user", 404, "The vendor has no user of this id"),
    NO_PUBLIC_KEY("no-public-key", 404, "The profile signs with a shared secret and has no public key"),
    NOT_FOUND("not-found", 404, "No such resource"),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "The resource does not support this method"),
    NOT_ACCEPTABLE("not-acceptable", 406, "The resource answers in no media type the client accepts"),
    REQUEST_TIMEOUT("request-timeout", 408, "The request was not complete in time"),
    BODY_TOO_LARGE("body-too-large", 413, "The body is larger than the API accepts"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "The body must be application/json"),
    UPSTREAM_RATE_LIMITED("upstream-rate-limited", 429, "The vendor's rate limit is spent for now"),
    HTTP_ERROR("http-error", 400, "The request was refused"),
    INTERNAL_ERROR("internal-error", 500, "The sidecar failed to answer"),
    UPSTREAM_UNAVAILABLE("upstream-unavailable", 503, "The vendor's API could not issue the token now"),
    UPSTREAM_REFUSED("upstream-refused", 503, "The vendor's API refused the sidecar's request");

    public static final String URI_PREFIX = "urn:chat-token-sidecar:problem:";

    private final String slug;
    private final int status;
    private final String title;

    ProblemType(String slug, int status, String title) {
        this.slug = slug;
        this.status = status;
        this.title = title;
    }

    public String uri() {
        return URI_PREFIX + slug;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
