package dev.chattoken.sidecar.http;

/**
 * The token port's Vert.x filters, in the order they run: first declared, first run. Quarkus runs the filter with the
 * higher priority first; {@link #priority()} turns this declaration order into those numbers, so the order is read here
 * and nowhere else.
 */
public enum FilterOrder {
    /** Every request, however it ends, is bounded in time: first, so that even a refused one is. */
    REQUEST_DEADLINE,
    /** Before anything looks at the path or the body: the caller token guards the whole listener. */
    CALLER_AUTHENTICATION,
    /** A path that would be read one way here and another way by the router is refused before routing. */
    CANONICAL_PATH,
    /** A malformed Content-Type or Accept is refused before the REST layer's parser throws on it. */
    MEDIA_TYPE_HEADERS,
    /** A declared body over the limit is refused before it is read. */
    BODY_LIMIT;

    /** The priority to register the filter with ({@code Filters.register(handler, priority)}). */
    public int priority() {
        return (values().length - ordinal()) * 100;
    }
}
