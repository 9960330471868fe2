package io.keyval.kv.http;

import io.keyval.host.api.RequestAttachments;
import io.keyval.kv.KvValidationException;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.util.SortedSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Undertow handler of the whole API: finds the route for the raw path after the mount point,
 * reads the request body without blocking ({@link RequestBodies}), runs the route on a worker thread
 * and turns every failure into a JSON error response.
 *
 * <p>A request without a body whose route has an {@link InlineHandler} is first offered to it on the
 * I/O thread; only when it declines is the request moved to a worker. Responses are always sent from
 * the connection's I/O thread ({@link JsonResponses}), never by the worker: Undertow ends a
 * worker-completed exchange by re-arming the connection's reads from the worker, and the I/O thread
 * that already sees the client's next request busy-waits for that hand-back, which on a machine with
 * few cores starves the very worker it waits for.
 */
final class ApiHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
    private static final HttpError NOT_FOUND = HttpError.notFound("Not found");

    private final Router router;
    private final long maxBodyBytes;

    ApiHandler(Router router, long maxBodyBytes) {
        this.router = router;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        String path = routePath(exchange);
        Router.Match match = router.match(exchange.getRequestMethod(), path);
        if (match == null) {
            notRouted(exchange, path);
            return;
        }
        if (match.streamsBody()) {
            exchange.putAttachment(RequestAttachments.STREAMED_BODY, true); // no time limit for the whole body
            exchange.dispatch(() -> {
                exchange.startBlocking();
                run(exchange, match, null);
            });
            return;
        }
        if (answeredInline(exchange, match)) {
            return;
        }
        RequestBodies.receive(exchange, maxBodyBytes, body -> exchange.dispatch(() -> run(exchange, match, body)));
    }

    /** 405 with the methods the path has, or 404 when it has none. */
    private void notRouted(HttpServerExchange exchange, String path) {
        SortedSet<String> allowed = router.allowedMethods(path);
        if (allowed.isEmpty()) {
            ErrorResponses.send(exchange, NOT_FOUND);
            return;
        }
        String list = String.join(", ", allowed);
        exchange.getResponseHeaders().put(Headers.ALLOW, list);
        ErrorResponses.send(exchange, new HttpError(405, "Method " + exchange.getRequestMethod()
                + " not allowed here (allowed: " + list + ")"));
    }

    private static void run(HttpServerExchange exchange, Router.Match match, byte[] body) {
        try {
            match.handler().handle(new ApiRequest(exchange, match.pathRest(), body));
        } catch (Exception e) {
            ErrorResponses.send(exchange, e);
        } catch (Error e) {
            // Even an OutOfMemoryError answers the request (500) instead of leaving the client waiting.
            ErrorResponses.send(exchange, new IllegalStateException("Request failed with " + e, e));
            if (!(e instanceof OutOfMemoryError)) {
                throw e;
            }
        }
    }

    /**
     * Offers a request without a body to its route's fast path, on the I/O thread.
     *
     * @return whether the request was answered (or failed with a client error); {@code false} when it
     *     must be dispatched
     */
    private static boolean answeredInline(HttpServerExchange exchange, Router.Match match) {
        if (match.inline() == null || !exchange.isInIoThread() || !exchange.isRequestComplete()) {
            return false;
        }
        try {
            return match.inline().tryHandle(new ApiRequest(exchange, match.pathRest(), RequestBodies.NONE));
        } catch (HttpError | KvValidationException e) {
            ErrorResponses.send(exchange, e);
            return true;
        } catch (Exception e) {
            if (exchange.isResponseStarted()) {
                ErrorResponses.send(exchange, e);
                return true;
            }
            // Unexpected here: the worker runs the route again and answers for the failure.
            LOG.debug("{} {} failed on the I/O thread; dispatching it", exchange.getRequestMethod(),
                    exchange.getRequestURI(), e);
            return false;
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
