package io.keyval.host;

import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one Undertow server of the host: {@code GET /health}, every plugin's mounted handlers, and JSON
 * errors for everything else (never a stack trace).
 */
public class HttpServer {

    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);

    private final String bindHost;
    private final int port;
    private final Supplier<List<String>> pluginIds;
    private final PrefixRouter router = new PrefixRouter();
    private Undertow undertow;

    /**
     * @param bindHost the address to bind to
     * @param port the port; 0 picks a free one
     * @param pluginIds the plugins {@code /health} reports
     */
    public HttpServer(String bindHost, int port, Supplier<List<String>> pluginIds) {
        this.bindHost = bindHost;
        this.port = port;
        this.pluginIds = pluginIds;
    }

    /**
     * Serves {@code prefix} and every path below it with {@code handler}.
     *
     * @param prefix a full request path prefix, e.g. {@code /keyval/api}
     * @param handler the handler
     */
    public void mount(String prefix, HttpHandler handler) {
        router.mount(prefix, handler);
    }

    /** Binds and starts serving. */
    public void start() {
        undertow = Undertow.builder()
                .addHttpListener(port, bindHost)
                .setHandler(this::handle)
                .build();
        undertow.start();
    }

    /** @return the port actually bound */
    public int port() {
        return ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
    }

    /** Stops serving; does nothing if not started. */
    public void stop() {
        if (undertow != null) {
            undertow.stop();
            undertow = null;
        }
    }

    private void handle(HttpServerExchange exchange) {
        try {
            String path = exchange.getRequestPath();
            if (path.equals("/health") && exchange.getRequestMethod().equals(Methods.GET)) {
                send(exchange, 200, JsonText.health(pluginIds.get()));
                return;
            }
            PrefixRouter.Mount mount = router.find(path);
            if (mount == null) {
                send(exchange, 404, JsonText.error("Not found"));
                return;
            }
            // As Undertow's PathHandler does: the handler sees its mount point and the rest of the path.
            exchange.setResolvedPath(mount.prefix());
            exchange.setRelativePath(path.substring(Math.min(mount.prefix().length(), path.length())));
            mount.handler().handleRequest(exchange);
        } catch (Exception e) {
            LOG.error("Request {} {} failed", exchange.getRequestMethod(), exchange.getRequestPath(), e);
            if (!exchange.isResponseStarted()) {
                send(exchange, 500, JsonText.error("Internal server error"));
            }
        }
    }

    private static void send(HttpServerExchange exchange, int status, String json) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseSender().send(json);
    }
}
