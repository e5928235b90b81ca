package dev.chattoken.sidecar.upstream;

import java.util.Map;
import java.util.Optional;

/**
 * A vendor's answer, read whole (up to {@code chat-token.upstream.max-answer-size}).
 *
 * @param headers the answer's headers by lower-case name (the first value of each)
 */
public record VendorAnswer(int status, Map<String, String> headers, byte[] body) {

    public VendorAnswer {
        headers = Map.copyOf(headers);
    }

    public Optional<String> header(String lowerCaseName) {
        return Optional.ofNullable(headers.get(lowerCaseName));
    }

    @Override
    public String toString() { // the body holds the token
        return "VendorAnswer[" + status + ", " + body.length + " bytes]";
    }
}
