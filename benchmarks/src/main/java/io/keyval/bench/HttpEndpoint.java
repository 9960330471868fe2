package io.keyval.bench;

import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.util.Headers;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * An Undertow server in this process (default settings, as the host's) on a free port: either the
 * KeyVal HTTP API over a fresh store, or the raw baseline handler.
 *
 * <p>The API runs in the benchmark's JVM rather than in a child host so that it is measured warm (the
 * warm-up pass compiles it) on a fresh database every round, in the same JVM as its baseline.
 */
final class HttpEndpoint implements AutoCloseable {

    private final String system;
    private final String durability;
    private final HttpRoutes routes;
    private final Dataset data;
    private final AutoCloseable backing;
    private final Undertow server;

    private HttpEndpoint(String system, String durability, HttpRoutes routes, Dataset data, HttpHandler handler,
            AutoCloseable backing) {
        this.system = system;
        this.durability = durability;
        this.routes = routes;
        this.data = data;
        this.backing = backing;
        this.server = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(handler).build();
        server.start();
    }

    /**
     * @param store a fresh store; closed with the endpoint
     * @param data the benchmark data
     * @return the KeyVal HTTP API mounted at {@code /keyval/api}, like the host does
     */
    static HttpEndpoint keyval(KvApiStore store, Dataset data) {
        HttpHandler api = store.runtime().httpApi();
        return new HttpEndpoint(store.system(), store.durability(), new KvHttpRoutes(data), data,
                Handlers.path().addPrefixPath(KvHttpRoutes.MOUNT, api), store);
    }

    /**
     * @param system the {@code system} of its result lines
     * @param durability the durability of the store behind {@code api}
     * @param api a KeyVal HTTP API over a store the caller owns
     * @param data the benchmark data
     * @return {@code api} mounted at {@code /keyval/api}, like the host does
     */
    static HttpEndpoint keyval(String system, String durability, HttpHandler api, Dataset data) {
        return new HttpEndpoint(system, durability, new KvHttpRoutes(data), data,
                Handlers.path().addPrefixPath(KvHttpRoutes.MOUNT, api), () -> { });
    }

    /**
     * @param data the benchmark data (the bodies the clients send)
     * @return the trivial handler answering every request with {@link FixedBodyRoutes#BODY}
     */
    static HttpEndpoint rawUndertow(Dataset data) {
        HttpHandler fixed = exchange -> {
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
            exchange.getResponseSender().send(ByteBuffer.wrap(FixedBodyRoutes.BODY));
        };
        return new HttpEndpoint("raw-undertow", "none (no storage)", new FixedBodyRoutes(), data, fixed, () -> { });
    }

    /**
     * @param value the bytes every GET answers with
     * @return a handler that stores nothing: GET answers {@code value}, PUT reads the body and drops it
     */
    static HttpEndpoint bareUndertow(byte[] value) {
        HttpHandler bare = exchange -> {
            if (exchange.getRequestMethod().equalToString("PUT")) {
                exchange.getRequestReceiver().receivePartialBytes((ex, chunk, last) -> {
                    if (last) {
                        ex.getResponseSender().send("{\"ok\":true}");
                    }
                });
            } else {
                exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
                exchange.getResponseSender().send(ByteBuffer.wrap(value));
            }
        };
        return new HttpEndpoint("bare-undertow", "none (no storage)", new FixedBodyRoutes(), new Dataset(1), bare, () -> { });
    }

    /** @return the {@code system} of its result lines */
    String system() {
        return system;
    }

    /** @return the durability of what serves the requests */
    String durability() {
        return durability;
    }

    /** @return opens one keep-alive connection per benchmark thread */
    ClientFactory<PointClient> clients() {
        int port = port();
        return () -> new HttpPointClient(new HttpConnection(port), routes, data);
    }

    /** @return the server's port on 127.0.0.1 */
    int port() {
        return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    @Override
    public void close() throws Exception {
        server.stop();
        backing.close();
    }
}
