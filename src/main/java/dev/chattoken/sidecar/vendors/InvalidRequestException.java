package dev.chattoken.sidecar.vendors;

/** A token request a vendor cannot sign: answered with 400 naming {@link #field()}. */
public final class InvalidRequestException extends RuntimeException {

    public enum Reason {
        /** a required field is absent or blank */
        MISSING_FIELD,
        /** a field is present but its value is malformed */
        INVALID_FIELD,
        /** a field this vendor's token has no place for */
        UNSUPPORTED_FIELD,
        /** an extra claim that would override one the sidecar sets */
        RESERVED_CLAIM
    }

    private final Reason reason;
    private final String field;

    public InvalidRequestException(Reason reason, String field, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
        this.field = field;
    }

    public Reason reason() {
        return reason;
    }

    /** The JSON path of the offending field, e.g. {@code user_id} or {@code claims.iss}. */
    public String field() {
        return field;
    }
}
