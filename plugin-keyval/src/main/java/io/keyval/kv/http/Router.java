package io.keyval.kv.http;

import io.undertow.util.HttpString;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The route table of the API. A route is a method and a path relative to {@code {base}/api}:
 * either fixed ({@code /keys/count}) or ending in {@code /*} ({@code /keys/*}), which matches every
 * longer path and hands the rest, still percent-encoded, to the handler. Fixed routes win over
 * {@code *} routes (docs/http-api.md §4, route precedence); among {@code *} routes the longest fixed part wins. Paths are matched
 * on the raw request path, so an encoded character never turns a key into a fixed route. A route may
 * also have an {@link InlineHandler}, a fast path tried on the I/O thread before the handler.
 */
public final class Router {

    private final Map<String, Map<HttpString, Route>> fixed = new HashMap<>();
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
        return add(method, path, null, handler);
    }

    /**
     * Registers a route with a fast path that may answer on the I/O thread (see {@link InlineHandler}).
     *
     * @param method the HTTP method
     * @param path {@code /fixed/path} or {@code /some/prefix/*}
     * @param inline the fast path, or {@code null} for none
     * @param handler the handler, for every request the fast path does not answer
     * @return this router
     * @throws IllegalStateException when the same route is registered twice
     */
    Router add(String method, String path, InlineHandler inline, RouteHandler handler) {
        return add(method, path, new Route(inline, handler, false));
    }

    /**
     * Registers a route that reads its request body itself, as it arrives ({@link ApiRequest#bodyStream}),
     * instead of receiving it whole and limited to {@code maxBodySize}: for bodies of any size, such as
     * an import.
     *
     * @param method the HTTP method
     * @param path {@code /fixed/path}
     * @param handler the handler, run on a worker thread in blocking mode
     * @return this router
     */
    public Router addStreamingBody(String method, String path, RouteHandler handler) {
        return add(method, path, new Route(null, handler, true));
    }

    private Router add(String method, String path, Route route) {
        HttpString m = HttpString.tryFromString(method);
        if (path.endsWith("/*")) {
            String prefix = path.substring(0, path.length() - 1);
            if (prefixed.stream().anyMatch(r -> r.method.equals(m) && r.prefix.equals(prefix))) {
                throw new IllegalStateException("Route registered twice: " + method + " " + path);
            }
            prefixed.add(new PrefixRoute(m, prefix, route));
            // Longest prefix first, so that a more specific * route wins.
            prefixed.sort((a, b) -> b.prefix.length() - a.prefix.length());
        } else if (fixed.computeIfAbsent(path, p -> new HashMap<>()).putIfAbsent(m, route) != null) {
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
        Map<HttpString, Route> byMethod = fixed.get(rawPath);
        Route route = byMethod == null ? null : byMethod.get(method);
        if (route != null) {
            return new Match(route.inline, route.handler, "", route.streamsBody);
        }
        for (PrefixRoute prefixRoute : prefixed) {
            if (prefixRoute.method.equals(method) && rawPath.startsWith(prefixRoute.prefix)) {
                Route r = prefixRoute.route;
                return new Match(r.inline, r.handler, rawPath.substring(prefixRoute.prefix.length()), r.streamsBody);
            }
        }
        return null;
    }

    /**
     * @param rawPath a raw request path relative to {@code {base}/api}
     * @return the methods some route serves {@code rawPath} with, sorted (empty: no route has the path)
     */
    SortedSet<String> allowedMethods(String rawPath) {
        SortedSet<String> methods = new TreeSet<>();
        Map<HttpString, Route> byMethod = fixed.get(rawPath);
        if (byMethod != null) {
            byMethod.keySet().forEach(m -> methods.add(m.toString()));
        }
        for (PrefixRoute prefixRoute : prefixed) {
            if (rawPath.startsWith(prefixRoute.prefix)) {
                methods.add(prefixRoute.method.toString());
            }
        }
        return methods;
    }

    /**
     * A matched route.
     *
     * @param inline its fast path, or {@code null}
     * @param handler its handler
     * @param pathRest the raw path after the fixed part of a {@code *} route, else empty
     * @param streamsBody whether the handler reads the body itself ({@link #addStreamingBody})
     */
    record Match(InlineHandler inline, RouteHandler handler, String pathRest, boolean streamsBody) {
    }

    private record Route(InlineHandler inline, RouteHandler handler, boolean streamsBody) {
    }

    private record PrefixRoute(HttpString method, String prefix, Route route) {
    }
}
