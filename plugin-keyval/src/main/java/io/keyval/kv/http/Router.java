package io.keyval.kv.http;

import io.undertow.util.HttpString;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The route table of the API. A route is a method and a path relative to {@code {base}/api}:
 * either fixed ({@code /keys/count}) or ending in {@code /*} ({@code /keys/*}), which matches every
 * longer path and hands the rest, still percent-encoded, to the handler. Fixed routes win over
 * {@code *} routes (SPEC §2.0); among {@code *} routes the longest fixed part wins. Paths are matched
 * on the raw request path, so an encoded character never turns a key into a fixed route.
 */
public final class Router {

    private final Map<String, Map<HttpString, RouteHandler>> fixed = new HashMap<>();
    private final List<PrefixRoute> prefixed = new ArrayList<>();

    /**
     * Registers a route.
     *
     * @param method the HTTP method, e.g. {@code "GET"}
     * @param path {@code /fixed/path} or {@code /some/prefix/*}
     * @param handler the handler
     * @return this router
     * @throws IllegalStateException when the same route is registered twice
     */
    public Router add(String method, String path, RouteHandler handler) {
        HttpString m = HttpString.tryFromString(method);
        if (path.endsWith("/*")) {
            String prefix = path.substring(0, path.length() - 1);
            if (prefixed.stream().anyMatch(r -> r.method.equals(m) && r.prefix.equals(prefix))) {
                throw new IllegalStateException("Route registered twice: " + method + " " + path);
            }
            prefixed.add(new PrefixRoute(m, prefix, handler));
            // Longest prefix first, so that a more specific * route wins.
            prefixed.sort((a, b) -> b.prefix.length() - a.prefix.length());
        } else if (fixed.computeIfAbsent(path, p -> new HashMap<>()).putIfAbsent(m, handler) != null) {
            throw new IllegalStateException("Route registered twice: " + method + " " + path);
        }
        return this;
    }

    /**
     * @param method the request method
     * @param rawPath the raw request path relative to {@code {base}/api}, e.g. {@code /keys/a%2Fb}
     * @return the matching route, or {@code null}
     */
    Match match(HttpString method, String rawPath) {
        Map<HttpString, RouteHandler> byMethod = fixed.get(rawPath);
        RouteHandler handler = byMethod == null ? null : byMethod.get(method);
        if (handler != null) {
            return new Match(handler, "");
        }
        for (PrefixRoute route : prefixed) {
            if (route.method.equals(method) && rawPath.startsWith(route.prefix)) {
                return new Match(route.handler, rawPath.substring(route.prefix.length()));
            }
        }
        return null;
    }

    /**
     * A matched route.
     *
     * @param handler its handler
     * @param pathRest the raw path after the fixed part of a {@code *} route, else empty
     */
    record Match(RouteHandler handler, String pathRest) {
    }

    private record PrefixRoute(HttpString method, String prefix, RouteHandler handler) {
    }
}
