package io.keyval.kv.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/**
 * The Undertow handler of the whole API: moves the request to a worker thread, finds the route for the
 * raw path after the mount point and runs it, turning every failure into a JSON error response.
 */
final class ApiHandler implements HttpHandler {

    private static final HttpError NOT_FOUND = HttpError.notFound("Not found");

    private final Router router;
    private final long maxBodyBytes;

    ApiHandler(Router router, long maxBodyBytes) {
        this.router = router;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (exchange.isInIoThread()) {
            exchange.dispatch(this);
            return;
        }
        exchange.startBlocking();
        try {
            Router.Match match = router.match(exchange.getRequestMethod(), routePath(exchange));
            if (match == null) {
                throw NOT_FOUND;
            }
            match.handler().handle(new ApiRequest(exchange, match.pathRest(), maxBodyBytes));
        } catch (Exception e) {
            ErrorResponses.send(exchange, e);
        }
    }

    /**
     * The raw (still percent-encoded) request path below the mount point. The host mounts this handler
     * PathHandler-style, so the resolved path is the decoded mount point ({@code /keyval/api}); the same
     * number of segments is dropped from the raw path, whatever the base is.
     */
    private static String routePath(HttpServerExchange exchange) {
        String raw = exchange.getRequestURI();
        if (exchange.isHostIncludedInRequestURI()) {
            int authority = raw.indexOf("://");
            int slash = authority < 0 ? -1 : raw.indexOf('/', authority + 3);
            raw = slash < 0 ? "/" : raw.substring(slash);
        }
        String mount = exchange.getResolvedPath();
        int pos = 0;
        for (int i = 0; i < mount.length(); i++) {
            if (mount.charAt(i) == '/' && i + 1 < mount.length() && mount.charAt(i + 1) != '/') {
                pos = raw.indexOf('/', pos + 1);
                if (pos < 0) {
                    return "";
                }
            }
        }
        return raw.substring(pos);
    }
}
