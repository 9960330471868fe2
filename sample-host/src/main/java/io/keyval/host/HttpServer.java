package io.keyval.host;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.connector.ByteBufferPool;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpOpenListener;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.ChannelListeners;
import org.xnio.IoUtils;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.StreamConnection;
import org.xnio.Xnio;
import org.xnio.XnioWorker;
import org.xnio.channels.AcceptingChannel;

/**
 * The one HTTP server of the host: {@code GET /health}, every plugin's mounted handlers, and JSON
 * errors for everything else (never a stack trace).
 *
 * <p>Assembled from Undertow's HTTP/1.1 listener on an XNIO worker (rather than {@link Undertow}'s
 * builder) so that every connection passes a {@link ConnectionLimit} first. Requests then pass
 * {@link RequestGate} (first, so that a stopping server answers a request on an open connection
 * before anything else would need its I/O thread's timers), {@link RequestLimits} and
 * {@link RequestGuard} before they are routed.
 * Undertow's parser, which can only answer an empty 400, is set up to let through what a client can
 * reasonably send (undecoded URLs, bytes beyond ASCII, many parameters, large heads) so that the
 * host's own limits answer with JSON.
 *
 * <p>Timeouts: the request head must arrive within {@code server.requestTimeout}, and so must the
 * body ({@link RequestLimits}); a keep-alive connection is closed after {@code server.idleTimeout}
 * without a request. None of them cuts a response in progress, however long (a stream).
 */
public class HttpServer {

    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
    /** Undertow's own limit for a request head: far above {@link RequestLimits}, still bounded. */
    private static final int PARSER_MAX_HEAD_BYTES = 4 * 1024 * 1024;
    /** Connections beyond the limit that are still accepted (to be refused with a 503). */
    static final int REFUSED_CONNECTIONS = 256;

    private final ServerSettings settings;
    private final Supplier<List<String>> pluginIds;
    private final PrefixRouter router = new PrefixRouter();
    private RequestGate gate;
    private XnioWorker worker;
    private AcceptingChannel<StreamConnection> listener;

    /**
     * @param settings where to listen and the limits to enforce
     * @param pluginIds the plugins {@code /health} reports
     */
    public HttpServer(ServerSettings settings, Supplier<List<String>> pluginIds) {
        this.settings = settings;
        this.pluginIds = pluginIds;
    }

    /**
     * Serves {@code prefix} and every path below it with {@code handler}.
     *
     * @param prefix a full request path prefix, e.g. {@code /keyval/api}
     * @param handler the handler
     */
    public void mount(String prefix, HttpHandler handler) {
        mount(prefix, handler, false);
    }

    /**
     * @param prefix a full request path prefix
     * @param handler the handler
     * @param tokenFree whether requests it serves need no bearer token (static content without data)
     */
    public void mount(String prefix, HttpHandler handler, boolean tokenFree) {
        router.mount(prefix, handler, tokenFree);
    }

    /**
     * Binds and starts serving.
     *
     * @throws HostStartException when the address cannot be bound (naming it and how to change it)
     */
    public void start() {
        int ioThreads = Math.max(Runtime.getRuntime().availableProcessors(), 2);
        try {
            worker = Xnio.getInstance(Undertow.class.getClassLoader()).createWorker(OptionMap.builder()
                    .set(Options.WORKER_IO_THREADS, ioThreads)
                    .set(Options.WORKER_TASK_CORE_THREADS, ioThreads * 8)
                    .set(Options.WORKER_TASK_MAX_THREADS, ioThreads * 8)
                    .set(Options.TCP_NODELAY, true)
                    .getMap());
        } catch (IOException e) {
            throw new HostStartException("Cannot start the HTTP worker: " + e.getMessage(), e);
        }
        HttpHandler checked = new RequestLimits(new RequestGuard(this::route, settings, router::isTokenFree),
                settings.requestTimeoutMillis());
        gate = new RequestGate(checked, settings.maxRequests());
        ByteBufferPool buffers = new DefaultByteBufferPool(true, 16 * 1024 - 20, -1, 4);
        HttpOpenListener http = new HttpOpenListener(buffers, OptionMap.builder()
                .set(UndertowOptions.DECODE_URL, false)
                .set(UndertowOptions.ALLOW_UNESCAPED_CHARACTERS_IN_URL, true)
                .set(UndertowOptions.MAX_PARAMETERS, RequestLimits.MAX_QUERY_PARAMETERS * 100)
                .set(UndertowOptions.MAX_HEADERS, RequestLimits.MAX_HEADERS * 10)
                .set(UndertowOptions.MAX_HEADER_SIZE, PARSER_MAX_HEAD_BYTES)
                .set(UndertowOptions.REQUEST_PARSE_TIMEOUT, (int) Math.min(Integer.MAX_VALUE, settings.requestTimeoutMillis()))
                .set(UndertowOptions.NO_REQUEST_TIMEOUT, (int) Math.min(Integer.MAX_VALUE, settings.idleTimeoutMillis()))
                .getMap());
        http.setRootHandler(gate);
        int acceptedAtMost = settings.maxConnections() + REFUSED_CONNECTIONS;
        try {
            listener = worker.createStreamConnectionServer(new InetSocketAddress(settings.bindHost(), settings.port()),
                    ChannelListeners.openListenerAdapter(new ConnectionLimit(http, settings.maxConnections())),
                    OptionMap.builder()
                            .set(Options.REUSE_ADDRESSES, true)
                            .set(Options.TCP_NODELAY, true)
                            .set(Options.BACKLOG, 1024)
                            // Far beyond the limit, stop accepting: file descriptors stay bounded.
                            .set(Options.CONNECTION_HIGH_WATER, acceptedAtMost)
                            .set(Options.CONNECTION_LOW_WATER, acceptedAtMost)
                            .getMap());
        } catch (IOException e) {
            worker.shutdownNow();
            throw bindFailure(e);
        }
        listener.resumeAccepts();
    }

    private HostStartException bindFailure(IOException e) {
        String address = settings.bindHost() + ":" + settings.port();
        if (e instanceof BindException) {
            return new HostStartException("Cannot listen on " + address + ": " + e.getMessage()
                    + "; choose another port with --port, server.port or KEYVAL_PORT (0 picks a free one)", e);
        }
        return new HostStartException("Cannot listen on " + address + ": " + e.getMessage()
                + "; check server.host (KEYVAL_HOST)", e);
    }

    /** @return the port actually bound */
    public int port() {
        return ((InetSocketAddress) listener.getLocalAddress()).getPort();
    }

    /**
     * The first step of a graceful stop: no new connection is accepted, new requests on open
     * connections are refused with 503, and the requests in progress may finish.
     *
     * @param timeoutMillis the longest wait for requests in progress
     */
    public void drain(long timeoutMillis) {
        if (listener == null) {
            return;
        }
        long deadline = System.currentTimeMillis() + timeoutMillis;
        IoUtils.safeClose(listener);
        gate.close();
        int left = gate.awaitIdle(timeoutMillis);
        if (left > 0) {
            LOG.warn("{} request(s) still in progress after {} ms; stopping anyway", left, timeoutMillis);
            return;
        }
        // An exchange ends when its client goes away, while the worker serving it may still run:
        // wait for the workers too, so that no plugin is shut down under them.
        while (worker.getMXBean().getBusyWorkerThreadCount() > 0 || worker.getMXBean().getWorkerQueueSize() > 0) {
            if (System.currentTimeMillis() >= deadline) {
                LOG.warn("Worker threads still busy after {} ms; stopping anyway", timeoutMillis);
                return;
            }
            try {
                Thread.sleep(10); // a shutdown-only wait: the pool reports counts, not completions
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Stops serving and closes every connection; does nothing if not started. */
    public void stop() {
        if (listener != null) {
            IoUtils.safeClose(listener);
            listener = null;
        }
        if (worker != null) {
            worker.shutdownNow();
            worker = null;
        }
    }

    private void route(HttpServerExchange exchange) throws Exception {
        try {
            String path = exchange.getRequestPath();
            if (path.equals("/health")) {
                health(exchange);
                return;
            }
            PrefixRouter.Mount mount = router.find(path);
            if (mount == null) {
                JsonText.send(exchange, 404, "Not found");
                return;
            }
            // As Undertow's PathHandler does: the handler sees its mount point and the rest of the path,
            // which keeps its leading slash also under a prefix that ends with one (the root, "/").
            String point = mount.prefix().endsWith("/") ? mount.prefix().substring(0, mount.prefix().length() - 1) : mount.prefix();
            exchange.setResolvedPath(point);
            exchange.setRelativePath(path.substring(Math.min(point.length(), path.length())));
            mount.handler().handleRequest(exchange);
        } catch (Exception e) {
            LOG.error("Request {} {} failed", exchange.getRequestMethod(), exchange.getRequestPath(), e);
            if (!exchange.isResponseStarted()) {
                JsonText.send(exchange, 500, "Internal server error");
            }
        }
    }

    private void health(HttpServerExchange exchange) {
        if (!exchange.getRequestMethod().equals(Methods.GET) && !exchange.getRequestMethod().equals(Methods.HEAD)) {
            exchange.getResponseHeaders().put(Headers.ALLOW, "GET, HEAD");
            JsonText.send(exchange, 405, "Method " + exchange.getRequestMethod() + " not allowed on /health (allowed: GET, HEAD)");
            return;
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseSender().send(JsonText.health(pluginIds.get()));
    }
}
