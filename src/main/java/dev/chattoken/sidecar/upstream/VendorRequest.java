package dev.chattoken.sidecar.upstream;

import io.vertx.core.http.HttpMethod;
import java.util.Map;
import java.util.Optional;

/**
 * One request to a vendor's API, relative to the profile's base URL.
 *
 * @param path the path and query after the base URL, each segment already percent-encoded ({@link VendorJson#segment})
 * @param headers the vendor's headers, the credential among them; the body's content type is added with the body
 * @param json the JSON body, when there is one
 */
public record VendorRequest(HttpMethod method, String path, Map<String, String> headers, Optional<byte[]> json) {

    public VendorRequest {
        headers = Map.copyOf(headers);
    }

    @Override
    public String toString() { // the headers hold the credential
        return "VendorRequest[" + method + " " + path + "]";
    }
}
