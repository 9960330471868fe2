package io.keyval.kv.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyval.database.DatabaseAdapter;
import io.keyval.database.Databases;
import io.keyval.database.testing.TestDatabases;
import io.keyval.kv.Key;
import io.keyval.kv.metrics.MetricsRecorder;
import io.keyval.kv.service.KvService;
import io.keyval.kv.store.KvStore;
import io.undertow.server.HttpHandler;
import io.keyval.kv.store.RawPage;
import io.keyval.kv.store.StoredEntry;
import io.undertow.Handlers;
import io.undertow.Undertow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A real store on a real database served by {@link KvHttpApi} over a real socket, mounted under
 * {@code /keyval/api} by an Undertow path handler exactly as the host mounts it, plus an HTTP client.
 */
final class KvHttpTestServer implements AutoCloseable {

    /** The request body cap of the test server. */
    static final long MAX_BODY = 2L * 1024 * 1024;
    static final String API = "/keyval/api";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Databases.ClosableDatabaseService databases;
    private final KvStore store;
    private final Undertow undertow;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final int port;
    private final String origin;

    KvHttpTestServer(TestDatabases.Engine engine, Path dir) {
        this(engine, dir, UnaryOperator.identity());
    }

    /**
     * @param engine the engine
     * @param dir the per-class directory
     * @param adapter wraps the database's adapter before the store gets it
     */
    KvHttpTestServer(TestDatabases.Engine engine, Path dir, UnaryOperator<DatabaseAdapter> adapter) {
        databases = TestDatabases.open(engine, dir);
        store = KvStore.open(adapter.apply(databases.getRootAdapter(null)), Clock.systemUTC());
        undertow = Undertow.builder()
                .addHttpListener(0, "127.0.0.1")
                .setHandler(Handlers.path().addPrefixPath(API, api(store)))
                .build();
        undertow.start();
        port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
        origin = "http://127.0.0.1:" + port;
    }

    /** The API of the keys and atomic routes, uncounted (the metrics routes are tested on a real host). */
    private static HttpHandler api(KvStore store) {
        KvService service = new KvService(store, MetricsRecorder.NONE);
        return new KvHttpApi(List.of(new KeysRoutes(service), new AtomicRoutes(service)), MAX_BODY).handler();
    }

    /**
     * @return a raw connection to the server; reads fail after 30 s instead of hanging the build
     * @throws IOException if connecting fails
     */
    Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
        return socket;
    }

    /**
     * @param path a raw path below {@code /keyval/api}, with query, e.g. {@code /keys?prefix=a}
     * @return the reply
     */
    Reply get(String path) {
        return send("GET", path, (String) null);
    }

    /**
     * @param path a raw path below {@code /keyval/api}
     * @return the reply to a DELETE without body
     */
    Reply delete(String path) {
        return send("DELETE", path, (String) null);
    }

    /**
     * @param method the method
     * @param path a raw path below {@code /keyval/api}
     * @param body the body text, or {@code null} for none
     * @return the reply
     */
    Reply send(String method, String path, String body) {
        return sendWith(method, path, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
    }

    Reply sendWith(String method, String path, BodyPublisher body) {
        return send(request(path).method(method, body));
    }

    /**
     * @param path a raw path below {@code /keyval/api}
     * @return a request builder for it
     */
    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(origin + API + path));
    }

    Reply send(HttpRequest.Builder request) {
        try {
            var response = client.send(request.build(), BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** @return every live entry of the store, in key order (read through the store, not over HTTP) */
    List<StoredEntry> snapshot() {
        List<StoredEntry> all = new ArrayList<>();
        String cursor = null;
        RawPage page;
        do {
            page = store.paginate(Key.of(), cursor, 1000, false);
            all.addAll(page.entries());
            cursor = page.cursor();
        } while (page.hasMore());
        return all;
    }

    @Override
    public void close() {
        undertow.stop();
        store.close();
        databases.close();
    }

    /**
     * An HTTP response.
     *
     * @param status the status
     * @param body the body text
     * @param contentType the Content-Type, or {@code null}
     */
    record Reply(int status, String body, String contentType) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON (" + status + "): " + body, e);
            }
        }

        /** @return the JSON body of a 200 response (fails the test for any other status) */
        JsonNode okJson() {
            if (status != 200) {
                throw new AssertionError("Expected 200, got " + this);
            }
            return json();
        }

        /** @return the {@code error} text of an error body */
        String error() {
            JsonNode error = json().get("error");
            if (error == null || !error.isTextual()) {
                throw new AssertionError("No error string in (" + status + "): " + body);
            }
            return error.textValue();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
