package dev.chattoken.sidecar.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Every {@code /v1} route, spelled every way a router might read differently from a filter: in each segment, a matrix
 * parameter, an encoded {@code ;}, {@code /}, {@code \} or {@code .}, an empty segment, a dot segment, a trailing
 * slash, upper case.
 */
public final class PathVariants {

    /** A route of the token API, its method and a body that the route would answer 200 to. */
    public record Route(String method, String path, String body) {}

    /**
     * A spelling of a route.
     *
     * @param canonical false when the spelling is one the sidecar must refuse as non-canonical (400 invalid-path); true
     *     for the canonical ones that name another resource (upper case: 404)
     */
    public record Variant(Route route, String path, String how, boolean canonical) {
        @Override
        public String toString() {
            return route.method() + " " + path + " (" + how + ")";
        }

        /** A raw backslash: the HTTP server's own decoder refuses the request line (a bare 400) before any filter. */
        public boolean refusedByTheHttpDecoder() {
            return path.indexOf('\\') >= 0;
        }
    }

    public static final List<Route> ROUTES = List.of(
            new Route("POST", "/v1/tokens/dg", "{\"user_id\":\"u\"}"),
            new Route("GET", "/v1/profiles", ""),
            new Route("GET", "/v1/profiles/kindly/jwks.json", ""),
            new Route("GET", "/v1/profiles/kindly/public-key.pem", ""),
            new Route("POST", "/v1/verify/dg", "{\"token\":\"x.y.z\"}"));

    private PathVariants() {}

    public static List<Variant> all() {
        List<Variant> variants = new ArrayList<>();
        for (Route route : ROUTES) {
            String[] segments = route.path().substring(1).split("/");
            for (int i = 0; i < segments.length; i++) {
                variants.add(at(route, segments, i, segments[i] + ";x=y", "matrix parameter", false));
                variants.add(at(route, segments, i, segments[i] + "%3Bx", "encoded ;", false));
                variants.add(at(route, segments, i, segments[i] + "%3b", "encoded ; in lower case", false));
                variants.add(at(route, segments, i, "/" + segments[i], "empty segment //", false));
                variants.add(at(route, segments, i, "./" + segments[i], "dot segment /./", false));
                variants.add(at(route, segments, i, "x/../" + segments[i], "dot-dot segment /../", false));
                variants.add(at(route, segments, i, "%2e/" + segments[i], "encoded dot segment", false));
                variants.add(at(route, segments, i, "%2E%2E/" + segments[i], "encoded dot-dot segment", false));
                variants.add(at(route, segments, i, segments[i] + "\\x", "backslash", false));
                variants.add(at(route, segments, i, segments[i] + "%5Cx", "encoded backslash", false));
                variants.add(at(route, segments, i, segments[i].toUpperCase(Locale.ROOT), "upper case", true));
                variants.add(at(
                        route,
                        segments,
                        i,
                        segments[i].substring(0, 1) + "%" + hex(segments[i].charAt(1)) + segments[i].substring(2),
                        "an unreserved character percent-encoded",
                        false));
                if (i < segments.length - 1) {
                    variants.add(new Variant(
                            route,
                            "/" + String.join("/", java.util.Arrays.copyOfRange(segments, 0, i + 1)) + "%2F"
                                    + String.join("/", java.util.Arrays.copyOfRange(segments, i + 1, segments.length)),
                            "encoded / after segment " + i,
                            false));
                }
            }
            variants.add(new Variant(route, route.path() + "/", "trailing /", false));
        }
        return variants;
    }

    private static Variant at(
            Route route, String[] segments, int index, String replacement, String how, boolean canonical) {
        String[] copy = segments.clone();
        copy[index] = replacement;
        return new Variant(route, "/" + String.join("/", copy), how + " in segment " + index, canonical);
    }

    private static String hex(char c) {
        return String.format("%02X", (int) c);
    }
}
