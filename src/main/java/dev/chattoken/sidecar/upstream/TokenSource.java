package dev.chattoken.sidecar.upstream;

/** Where the token of an answer came from: the audit line's {@code cache=} and the metrics' {@code result}. */
public enum TokenSource {
    /** this sidecar's cache */
    CACHE("hit"),
    /** the cache the pods share through Redis: another sidecar fetched it */
    SHARED("shared"),
    /** the vendor's API, called for this request */
    VENDOR("miss"),
    /** the vendor's API, called for another request for the same identity that was under way (single flight) */
    JOINED("joined");

    private final String label;

    TokenSource(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
